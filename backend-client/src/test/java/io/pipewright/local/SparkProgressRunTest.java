package io.pipewright.local;

import static io.pipewright.local.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.model.Pipeline;
import io.pipewright.testing.LivyServer;
import io.pipewright.testing.SparkCluster;
import io.pipewright.workspace.RunEvent;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunListener;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live progress of a real Spark SQL step, from its driver's monitoring API, to the run's listeners:
 * on local Spark, and on a real standalone cluster on loopback (the driver on the worker).
 */
class SparkProgressRunTest {

  @TempDir Path temp;
  private EngineFixture fx;

  /** A few jobs and stages (aggregate, shuffle, sort) over 50 million rows: long enough to be watched. */
  private static final String BUSY_SQL = """
      CREATE OR REPLACE TEMPORARY VIEW totals AS
        SELECT id % 101 AS k, count(*) AS n, sum(id) AS s FROM range(0, 50000000, 1, 6) GROUP BY id % 101;
      CREATE OR REPLACE TEMPORARY VIEW busy AS SELECT * FROM totals ORDER BY s DESC;
      """;

  @BeforeEach
  void workspace() throws Exception {
    fx = new EngineFixture(temp);
    fx.source("busy.sql", BUSY_SQL);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void aRunningSparkStepReportsItsStagesAndTasksToTheRunsListenersBeforeItCompletes() throws Exception {
    assertProgressHeard(null, "Spark");

    assertThat(fx.log(fx.lastRunId, "busy", io.pipewright.workspace.LogStream.PIPEWRIGHT))
        .as("counted in the driver, not polled from its UI")
        .contains("spark.extraListeners=io.pipewright.spark.StepProgressListener")
        .containsPattern("Spark UI: http://127\\.0\\.0\\.1:\\d+");
  }

  @Test
  void aSparkStepOnAStandaloneClusterReportsItsProgressFromItsDriversUiOnTheWorker() throws Exception {
    SparkCluster cluster = SparkCluster.shared();
    fx.workspace.attachCompute("cluster", "spark-standalone", Map.of("masterUrl", cluster.masterUrl(),
        "restUrl", cluster.restUrl(), "webUrl", cluster.webUrl()));

    assertProgressHeard("cluster", "Spark UI");

    assertThat(fx.log(fx.lastRunId, "busy", io.pipewright.workspace.LogStream.PIPEWRIGHT))
        .containsPattern("Spark UI: http://127\\.0\\.0\\.1:\\d+");
  }

  @Test
  void aSparkStepOnLivyReportsTheBatchsStateWhereLivyGivesNoSparkUi() throws Exception {
    fx.workspace.attachCompute("livy", "livy", Map.of("url", LivyServer.shared().url()));

    List<Object> heard = runHeard("livy");

    List<StepProgress> progress = heard.stream().filter(StepProgress.class::isInstance).map(StepProgress.class::cast)
        .toList();
    assertThat(progress).as("heard: %s", heard).isNotEmpty().allSatisfy(p -> {
      assertThat(p.source()).isEqualTo("Livy");
      assertThat(p.tasksTotal()).isZero();
      assertThat(p.describe()).isEqualTo(p.stage()).isIn("starting", "running");
    });
  }

  private void assertProgressHeard(String target, String source) throws Exception {
    List<Object> heard = runHeard(target);
    int completed = indexOf(heard, e -> e instanceof RunEvent r && "busy".equals(r.stepId())
        && r.status() == RunStatus.COMPLETED);
    List<StepProgress> before = heard.subList(0, completed).stream()
        .filter(StepProgress.class::isInstance).map(StepProgress.class::cast)
        .filter(p -> source.equals(p.source())).toList();
    assertThat(before).as("progress from %s heard before the step completed; heard: %s", source, heard)
        .anySatisfy(p -> {
          assertThat(p.stagesTotal()).isPositive();
          assertThat(p.tasksTotal()).isPositive();
        })
        .anySatisfy(p -> assertThat(p.stage()).as("the job's description, from the SQL driver")
            .isEqualTo("writing output 'busy'"))
        .allSatisfy(p -> {
          assertThat(p.runId()).isEqualTo(fx.lastRunId);
          assertThat(p.stepId()).isEqualTo("busy");
          assertThat(p.tasksDone()).isBetween(0, p.tasksTotal());
        });
  }

  /** Runs the busy step on {@code target} (null: its own, local Spark); returns the events and progress heard, in order. */
  private List<Object> runHeard(String target) throws Exception {
    Pipeline busy = pipeline("busy").sql("busy", "busy.sql", List.of(), List.of("busy")).build();
    List<Object> heard = new CopyOnWriteArrayList<>();
    RunHandle run = fx.workspace.submit(busy, new io.pipewright.workspace.SubmitOptions(null,
        fx.sources.resolve("busy.pipeline.json"), Map.of(), true, target));
    fx.lastRunId = run.runId();
    run.addListener(new RunListener() {
      @Override
      public void onEvent(RunEvent event) {
        heard.add(event);
      }

      @Override
      public void onProgress(StepProgress progress) {
        heard.add(progress);
      }
    });

    assertThat(run.await(Duration.ofMinutes(4))).as("the run ends; %s", fx.workspace.transitions(run.runId()))
        .contains(RunStatus.COMPLETED);
    int completed = indexOf(heard, e -> e instanceof RunEvent r && "busy".equals(r.stepId())
        && r.status() == RunStatus.COMPLETED);
    assertThat(heard.subList(completed, heard.size())).as("nothing after the step completed")
        .noneMatch(StepProgress.class::isInstance);
    return heard;
  }

  private static int indexOf(List<Object> list, java.util.function.Predicate<Object> test) {
    for (int i = 0; i < list.size(); i++) {
      if (test.test(list.get(i))) {
        return i;
      }
    }
    throw new AssertionError("not heard: " + list);
  }
}
