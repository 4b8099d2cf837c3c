package io.pipewright.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.FxTaskExecutor;
import io.pipewright.app.history.SelectedRunViewModel;
import io.pipewright.app.history.StepDetailsView;
import io.pipewright.app.testing.ForwardingWorkspace;
import io.pipewright.app.testing.FxWait;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Pipeline;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.FailureLocation;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.StatusChange;
import io.pipewright.workspace.StepDetails;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.WorkspaceException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The step details pane on a real failed run, with the details the embedded workspace's history
 * records for a step (the launch, the failure's place in its log, the exit code, why it was not
 * reused, the datasets its outputs registered) as it hands them over.
 */
@ExtendWith(ApplicationExtension.class)
class StepDetailsRobotTest {
  @TempDir Path temp;
  private LocalWorkspace real;
  private FxTaskExecutor executor;
  private SelectedRunViewModel selected;
  private final List<String> revealed = new CopyOnWriteArrayList<>();
  private final List<String> previewed = new CopyOnWriteArrayList<>();
  private boolean canPreview;
  private RunSummary run;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
  }

  @AfterEach
  void close(org.testfx.api.FxRobot robot) {
    io.pipewright.app.LeftoverWindows.hide(robot);
    if (executor != null) {
      executor.close();
    }
    if (real != null) {
      real.close();
    }
  }

  private void show(FxRobot robot, String stepId) throws Exception {
    real = LocalWorkspace.open(temp.resolve("home"));
    Pipeline pipeline = ScriptSteps.pipeline("p").step("a", "echo a").after("a", "b", "echo boom >&2; exit 3").build();
    Path file = temp.resolve("p.pipeline.json");
    RunHandle handle = real.submit(pipeline, new SubmitOptions("details", file, Map.of(), false));
    EngineTestSupport.end(handle);
    run = real.run(handle.runId()).orElseThrow();
    ForwardingWorkspace workspace = new ForwardingWorkspace(real) {
      @Override
      public StepDetails stepDetails(String runId, String stepId) throws WorkspaceException {
        StepDetails recorded = super.stepDetails(runId, stepId);
        return new StepDetails(recorded.child(), List.of(
            new StatusChange(io.pipewright.workspace.RunStatus.RUNNING, null, recorded.child().startedAt()),
            new StatusChange(io.pipewright.workspace.RunStatus.FAILED, recorded.child().message(),
                recorded.child().endedAt())),
            "sh -c 'echo boom >&2; exit 3' /runs/" + runId + "/steps/b/outputs/out", Map.of("in", "/runs/x/a/out"),
            List.of(new DatasetVersion("boomed", 2, io.pipewright.model.DatasetKind.FILE, "/datastore/boomed", runId, stepId, recorded.child().endedAt())),
            List.of("command changed: echo ok → echo boom"), 3,
            Optional.of(new FailureLocation("driver/stderr", 42, "boom")));
      }
    };
    robot.interact(() -> {
      executor = new FxTaskExecutor();
      AppContext context = new AppContext(executor, null, new PipelineDocument(pipeline, file));
      context.workspaceProperty().set(workspace);
      RunViewModel runs = new RunViewModel(context, new SimpleStringProperty(""));
      selected = new SelectedRunViewModel(context, runs);
      StepDetailsView view = new StepDetailsView(selected, new StepDetailsView.Actions() {
        @Override
        public void showInLog(String runId, String stepId, String stream, long line) {
          revealed.add(runId + " " + stepId + " " + stream + " " + line);
        }

        @Override
        public boolean canPreview() {
          return canPreview;
        }

        @Override
        public void previewOutput(String runId, String stepId, String port) {
          previewed.add(runId + " " + stepId + " " + port);
        }
      });
      stage.setScene(new Scene(view, 700, 700));
      stage.show();
      selected.select(run);
    });
    FxWait.until(10, () -> selected.step(stepId).isPresent());
    robot.interact(() -> selected.stepProperty().set(selected.step(stepId).orElseThrow()));
    FxWait.until(10, () -> robot.lookup("#launchText").tryQuery().isPresent());
  }

  @Test
  void showsTheLaunchToCopyAndTheFailureWithShowInLog(FxRobot robot) throws Exception {
    show(robot, "b");

    TextArea launch = robot.lookup("#launchText").queryAs(TextArea.class);
    assertThat(launch.getText()).startsWith("sh -c 'echo boom >&2; exit 3' /runs/" + run.runId());
    assertThat(launch.isEditable()).isFalse();
    robot.clickOn("#copyLaunch");
    String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(30, TimeUnit.SECONDS);
    assertThat(copied).isEqualTo(launch.getText());

    assertThat(robot.lookup("#failureCause").queryAs(Label.class).getText()).isEqualTo("boom");
    robot.clickOn("#showInLog");
    assertThat(revealed).containsExactly(run.runId() + " b driver/stderr 42");

    List<String> texts = robot.lookup("#stepDetails .label").queryAllAs(Label.class).stream().map(Label::getText).toList();
    assertThat(texts).contains("Exit code", "3", "• command changed: echo ok → echo boom", "boomed v2",
        "Status history", "Registered datasets", "Inputs");
  }

  @Test
  void previewButtonsShowOnlyOnceOutputsCanBePreviewed(FxRobot robot) throws Exception {
    show(robot, "a"); // it completed: its output is there
    assertThat(robot.lookup("#preview-out").queryAs(Button.class).isVisible()).isFalse();

    canPreview = true;
    robot.interact(() -> selected.reloadDetails());
    FxWait.until(10, () -> robot.lookup("#preview-out").tryQuery()
        .map(javafx.scene.Node::isVisible).orElse(false));
    robot.clickOn("#preview-out");

    assertThat(previewed).containsExactly(run.runId() + " a out");
  }
}
