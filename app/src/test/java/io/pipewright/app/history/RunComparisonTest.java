package io.pipewright.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.Environment;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Pipeline;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two runs side by side: only what differs, with durations' differences. */
class RunComparisonTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  private static Pipeline pipeline(String executorMemory, Map<String, String> conf, String datasetPath) {
    SparkSettings settings = new SparkSettings("7g", 4, executorMemory, 2, 1, null, conf, List.of(), List.of(),
        List.of(), List.of());
    Step prep = new Step("prep", "Prepare data", null, new SparkStep(new SparkEntry.Sql("prep.sql"), settings),
        "local-spark", ".", List.of(), List.of(new OutputPort("prepared", null)), List.of("--rows", "10"),
        Environment.EMPTY, true);
    DatasetNode titanic = new DatasetNode("titanic", "Titanic", DatasetKind.TABULAR,
        new DatasetSource.DatastorePath("workspaceblobstore", datasetPath));
    return new Pipeline("p", "Titanic", null, List.of(), "local-spark", List.of(titanic), List.of(prep), List.of(),
        null);
  }

  private static RecordedRun run(String id, Map<String, String> parameters, Pipeline p, RunStatus status, long seconds) {
    RunSummary summary = new RunSummary(id, "titanic", "Titanic", "/p/titanic.pipeline.json", status, null, T, T,
        T.plusSeconds(seconds + 5), null, parameters, false);
    ChildRun prep = new ChildRun(id, "prep", "Prepare data", "local-spark", status, null, null, T,
        T.plusSeconds(seconds), Map.of());
    return new RecordedRun(summary, p, List.of(prep), true);
  }

  @Test
  void rowsThatDifferAreMarkedAndDurationsSayByHowMuch() {
    RecordedRun left = run("r1", Map.of("rows", "10"), pipeline("7g", Map.of("spark.sql.shuffle.partitions", "8"),
        "titanic/Titanic.csv"), RunStatus.FAILED, 12);
    RecordedRun right = run("r2", Map.of("rows", "20"), pipeline("8g", Map.of("spark.sql.shuffle.partitions", "8"),
        "titanic/Titanic-v2.csv"), RunStatus.COMPLETED, 15);

    RunComparison c = RunComparison.of(left, right);

    assertThat(c.rows()).filteredOn(r -> !r.same()).extracting(r -> r.section() + " | " + r.what() + " | "
        + r.left() + " → " + r.right() + (r.difference().isEmpty() ? "" : " (" + r.difference() + ")"))
        .containsExactly(
            "Run | Run | r1 → r2",
            "Run | Status | Failed → Completed",
            "Run | Duration | 17.0 s → 20.0 s (+3.0 s)",
            "Parameters | rows | 10 → 20",
            "Inputs | Titanic | tabular · workspaceblobstore:titanic/Titanic.csv → tabular · workspaceblobstore:titanic/Titanic-v2.csv",
            "Steps | Prepare data · status | Failed → Completed",
            "Steps | Prepare data · duration | 12.0 s → 15.0 s (+3.0 s)",
            "Settings of Prepare data | Executor memory | 7g → 8g");
    assertThat(c.rows()).filteredOn(RunComparison.Row::same).extracting(RunComparison.Row::what)
        .contains("Driver memory", "Conf spark.sql.shuffle.partitions", "Entry", "Arguments", "Compute", "Target");
    assertThat(c.differences()).isEqualTo(8);
  }

  @Test
  void durationsWithinATenthOfEachOtherCountAsTheSame() {
    Pipeline p = pipeline("7g", Map.of(), "t.csv");
    RunComparison c = RunComparison.of(run("r1", Map.of(), p, RunStatus.COMPLETED, 100),
        run("r2", Map.of(), p, RunStatus.COMPLETED, 108));

    RunComparison.Row step = c.rows().stream().filter(r -> r.what().equals("Prepare data · duration")).findFirst()
        .orElseThrow();
    assertThat(step.difference()).isEqualTo("+8.0 s");
    assertThat(step.same()).isTrue();
  }

  @Test
  void aStepOnlyOneRunHasIsComparedWithNothing() {
    Pipeline one = pipeline("7g", Map.of(), "t.csv");
    RecordedRun left = run("r1", Map.of(), one, RunStatus.COMPLETED, 5);
    RecordedRun right = new RecordedRun(left.run(), one.withSteps(List.of()), List.of(), true);

    RunComparison c = RunComparison.of(left, right);

    assertThat(c.rows()).filteredOn(r -> r.what().equals("Executor memory")).singleElement()
        .satisfies(r -> {
          assertThat(r.left()).isEqualTo("7g");
          assertThat(r.right()).isNull();
        });
  }
}
