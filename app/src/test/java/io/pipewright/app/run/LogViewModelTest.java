package io.pipewright.app.run;

import static io.pipewright.app.run.EngineTestSupport.end;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Pipeline;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.SubmitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Log tab's model over real steps' logs. */
class LogViewModelTest {
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

  private RunHandle finishedRun(Pipeline pipeline) throws Exception {
    RunHandle run = workspace.submit(pipeline, new SubmitOptions(null, temp.resolve("src/p.pipeline.json"), Map.of(), false));
    end(run);
    return run;
  }

  @Test
  void showsTheStepsStdoutAsSoonAsItIsShown() throws Exception {
    RunHandle run = finishedRun(ScriptSteps.pipeline("p").step("a", "echo hello; echo world").build());
    LogViewModel log = new LogViewModel(executor);

    log.show(workspace, run.runId(), "a", "Step a", () -> true);

    assertThat(log.lines()).containsExactly("hello", "world");
    assertThat(log.titleProperty().get()).isEqualTo("Step a · driver/stdout");
  }

  @Test
  void nothingIsReadWhileTheTabIsHidden() throws Exception {
    RunHandle run = finishedRun(ScriptSteps.pipeline("p").step("a", "echo hello").build());
    LogViewModel log = new LogViewModel(executor);
    log.visibleProperty().set(false);

    log.show(workspace, run.runId(), "a", "Step a", () -> true);
    executor.tick();
    assertThat(log.lines()).isEmpty();

    log.visibleProperty().set(true);
    executor.tick();
    assertThat(log.lines()).containsExactly("hello");
  }

  @Test
  void keepsOnlyTheLastLinesAndSaysSo() throws Exception {
    RunHandle run = finishedRun(ScriptSteps.pipeline("p").step("a", "seq 1 1000").build());
    LogViewModel log = new LogViewModel(executor, 100);

    log.show(workspace, run.runId(), "a", "Step a", () -> true);

    assertThat(log.lines()).hasSize(100).first().isEqualTo("901");
    assertThat(log.lines()).last().isEqualTo("1000");
    assertThat(log.droppedProperty().get()).isEqualTo(900);
    assertThat(log.capNoteProperty().get()).isEqualTo("showing the last 100 lines");
  }

  @Test
  void switchingToStderrShowsTheStepsStderrFromItsStart() throws Exception {
    RunHandle run = finishedRun(ScriptSteps.pipeline("p").step("a", "echo out; echo err >&2").build());
    LogViewModel log = new LogViewModel(executor);
    log.show(workspace, run.runId(), "a", "Step a", () -> true);

    log.streamProperty().set(LogStream.DRIVER_STDERR);

    assertThat(log.lines()).containsExactly("err");
    assertThat(log.titleProperty().get()).isEqualTo("Step a · driver/stderr");
  }

  @Test
  void aStepThatWroteNothingSaysSoOnceItHasEnded() throws Exception {
    RunHandle run = finishedRun(ScriptSteps.pipeline("p").step("a", "true").build());
    LogViewModel log = new LogViewModel(executor);

    log.show(workspace, run.runId(), "a", "Step a", () -> true);

    assertThat(log.lines()).isEmpty();
    assertThat(log.placeholderProperty().get()).isEqualTo("Step a wrote nothing to driver/stdout.");
  }
}
