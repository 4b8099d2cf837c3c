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
import io.pipewright.workspace.SubmitOptions;
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
    assertThat(shown.graph().node("a").getBadge()).startsWith("failed · ");
    assertThat(shown.graph().node("b").getStatus()).isEqualTo(NodeStatus.SKIPPED);
    assertThat(shown.graph().node("b").getBadge()).isEqualTo("not run");
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
