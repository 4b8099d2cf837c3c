package io.pipewright.app.run;

import static io.pipewright.app.run.EngineTestSupport.awaitStep;
import static io.pipewright.app.run.EngineTestSupport.end;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.testing.ForwardingWorkspace;
import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Pipeline;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.StepSelection;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.Workspace;
import io.pipewright.workspace.WorkspaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Run and Stop from the designer, on the real embedded workspace. */
@ExtendWith(NoUnexpectedErrors.class)
class RunViewModelTest {
  @TempDir Path temp;
  private LocalWorkspace workspace;
  private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
  private final ScriptedDialogs dialogs = new ScriptedDialogs();
  private final SimpleStringProperty problems = new SimpleStringProperty("");
  private AppContext context;
  private RunViewModel viewModel;
  private Path file;

  @BeforeEach
  void open() throws Exception {
    workspace = LocalWorkspace.open(temp.resolve("home"));
    Path src = Files.createDirectories(temp.resolve("src"));
    file = src.resolve("p.pipeline.json");
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  private void openDocument(Pipeline pipeline, Path from) {
    context = new AppContext(executor, dialogs, new PipelineDocument(pipeline, from));
    context.workspaceProperty().set(workspace);
    viewModel = new RunViewModel(context, problems);
  }

  /** Submits, waits for the engine to end the run and applies what it said. */
  private RunMonitor runToEnd(RunRequest request) throws Exception {
    viewModel.submit(request);
    RunMonitor monitor = viewModel.monitor();
    end(handleOf(monitor));
    executor.tick();
    return monitor;
  }

  private static RunHandle handleOf(RunMonitor monitor) {
    return monitor.handle();
  }

  @Test
  void runIsBlockedWithTheProblemsReasonWhileThereAreErrors() {
    openDocument(ScriptSteps.pipeline("p").step("a", "echo a").build(), file);

    problems.set("1 error: step 'a': driver memory '7 GB' is not a Spark memory string");

    assertThat(viewModel.canRunBinding().get()).isFalse();
    assertThat(viewModel.runBlockedReasonBinding().get()).isEqualTo(
        "1 error: step 'a': driver memory '7 GB' is not a Spark memory string");
    problems.set("");
    assertThat(viewModel.canRunBinding().get()).isTrue();
  }

  @Test
  void runIsBlockedUntilTheWorkspaceIsOpen() {
    context = new AppContext(executor, dialogs, new PipelineDocument(ScriptSteps.pipeline("p").step("a", "echo a").build(), file));
    viewModel = new RunViewModel(context, problems);

    assertThat(viewModel.runBlockedReasonBinding().get()).isEqualTo("The workspace is still opening.");
  }

  @Test
  void theUnsavedPipelineAsShownRunsWithRelativePathsResolvedAgainstItsFilesDirectory() throws Exception {
    Files.writeString(file.resolveSibling("data.txt"), "from the pipeline's directory\n");
    openDocument(ScriptSteps.pipeline("p").step("a", "cat data.txt").build(), file);
    context.document().edit("Change the command of Step a", p -> withCommand(p, "a", "cat data.txt; echo edited"));
    assertThat(context.document().isDirty()).isTrue();
    assertThat(viewModel.submitNote()).startsWith("Runs the pipeline as shown, including unsaved changes.");

    RunMonitor monitor = runToEnd(new RunRequest("", false));

    assertThat(monitor.step("a").orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
    String stdout = new String(workspace.log(monitor.runId(), "a", "driver/stdout").read(0, 4096));
    assertThat(stdout).isEqualTo("from the pipeline's directory\nedited\n");
  }

  @Test
  void parameterValuesChosenForARunReachTheStepsAndAreOfferedForTheNextRun() throws Exception {
    Step echo = new Step("a", "Step a", null, new ScriptStep("sh -c 'echo \"$1\"; echo ok > \"$0/done\"'"),
        "local-process", ".", java.util.List.of(), java.util.List.of(new io.pipewright.model.OutputPort("out", null)),
        java.util.List.of("{outputs.out}", "{parameters.greeting}"), io.pipewright.model.Environment.EMPTY, false);
    Pipeline p = ScriptSteps.pipeline("p").build();
    openDocument(new Pipeline(p.id(), p.name(), null,
        java.util.List.of(new io.pipewright.model.Parameter("greeting", "hi", "What to say")), p.defaultCompute(),
        java.util.List.of(), java.util.List.of(echo), java.util.List.of(), null), file);
    assertThat(viewModel.defaults().parameters()).containsExactly(java.util.Map.entry("greeting", "hi"));

    RunMonitor monitor = runToEnd(new RunRequest("", false, java.util.Map.of("greeting", "hello there")));

    assertThat(monitor.step("a").orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
    String stdout = new String(workspace.log(monitor.runId(), "a", "driver/stdout").read(0, 4096));
    assertThat(stdout).isEqualTo("hello there\n");
    assertThat(viewModel.defaults().parameters()).containsExactly(java.util.Map.entry("greeting", "hello there"));
  }

  @Test
  void theExperimentChosenIsUsedAndOfferedForTheNextRun() throws Exception {
    openDocument(ScriptSteps.pipeline("p").step("a", "echo a").build(), file);
    assertThat(viewModel.defaults().experiment()).isEqualTo("p");

    RunMonitor monitor = runToEnd(new RunRequest("tuning", false));

    assertThat(workspace.run(monitor.runId()).orElseThrow().experiment()).isEqualTo("tuning");
    assertThat(viewModel.defaults().experiment()).isEqualTo("tuning");
  }

  @Test
  void theLastExperimentOfAPipelineFileIsRememberedFromTheHistory() throws Exception {
    openDocument(ScriptSteps.pipeline("p").step("a", "echo a").build(), file);
    runToEnd(new RunRequest("nightly", false));

    openDocument(ScriptSteps.pipeline("p").step("a", "echo a").build(), file);

    assertThat(viewModel.defaults().experiment()).isEqualTo("nightly");
  }

  @Test
  void regeneratingOutputsRunsAStepThatWouldBeReused() throws Exception {
    openDocument(ScriptSteps.pipeline("p").step("a", "echo a").build(), file);
    runToEnd(new RunRequest("", false));
    assertThat(runToEnd(new RunRequest("", false)).step("a").orElseThrow().status()).isEqualTo(RunStatus.REUSED);

    RunMonitor regenerated = runToEnd(new RunRequest("", true));

    assertThat(regenerated.step("a").orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(regenerated.step("a").orElseThrow().reuse()).startsWith("not reused: outputs are regenerated");
  }

  @Test
  void runIsBlockedWhileARunIsInProgressAndStopCancelsIt() throws Exception {
    openDocument(ScriptSteps.pipeline("p").step("a", "sleep 60").build(), file);
    viewModel.submit(new RunRequest("", false));
    RunMonitor monitor = viewModel.monitor();
    awaitStep(workspace, handleOf(monitor), "a", RunStatus.RUNNING);
    executor.tick();
    assertThat(viewModel.canStopBinding().get()).isTrue();
    assertThat(viewModel.runBlockedReasonBinding().get()).isEqualTo("A run is in progress: stop it first (Shift+F5).");

    viewModel.stop();
    end(handleOf(monitor));
    executor.tick();

    assertThat(monitor.step("a").orElseThrow().status()).isEqualTo(RunStatus.CANCELED);
    assertThat(viewModel.canStopBinding().get()).isFalse();
    assertThat(viewModel.canRunBinding().get()).isTrue();
    assertThat(context.statusProperty().get()).startsWith("Run " + monitor.runId() + ": Canceled after ");
  }

  @Test
  void editingThePipelineAfterTheRunClearsTheCanvas() throws Exception {
    openDocument(ScriptSteps.pipeline("p").step("a", "echo a").build(), file);
    runToEnd(new RunRequest("", false));
    assertThat(context.document().graph().node("a").getStatus()).isEqualTo(NodeStatus.SUCCEEDED);

    context.document().edit("Change the command of Step a", p -> withCommand(p, "a", "echo b"));

    assertThat(context.document().graph().node("a").getStatus()).isEqualTo(NodeStatus.NONE);
    assertThat(context.document().graph().node("a").getBadge()).isEmpty();
    assertThat(viewModel.monitor().step("a").orElseThrow().status()).as("the Runs tab keeps the run")
        .isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void theLogFollowsTheRunningStepUntilTheUserPicksOne() throws Exception {
    openDocument(ScriptSteps.pipeline("p").step("a", "echo from a").after("a", "b", "echo from b").build(), file);

    runToEnd(new RunRequest("", false));
    assertThat(viewModel.log().stepId()).isEqualTo("b");
    assertThat(viewModel.log().shownLines()).containsExactly("from b");

    context.selectedNodeIdProperty().set("a");
    assertThat(viewModel.log().stepId()).isEqualTo("a");
    assertThat(viewModel.log().shownLines()).containsExactly("from a");
  }

  @Test
  void aPipelineTheWorkspaceRefusesIsReportedAndNothingRuns() throws Exception {
    Pipeline onUnknownCompute = ScriptSteps.pipeline("p").step("a", "echo a").build();
    Step a = onUnknownCompute.steps().get(0);
    Step moved = new Step(a.id(), a.name(), a.description(), a.kind(), "no-such-compute", a.sourceDirectory(), a.inputs(),
        a.outputs(), a.arguments(), a.environment(), a.allowReuse());
    openDocument(new Pipeline("p", "p", null, java.util.List.of(), "local-process", java.util.List.of(),
        java.util.List.of(moved), java.util.List.of(), null), file);

    viewModel.submit(new RunRequest("", false));

    assertThat(dialogs.errors).singleElement().asString().startsWith("Cannot run p: ").contains("no-such-compute");
    assertThat(viewModel.isRunning()).isFalse();
    assertThat(viewModel.canRunBinding().get()).isTrue();
  }

  /** The embedded workspace, remembering the options of every run submitted to it. */
  private static final class Recording extends ForwardingWorkspace {
    final List<SubmitOptions> submitted = new ArrayList<>();

    Recording(Workspace delegate) {
      super(delegate);
    }

    @Override
    public RunHandle submit(Pipeline pipeline, SubmitOptions options) throws WorkspaceException {
      submitted.add(options);
      return super.submit(pipeline, options);
    }
  }

  private void attachCluster() throws Exception {
    workspace.attachCompute("cluster1", "spark-standalone",
        Map.of("masterUrl", "spark://127.0.0.1:7077", "restUrl", "http://127.0.0.1:6066"));
    context.computes().setAll(workspace.computes());
  }

  @Test
  void sparkStepsRunOnEachStepsOwnComputeFirstThenOnAnySparkCapableTarget() throws Exception {
    openDocument(ScriptSteps.pipeline("p").step("a", "echo a").build(), file);
    attachCluster();

    assertThat(viewModel.sparkTargetChoices()).extracting(SparkTargetChoice::target, SparkTargetChoice::label)
        .containsExactly(
            tuple(null, "Each step's own compute (as in the pipeline)"),
            tuple("local-spark", "local-spark — Local Spark"),
            tuple("cluster1", "cluster1 — Spark standalone cluster"));
    assertThat(viewModel.defaults().sparkTarget()).isNull();
  }

  @Test
  void theSparkTargetChosenReachesTheSubmittedOptionsAndIsOfferedForTheNextRun() throws Exception {
    openDocument(ScriptSteps.pipeline("p").step("a", "echo a").build(), file);
    Recording recording = new Recording(workspace);
    context.workspaceProperty().set(recording);
    context.computes().setAll(workspace.computes());

    runToEnd(new RunRequest("", false, Map.of(), "local-spark"));

    assertThat(recording.submitted).extracting(SubmitOptions::sparkTarget).containsExactly("local-spark");
    assertThat(viewModel.defaults().sparkTarget()).isEqualTo("local-spark");
  }

  @Test
  void aRememberedSparkTargetThatIsGoneFallsBackToEachStepsOwnCompute() throws Exception {
    openDocument(ScriptSteps.pipeline("p").step("a", "echo a").build(), file);
    attachCluster();
    viewModel.submit(new RunRequest("", false, Map.of(), "cluster1"));
    end(handleOf(viewModel.monitor()));
    executor.tick();
    assertThat(viewModel.defaults().sparkTarget()).isEqualTo("cluster1");

    workspace.detachCompute("cluster1");
    context.computes().setAll(workspace.computes());

    assertThat(viewModel.defaults().sparkTarget()).isNull();
  }

  private static Pipeline withCommand(Pipeline p, String stepId, String script) {
    java.util.List<Step> steps = p.steps().stream().map(s -> !s.id().equals(stepId) ? s
        : new Step(s.id(), s.name(), s.description(), new ScriptStep(ScriptSteps.command(script)), s.compute(),
            s.sourceDirectory(), s.inputs(), s.outputs(), s.arguments(), s.environment(), s.allowReuse())).toList();
    return new Pipeline(p.id(), p.name(), p.description(), p.parameters(), p.defaultCompute(), p.datasets(), steps,
        p.edges(), p.layout());
  }

  @Test
  void runFromAStepSubmitsWithThatSelection() throws Exception {
    openDocument(ScriptSteps.pipeline("p").step("a", "echo a").after("a", "b", "echo b").build(), file);
    Recording recording = new Recording(workspace);
    context.workspaceProperty().set(recording);

    runToEnd(new RunRequest("exp", false));
    viewModel.submit(new RunRequest("exp", false), StepSelection.from("b"));
    end(handleOf(viewModel.monitor()));
    executor.tick();
    viewModel.submit(new RunRequest("exp", false), StepSelection.only("a"));
    end(handleOf(viewModel.monitor()));
    executor.tick();

    assertThat(recording.submitted).extracting(SubmitOptions::selection)
        .containsExactly(StepSelection.ALL, StepSelection.from("b"), StepSelection.only("a"));
  }

  @Test
  void aRerunTakesTheEarlierRunsExperimentParametersAndTargetWithTheSelection() throws Exception {
    Pipeline withParameter = new Pipeline("p", "p", null, List.of(new io.pipewright.model.Parameter("n", "1", null)),
        "local-process", List.of(), ScriptSteps.pipeline("p").step("a", "echo a").build().steps(), List.of(), null);
    openDocument(withParameter, file);
    Recording recording = new Recording(workspace);
    context.workspaceProperty().set(recording);
    context.computes().setAll(workspace.computes());
    RunSummary earlier = new RunSummary("r-1", "nightly", "p", file.toString(), RunStatus.FAILED, "step 'a' failed",
        java.time.Instant.now(), null, null, "local-spark", Map.of("n", "7"), true);

    viewModel.rerun(earlier, StepSelection.from("a"));
    end(handleOf(viewModel.monitor()));
    executor.tick();

    SubmitOptions options = recording.submitted.get(0);
    assertThat(options.experiment()).isEqualTo("nightly");
    assertThat(options.parameters()).containsExactly(Map.entry("n", "7"));
    assertThat(options.sparkTarget()).isEqualTo("local-spark");
    assertThat(options.selection()).isEqualTo(StepSelection.from("a"));
    assertThat(options.regenerateOutputs()).as("a rerun reuses what it can").isFalse();
  }

  @Test
  void afterAFailedRunTheRunLineNamesTheStepThatFailedFirstAndRerunFromFailedStepStartsThere() throws Exception {
    openDocument(ScriptSteps.pipeline("p").step("a", "echo a")
        .after("a", "b", "echo java.lang.ArithmeticException: / by zero >&2; exit 1")
        .after("b", "c", "echo c").build(), file);
    Recording recording = new Recording(workspace);
    context.workspaceProperty().set(recording);

    runToEnd(new RunRequest("exp", false));

    assertThat(viewModel.runLineProperty().get())
        .matches("Failed after \\d+\\.\\d s: step 'Step b' failed first — java.lang.ArithmeticException: / by zero");
    assertThat(viewModel.firstFailedStep()).contains("b");

    viewModel.rerunFromFailedStep();
    end(handleOf(viewModel.monitor()));
    executor.tick();
    assertThat(recording.submitted).extracting(SubmitOptions::selection)
        .containsExactly(StepSelection.ALL, StepSelection.from("b"));
    assertThat(recording.submitted.get(1).experiment()).isEqualTo("exp");
  }

  @Test
  void aSqlStepRunInTheWarmSparkDriverSaysSoAndAScriptStepDoesNot() throws Exception {
    Path sample = io.pipewright.app.samples.Samples.titanic(temp.resolve("home"));
    openDocument(io.pipewright.model.PipelineFormat.read(sample).pipeline(), sample);

    viewModel.submit(new RunRequest("warm", false), StepSelection.ALL);
    RunMonitor monitor = viewModel.monitor();
    // a warm driver's first start and Spark's, then the training script: minutes on a loaded machine
    assertThat(handleOf(monitor).await(java.time.Duration.ofMinutes(5))).contains(RunStatus.COMPLETED);
    executor.tick();

    assertThat(monitor.step("prep").orElseThrow().ranIn()).matches("the warm Spark driver \\(pid \\d+\\)");
    assertThat(monitor.step("train").orElseThrow().ranIn()).as("a script step runs in a process of its own").isNull();
    assertThat(viewModel.runLineProperty().get()).matches("Completed after \\d+\\.\\d s");
  }

  @Test
  void theDesignersRunsAndRerunsAskForWarmSpark() throws Exception {
    openDocument(ScriptSteps.pipeline("p").step("a", "echo a").build(), file);
    Recording recording = new Recording(workspace);
    context.workspaceProperty().set(recording);

    runToEnd(new RunRequest("exp", false));
    viewModel.rerun(workspace.run(viewModel.monitor().runId()).orElseThrow(), StepSelection.only("a"));
    end(handleOf(viewModel.monitor()));
    executor.tick();

    assertThat(recording.submitted).extracting(SubmitOptions::selection)
        .containsExactly(StepSelection.ALL, StepSelection.only("a"));
    assertThat(recording.submitted).extracting(SubmitOptions::warmSpark).containsExactly(true, true);
  }

  @Test
  void showInLogOpensTheFailedStepsLogAtTheLineOfItsCause() throws Exception {
    openDocument(ScriptSteps.pipeline("p")
        .step("a", "echo starting >&2; echo working >&2; echo java.lang.ArithmeticException: / by zero >&2; echo bye >&2; exit 1")
        .build(), file);
    runToEnd(new RunRequest("", false));
    assertThat(viewModel.monitor().step("a").orElseThrow().message()).contains("ArithmeticException");

    viewModel.showFailureInLog("a");
    executor.tick();

    assertThat(viewModel.log().streamProperty().get()).isEqualTo(io.pipewright.workspace.LogStream.DRIVER_STDERR);
    assertThat(viewModel.log().highlightedLineProperty().get()).as("the third line, from 0").isEqualTo(2);
    assertThat(viewModel.log().highlightedText()).contains("java.lang.ArithmeticException: / by zero");
  }
}
