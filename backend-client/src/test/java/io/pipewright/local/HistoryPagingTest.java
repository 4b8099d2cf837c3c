package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.workspace.ExperimentSummary;
import io.pipewright.workspace.RunPage;
import io.pipewright.workspace.RunQuery;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history of 10,000 runs in real SQLite, paged, filtered and searched in the database: each page
 * newest first, counts over all pages, experiments with their run counts.
 */
class HistoryPagingTest {

  private static final int RUNS = 10_000;
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir static Path temp;
  private static HistoryStore store;

  /**
   * Run i is created at START + i minutes, in experiment "exp-(i % 3)", with parameter rate = i,
   * target "cluster" on every tenth run and "--regenerate" on every seventh; every fourth run
   * failed with a message naming step 'prep'.
   */
  @BeforeAll
  static void tenThousandRuns() throws Exception {
    store = HistoryStore.open(temp.resolve("history.db"));
    for (int i = 0; i < RUNS; i++) {
      String runId = String.format("run-%05d", i);
      Instant created = START.plusSeconds(60L * i);
      store.insertRun(new HistoryStore.NewRun(runId, "exp-" + (i % 3), "titanic", "Titanic prep", "/p/titanic.pipeline.json",
          "{\"id\":\"titanic\"}", Json.write(Map.of("rate", Integer.toString(i))), 1, 1,
          List.of(new HistoryStore.NewChild("prep", "prep", "local-spark")), i % 10 == 0 ? "cluster" : null, i % 7 == 0),
          created);
      if (i % 4 == 0) {
        store.setRunStatus(runId, RunStatus.FAILED, "step 'prep' failed: java.lang.ArithmeticException: / by zero",
            created.plusSeconds(5));
      } else {
        store.setRunStatus(runId, RunStatus.COMPLETED, null, created.plusSeconds(5));
      }
    }
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static List<String> ids(RunPage page) {
    return page.runs().stream().map(RunSummary::runId).toList();
  }

  @Test
  void theFirstPageIsTheNewestRunsAndTheTotalCountsThemAll() throws Exception {
    RunPage page = store.runs(RunQuery.newest(50));

    assertThat(page.total()).isEqualTo(RUNS);
    assertThat(page.runs()).hasSize(50);
    assertThat(page.runs().get(0).runId()).isEqualTo("run-09999");
    assertThat(page.runs().get(49).runId()).isEqualTo("run-09950");
  }

  @Test
  void aLaterPageContinuesWhereThePreviousEndedAndThePastTheEndPageIsEmpty() throws Exception {
    RunPage third = store.runs(new RunQuery(null, null, Set.of(), 100, 50));
    RunPage last = store.runs(new RunQuery(null, null, Set.of(), 9_980, 50));
    RunPage beyond = store.runs(new RunQuery(null, null, Set.of(), 10_000, 50));

    assertThat(ids(third)).first().isEqualTo("run-09899");
    assertThat(ids(third)).last().isEqualTo("run-09850");
    assertThat(ids(last)).hasSize(20).last().isEqualTo("run-00000");
    assertThat(beyond.runs()).isEmpty();
    assertThat(beyond.total()).isEqualTo(RUNS);
  }

  @Test
  void anExperimentFilterListsOnlyItsRunsNewestFirst() throws Exception {
    RunPage page = store.runs(new RunQuery("exp-1", null, Set.of(), 0, 3));

    assertThat(page.total()).isEqualTo(3333);
    assertThat(ids(page)).containsExactly("run-09997", "run-09994", "run-09991");
    assertThat(page.runs()).allSatisfy(r -> assertThat(r.experiment()).isEqualTo("exp-1"));
  }

  @Test
  void aStatusFilterCombinesWithTheExperiment() throws Exception {
    RunPage failed = store.runs(new RunQuery(null, null, Set.of(RunStatus.FAILED), 0, 2));
    RunPage failedInExp0 = store.runs(new RunQuery("exp-0", null, Set.of(RunStatus.FAILED), 0, 2));
    RunPage either = store.runs(new RunQuery(null, null, Set.of(RunStatus.FAILED, RunStatus.COMPLETED), 0, 1));

    assertThat(failed.total()).isEqualTo(2500);
    assertThat(ids(failed)).containsExactly("run-09996", "run-09992");
    assertThat(failedInExp0.total()).as("i %% 12 == 0").isEqualTo(834);
    assertThat(ids(failedInExp0)).containsExactly("run-09996", "run-09984");
    assertThat(either.total()).isEqualTo(RUNS);
  }

  @Test
  void searchFindsTextInTheIdTargetMessageAndParameters() throws Exception {
    assertThat(store.runs(new RunQuery(null, "run-0999", Set.of(), 0, 50)).total()).isEqualTo(10);
    assertThat(store.runs(new RunQuery(null, "CLUSTER", Set.of(), 0, 50)).total()).as("case-insensitive").isEqualTo(1000);
    assertThat(store.runs(new RunQuery(null, "by zero", Set.of(), 0, 50)).total()).isEqualTo(2500);
    assertThat(ids(store.runs(new RunQuery(null, "\"rate\":\"4242\"", Set.of(), 0, 50)))).containsExactly("run-04242");
    assertThat(ids(store.runs(new RunQuery(null, "rate=4243", Set.of(), 0, 50)))).as("as the parameters are shown")
        .containsExactly("run-04243");
    assertThat(store.runs(new RunQuery("exp-2", "titanic prep", Set.of(), 0, 50)).total()).isEqualTo(3333);
  }

  @Test
  void searchTakesPercentAndUnderscoreLiterally() throws Exception {
    assertThat(store.runs(new RunQuery(null, "%", Set.of(), 0, 50)).total()).isZero();
    assertThat(store.runs(new RunQuery(null, "run_0", Set.of(), 0, 50)).total()).isZero();
  }

  @Test
  void aRunReadsBackItsTargetParametersAndRegenerateFlag() throws Exception {
    RunSummary run = store.run("run-00070").orElseThrow();
    RunSummary plain = store.run("run-00071").orElseThrow();

    assertThat(run.target()).isEqualTo("cluster");
    assertThat(run.regenerateOutputs()).isTrue();
    assertThat(run.parameters()).isEqualTo(Map.of("rate", "70"));
    assertThat(plain.target()).isNull();
    assertThat(plain.regenerateOutputs()).isFalse();
  }

  @Test
  void experimentsListTheirRunCountsTheOneWithTheLatestRunFirst() throws Exception {
    assertThat(store.experiments()).containsExactly(
        new ExperimentSummary("exp-0", 3334, START.plusSeconds(60L * 9999)),
        new ExperimentSummary("exp-2", 3333, START.plusSeconds(60L * 9998)),
        new ExperimentSummary("exp-1", 3333, START.plusSeconds(60L * 9997)));
  }

  @Test
  void theRecordedPipelineIsTheJsonTheRunWasSubmittedWith() throws Exception {
    assertThat(store.pipelineJson("run-00001")).contains("{\"id\":\"titanic\"}");
    assertThat(store.pipelineJson("no-such-run")).isEmpty();
  }
}
