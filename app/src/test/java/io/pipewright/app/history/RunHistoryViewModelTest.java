package io.pipewright.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.RunStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Runs view's history on a real embedded workspace holding 10,000 runs. */
class RunHistoryViewModelTest {
  static final int RUNS = 10_000;
  @TempDir Path temp;
  private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
  private LocalWorkspace workspace;
  private RunHistoryViewModel history;

  @BeforeEach
  void open() throws Exception {
    Path home = temp.resolve("home");
    LocalWorkspace.open(home).close(); // makes the history file
    HistoryRows.insert(home, RUNS, List.of("titanic", "churn", "nightly"));
    workspace = LocalWorkspace.open(home);
    AppContext context = new AppContext(executor, null, PipelineDocument.empty());
    context.workspaceProperty().set(workspace);
    history = new RunHistoryViewModel(context);
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  @Test
  void listsEveryRunNewestFirstWithTheCountButReadsOnlyThePagesShown() {
    history.refresh();

    assertThat(history.countBinding().get()).isEqualTo("10,000 runs");
    assertThat(history.rows()).hasSize(RUNS);
    assertThat(history.rows().get(0).run().runId()).isEqualTo(HistoryRows.id(RUNS - 1));
    assertThat(history.rows().get(RunHistoryViewModel.PAGE_SIZE - 1).run().runId())
        .isEqualTo(HistoryRows.id(RUNS - RunHistoryViewModel.PAGE_SIZE));
    assertThat(history.rows().get(RunHistoryViewModel.PAGE_SIZE).run()).as("not read until shown").isNull();
    assertThat(history.rows().get(RUNS - 1).run()).isNull();

    history.show(RUNS - 1); // scrolled to the end

    assertThat(history.rows().get(RUNS - 1).run().runId()).isEqualTo(HistoryRows.id(0));
    assertThat(history.rows().get(RUNS - RunHistoryViewModel.PAGE_SIZE).run().runId())
        .isEqualTo(HistoryRows.id(RunHistoryViewModel.PAGE_SIZE - 1));
    assertThat(history.rows().get(5_000).run()).as("the pages in between are still not read").isNull();
  }

  @Test
  void listsTheExperimentsWithTheirRunCountsAllExperimentsFirst() {
    history.refresh();

    assertThat(history.experiments()).extracting(ExperimentChoice::toString).containsExactlyInAnyOrder(
        "All experiments (10,000)", "titanic (3,334)", "churn (3,333)", "nightly (3,333)");
    assertThat(history.experiments().get(0).isAll()).isTrue();
    assertThat(history.experimentProperty().get().isAll()).isTrue();

    history.experimentProperty().set(history.experiments().stream().filter(x -> "churn".equals(x.name()))
        .findFirst().orElseThrow());

    assertThat(history.countBinding().get()).isEqualTo("3,333 runs");
    assertThat(history.rows().get(0).run().experiment()).isEqualTo("churn");
    assertThat(history.rows().get(0).run().runId()).isEqualTo(HistoryRows.id(RUNS - 3)); // 9997 % 3 == 1: churn
  }

  @Test
  void searchNarrowsTheListOnceTheUserStopsTyping() {
    history.refresh();

    history.searchProperty().set("run-00012");
    assertThat(history.countBinding().get()).as("not yet: the search waits for a pause in typing").isEqualTo("10,000 runs");
    executor.runPending();

    assertThat(history.countBinding().get()).isEqualTo("10 runs");
    assertThat(history.rows()).extracting(r -> r.run().runId()).containsExactly(
        "run-000129", "run-000128", "run-000127", "run-000126", "run-000125", "run-000124", "run-000123",
        "run-000122", "run-000121", "run-000120");
  }

  @Test
  void theStatusFilterListsOnlyFailedRuns() {
    history.refresh();

    history.statusProperty().set(StatusFilter.FAILED);

    long failed = java.util.stream.IntStream.range(0, RUNS).filter(HistoryRows::failed).count();
    assertThat(history.totalProperty().get()).isEqualTo((int) failed);
    assertThat(history.rows().get(0).run().status()).isEqualTo(RunStatus.FAILED);
    assertThat(history.rows().get(0).run().runId()).isEqualTo(HistoryRows.id(9_999)); // 9999 % 7 == 3
  }

  @Test
  void aRefreshListsTheRunsAddedSinceNewestFirst() throws Exception {
    history.refresh();
    HistoryRows.insert(temp.resolve("home"), RUNS, RUNS + 2, List.of("titanic"));
    assertThat(history.countBinding().get()).isEqualTo("10,000 runs");

    history.refresh();

    assertThat(history.countBinding().get()).isEqualTo("10,002 runs");
    assertThat(history.rows().get(0).run().runId()).isEqualTo(HistoryRows.id(RUNS + 1));
    assertThat(history.experiments().get(0)).hasToString("All experiments (10,002)");
  }

  @Test
  void aRunListedAgainIsFoundByItsIdForTheSelection() {
    history.refresh();
    java.util.concurrent.atomic.AtomicReference<RunRow> found = new java.util.concurrent.atomic.AtomicReference<>();
    history.whenListed(rows -> found.set(history.rowOf(HistoryRows.id(RUNS - 5)).orElse(null)));

    history.refresh();

    assertThat(found.get()).isNotNull();
    assertThat(found.get().index()).isEqualTo(4);
  }

  @Test
  void countsInWords() {
    assertThat(RunHistoryViewModel.runs(0)).isEqualTo("0 runs");
    assertThat(RunHistoryViewModel.runs(1)).isEqualTo("1 run");
    assertThat(RunHistoryViewModel.runs(1234)).isEqualTo("1,234 runs");
  }
}
