package io.pipewright.app.run;

import static io.pipewright.app.run.EngineTestSupport.awaitStep;
import static io.pipewright.app.run.EngineTestSupport.end;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Pipeline;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepProgress;
import io.pipewright.workspace.SubmitOptions;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real run shown on the canvas model of a document. */
class RunDecorationsTest {
  @TempDir Path temp;
  private LocalWorkspace workspace;
  private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();

  @BeforeEach
  void open() throws Exception {
    workspace = LocalWorkspace.open(temp.resolve("home"));
    Files.createDirectories(temp.resolve("src"));
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  private record Shown(GraphModel graph, RunMonitor monitor, RunDecorations decorations, RunHandle run) {}

  private Shown run(Pipeline pipeline) throws Exception {
    GraphModel graph = new PipelineDocument(pipeline, null).graph();
    RunHandle run = workspace.submit(pipeline, new SubmitOptions(null, temp.resolve("src/p.pipeline.json"), Map.of(), false));
    RunMonitor monitor = new RunMonitor(executor, workspace, pipeline, run);
    RunDecorations decorations = new RunDecorations(graph, monitor);
    monitor.start();
    return new Shown(graph, monitor, decorations, run);
  }

  @Test
  void stepsThatSucceededAreGreenWithHowLongTheyRan() throws Exception {
    Shown shown = run(ScriptSteps.pipeline("p").step("a", "echo a").after("a", "b", "echo b").build());
    end(shown.run());
    executor.tick();

    for (String id : new String[] {"a", "b"}) {
      GraphNode node = shown.graph().node(id);
      assertThat(node.getStatus()).isEqualTo(NodeStatus.SUCCEEDED);
      assertThat(node.getBadge()).matches("\\d+\\.\\d s");
    }
    assertThat(shown.graph().edges()).noneMatch(e -> e.isFlowing());
  }

  @Test
  void aFailedStepIsRedAndTheStepAfterItIsMarkedNotRun() throws Exception {
    Shown shown = run(ScriptSteps.pipeline("p").step("a", "exit 2").after("a", "b", "echo b").build());
    end(shown.run());
    executor.tick();

    assertThat(shown.graph().node("a").getStatus()).isEqualTo(NodeStatus.FAILED);
    // the cause is under the title: the badge only says how long it ran
    assertThat(shown.graph().node("a").getDetail()).isEqualTo("sh exited with code 2");
    assertThat(shown.graph().node("a").getBadge()).matches("\\d+\\.\\d s");
    assertThat(shown.graph().node("b").getStatus()).isEqualTo(NodeStatus.SKIPPED);
    assertThat(shown.graph().node("b").getDetail()).isEqualTo("not run: upstream 'Step a' failed");
    assertThat(shown.graph().node("b").getBadge()).isEmpty();
  }

  @Test
  void aFailedStepsNodeShowsTheExceptionAndMessageFromItsLogWithoutPackages() throws Exception {
    Shown shown = run(ScriptSteps.pipeline("p")
        .step("a", "echo org.apache.spark.SparkArithmeticException: [DIVIDE_BY_ZERO] Division by zero. >&2; exit 1").build());
    end(shown.run());
    executor.tick();

    assertThat(shown.monitor().step("a").orElseThrow().message())
        .isEqualTo("sh exited with code 1: org.apache.spark.SparkArithmeticException: [DIVIDE_BY_ZERO] Division by zero.");
    assertThat(shown.graph().node("a").getDetail()).isEqualTo("SparkArithmeticException: [DIVIDE_BY_ZERO] Division by zero.");
  }

  @Test
  void theShortCauseKeepsTheMessageAndDropsOnlyExitCodesAndPackages() {
    assertThat(RunDecorations.shortCause("Spark driver exited with code 1: java.lang.ArithmeticException: / by zero"))
        .isEqualTo("ArithmeticException: / by zero");
    assertThat(RunDecorations.shortCause("Spark driver exited with code 1: SQL statement 2 (line 4) failed: "
        + "[DIVIDE_BY_ZERO] Division by zero.")).isEqualTo("line 4: [DIVIDE_BY_ZERO] Division by zero.");
    assertThat(RunDecorations.shortCause("sh exited with code 3")).isEqualTo("sh exited with code 3");
    assertThat(RunDecorations.shortCause("Caused by: scala.MatchError: x (of class java.lang.String)"))
        .isEqualTo("Caused by: MatchError: x (of class java.lang.String)");
  }

  @Test
  void aRunningStepShowsItsSparkProgressUntilItEnds() throws Exception {
    Pipeline pipeline = ScriptSteps.pipeline("p").step("a", "sleep 60").build();
    GraphModel graph = new PipelineDocument(pipeline, null).graph();
    Reporting run = new Reporting(workspace.submit(pipeline,
        new SubmitOptions(null, temp.resolve("src/p.pipeline.json"), Map.of(), false)));
    RunMonitor monitor = new RunMonitor(executor, workspace, pipeline, run);
    new RunDecorations(graph, monitor);
    monitor.start();
    awaitStep(workspace, run, "a", RunStatus.RUNNING);
    executor.tick();

    run.report(new StepProgress(run.runId(), "a", 0, 3, 10, 200, 2, "count at prep.sql:3", "Spark UI", Instant.now()));
    run.report(new StepProgress(run.runId(), "a", 1, 3, 150, 200, 2, "count at prep.sql:3", "Spark UI", Instant.now()));
    assertThat(graph.node("a").getProgress()).as("nothing before the tick").isEqualTo(GraphNode.NO_PROGRESS);
    executor.tick();

    assertThat(graph.node("a").getProgress()).isEqualTo(0.75);
    assertThat(graph.node("a").getProgressText()).isEqualTo("stage 2 of 3 · 150/200 tasks");

    monitor.cancel();
    end(run);
    executor.tick();
    assertThat(graph.node("a").getProgress()).isEqualTo(GraphNode.NO_PROGRESS);
    assertThat(graph.node("a").getProgressText()).isEmpty();
  }

  /**
   * A real run whose listeners can also be told progress, as the engine tells a Spark step's (the
   * script steps used here have none of their own).
   */
  private static final class Reporting implements RunHandle {
    private final RunHandle run;
    private final java.util.List<io.pipewright.workspace.RunListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    Reporting(RunHandle run) {
      this.run = run;
    }

    void report(StepProgress progress) {
      listeners.forEach(l -> l.onProgress(progress));
    }

    @Override
    public String runId() {
      return run.runId();
    }

    @Override
    public void addListener(io.pipewright.workspace.RunListener listener) {
      listeners.add(listener);
      run.addListener(listener);
    }

    @Override
    public java.util.Optional<RunStatus> await(java.time.Duration timeout) throws InterruptedException {
      return run.await(timeout);
    }

    @Override
    public void cancel() {
      run.cancel();
    }
  }

  @Test
  void aRunningStepsOutgoingEdgesFlowUntilItIsCanceled() throws Exception {
    Shown shown = run(ScriptSteps.pipeline("p").step("a", "sleep 60").after("a", "b", "echo b").build());
    awaitStep(workspace, shown.run(), "a", RunStatus.RUNNING);
    executor.tick();

    assertThat(shown.graph().node("a").getStatus()).isEqualTo(NodeStatus.RUNNING);
    assertThat(shown.graph().node("b").getStatus()).isEqualTo(NodeStatus.QUEUED);
    assertThat(shown.graph().edges()).allMatch(e -> e.isFlowing());

    shown.monitor().cancel();
    end(shown.run());
    executor.tick();

    assertThat(shown.graph().node("a").getStatus()).isEqualTo(NodeStatus.CANCELED);
    assertThat(shown.graph().node("a").getBadge()).startsWith("canceled · ");
    assertThat(shown.graph().node("b").getStatus()).isEqualTo(NodeStatus.CANCELED);
    assertThat(shown.graph().node("b").getBadge()).isEqualTo("canceled");
    assertThat(shown.graph().edges()).noneMatch(e -> e.isFlowing());
  }

  @Test
  void clearingTakesEveryDecorationOff() throws Exception {
    Shown shown = run(ScriptSteps.pipeline("p").step("a", "echo a").after("a", "b", "echo b").build());
    end(shown.run());
    executor.tick();

    shown.decorations().clear();

    for (GraphNode node : shown.graph().nodes()) {
      assertThat(node.getStatus()).isEqualTo(NodeStatus.NONE);
      assertThat(node.getBadge()).isEmpty();
    }
  }
}
