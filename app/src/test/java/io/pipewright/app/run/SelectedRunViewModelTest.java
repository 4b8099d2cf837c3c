package io.pipewright.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.history.SelectedRunViewModel;
import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.SubmitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The run selected in the Runs view, on real runs of script steps in the embedded workspace. */
@ExtendWith(NoUnexpectedErrors.class)
class SelectedRunViewModelTest {
  @TempDir Path temp;
  private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
  private final ScriptedDialogs dialogs = new ScriptedDialogs();
  private LocalWorkspace workspace;
  private AppContext context;
  private RunViewModel runs;
  private SelectedRunViewModel selected;
  private Path file;
  private final Pipeline pipeline = ScriptSteps.pipeline("three")
      .step("a", "echo a")
      .after("a", "b", "echo b failing >&2; exit 3")
      .after("b", "c", "echo c")
      .build();

  @BeforeEach
  void open() throws Exception {
    workspace = LocalWorkspace.open(temp.resolve("home"));
    file = Files.createDirectories(temp.resolve("src")).resolve("three.pipeline.json").toAbsolutePath();
    PipelineFormat.save(pipeline, file);
    context = new AppContext(executor, dialogs, new PipelineDocument(pipeline, file));
    context.workspaceProperty().set(workspace);
    runs = new RunViewModel(context, new SimpleStringProperty(""));
    selected = new SelectedRunViewModel(context, runs);
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  /** Runs the pipeline through the workspace (not this window) and returns its summary once it ended. */
  private RunSummary ranElsewhere(String experiment, Map<String, String> parameters) throws Exception {
    RunHandle handle = workspace.submit(pipeline, new SubmitOptions(experiment, file, parameters, false));
    EngineTestSupport.end(handle);
    return workspace.run(handle.runId()).orElseThrow();
  }

  @Test
  void aRunsStepsShowAsRecordedWithTheStepThatFailedFirst() throws Exception {
    RunSummary run = ranElsewhere("nightly", Map.of());

    selected.select(run);

    assertThat(selected.steps()).extracting(StepRunState::stepId).containsExactly("a", "b", "c");
    assertThat(selected.steps()).extracting(StepRunState::status)
        .containsExactly(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.NOT_STARTED);
    assertThat(selected.step("c").orElseThrow().isSkipped()).as("not run: upstream failed").isTrue();
    assertThat(selected.step("b").orElseThrow().startedAtProperty().get()).isNotNull();
    assertThat(selected.firstFailedProperty().get().stepId()).isEqualTo("b");
    assertThat(selected.canRerunFromFailedBinding().get()).isTrue();
    assertThat(selected.canRunStepBinding().get()).as("no step selected").isFalse();
  }

  @Test
  void selectingAStepReadsItsDetails() throws Exception {
    RunSummary run = ranElsewhere("nightly", Map.of());
    selected.select(run);

    selected.stepProperty().set(selected.step("b").orElseThrow());

    assertThat(selected.detailsProperty().get().child().stepId()).isEqualTo("b");
    assertThat(selected.detailsProperty().get().child().status()).isEqualTo(RunStatus.FAILED);
    assertThat(selected.detailsProperty().get().child().message()).contains("exited with code 3");
    assertThat(selected.canRunStepBinding().get()).isTrue();
  }

  @Test
  void rerunFromTheFailedStepRunsTheOpenPipelineInTheRunsExperiment() throws Exception {
    RunSummary run = ranElsewhere("nightly", Map.of());
    selected.select(run);

    selected.rerunFromFailed();

    RunMonitor rerun = runs.monitor();
    assertThat(rerun).as("a run was submitted").isNotNull();
    assertThat(dialogs.errors).isEmpty();
    EngineTestSupport.end(rerun.handle());
    RunSummary second = workspace.run(rerun.runId()).orElseThrow();
    assertThat(second.runId()).isNotEqualTo(run.runId());
    assertThat(second.experiment()).isEqualTo("nightly");
    assertThat(second.pipelineFile()).isEqualTo(run.pipelineFile());
    assertThat(workspace.childRuns(second.runId())).filteredOn(c -> c.stepId().equals("b"))
        .extracting(c -> c.status()).containsExactly(RunStatus.FAILED);
    assertThat(workspace.childRuns(second.runId())).filteredOn(c -> c.stepId().equals("a")).singleElement()
        .satisfies(a -> assertThat(a.message()).contains("not rerun: the run starts from 'Step b'"));
  }

  @Test
  void runOnlyThisStepRunsTheSelectedStepAlone() throws Exception {
    RunSummary run = ranElsewhere("nightly", Map.of());
    selected.select(run);
    selected.stepProperty().set(selected.step("a").orElseThrow());

    selected.runOnlyStep();

    RunMonitor only = runs.monitor();
    EngineTestSupport.end(only.handle());
    var steps = workspace.childRuns(only.runId());
    assertThat(steps.get(0).stepId()).isEqualTo("a");
    assertThat(steps.get(0).status().isSuccess()).as("a ran (or was reused: nothing changed)").isTrue();
    assertThat(steps.subList(1, 3)).extracting(c -> c.stepId() + " " + c.status() + " " + c.message())
        .containsExactly("b NotStarted not run: only 'Step a' runs", "c NotStarted not run: only 'Step a' runs");
  }

  @Test
  void theRunThisWindowFollowsShowsItsLiveSteps() throws Exception {
    runs.submit(new RunRequest("live", false));
    RunMonitor m = runs.monitor();
    EngineTestSupport.end(m.handle());
    executor.tick();

    selected.select(workspace.run(m.runId()).orElseThrow());

    assertThat(selected.steps()).containsExactlyElementsOf(m.steps());
  }

  @Test
  void nothingIsRerunWhileARunIsInProgress() throws Exception {
    RunSummary run = ranElsewhere("nightly", Map.of());
    selected.select(run);
    runs.submit(new RunRequest("busy", false));
    RunMonitor busy = runs.monitor();

    assertThat(selected.canRerunBinding().get()).isFalse();
    selected.rerun();

    assertThat(runs.monitor()).isSameAs(busy);
    EngineTestSupport.end(busy.handle());
  }
}
