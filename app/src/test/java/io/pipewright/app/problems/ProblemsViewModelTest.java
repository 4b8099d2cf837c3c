package io.pipewright.app.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.NodeKinds;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.document.PipelineEdits;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.testing.ForwardingWorkspace;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Diagnostic;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemsViewModelTest {
  private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
  private final AppContext context = new AppContext(executor, null, PipelineDocument.empty());
  private final ProblemsViewModel problems = new ProblemsViewModel(context);

  private Step addSqlStep() {
    PipelineDocument d = context.document();
    Step step = PipelineEdits.newStep(d.pipeline(), NodeKinds.SPARK_SQL);
    d.edit("Add", PipelineEdits.addStep(step, 0, 0));
    return step;
  }

  private void setDriverMemory(Step step, String memory) {
    PipelineDocument d = context.document();
    Step current = d.pipeline().step(step.id()).orElseThrow();
    SparkStep spark = (SparkStep) current.kind();
    SparkSettings s = spark.settings();
    SparkSettings changed = new SparkSettings(memory, s.driverCores(), s.executorMemory(),
        s.executorCores(), s.executors(), s.dynamicAllocation(), s.conf(), s.pyFiles(), s.jars(),
        s.files(), s.archives());
    d.edit("Set memory", PipelineEdits.updateStep(current.withKind(new SparkStep(spark.entry(), changed))));
  }

  @Test
  void validatesOnlyOnceTheEditsPause() {
    Step step = addSqlStep();
    setDriverMemory(step, "4x");

    assertThat(problems.problems()).isEmpty();
    executor.runPending();

    assertThat(problems.problems()).anySatisfy(d -> {
      assertThat(d.isError()).isTrue();
      assertThat(d.nodeId()).isEqualTo(step.id());
      assertThat(d.message()).contains("4x");
    });
  }

  @Test
  void runIsBlockedWithTheReasonWhileThereAreErrorsAndFreedWhenTheyAreFixed() {
    Step step = addSqlStep();
    setDriverMemory(step, "4x");
    executor.runPending();

    assertThat(problems.hasErrorsBinding().get()).isTrue();
    assertThat(problems.runBlockedReasonBinding().get()).contains("error");

    context.document().edit("Remove", PipelineEdits.removeNodes(java.util.Set.of(step.id())));
    executor.runPending();

    assertThat(problems.hasErrorsBinding().get()).isFalse();
    assertThat(problems.runBlockedReasonBinding().get()).isEmpty();
  }

  @Test
  void followsTheDocumentThatReplacesTheOpenOne() {
    addSqlStep();
    executor.runPending();
    assertThat(problems.problems()).isNotEmpty();

    context.documentProperty().set(PipelineDocument.empty());
    executor.runPending();

    assertThat(problems.problems()).isEmpty();
    assertThat(problems.summaryBinding().get()).isEqualTo("No problems");
  }

  @Test
  void notesAreCountedApartFromWarnings(@TempDir Path home) throws Exception {
    try (LocalWorkspace workspace = LocalWorkspace.open(home)) {
      context.workspaceProperty().set(workspace);
      Step step = addSqlStepOn("local-spark");
      Step current = context.document().pipeline().step(step.id()).orElseThrow();
      SparkSettings s = ((SparkStep) current.kind()).settings();
      context.document().edit("Executors", PipelineEdits.updateStep(current.withKind(new SparkStep(
          ((SparkStep) current.kind()).entry(), new SparkSettings(s.driverMemory(), s.driverCores(), s.executorMemory(),
          s.executorCores(), 3, s.dynamicAllocation(), s.conf(), s.pyFiles(), s.jars(), s.files(), s.archives())))));

      executor.runPending();

      assertThat(problems.problems()).filteredOn(d -> d.code().equals("PW121")).isNotEmpty()
          .allSatisfy(d -> assertThat(d.severity()).isEqualTo(io.pipewright.model.Severity.INFO));
      long errors = problems.problems().stream().filter(Diagnostic::isError).count();
      long notes = problems.problems().stream().filter(d -> d.severity() == io.pipewright.model.Severity.INFO).count();
      long warnings = problems.problems().size() - errors - notes;
      assertThat(problems.summaryBinding().get()).isEqualTo(errors + (errors == 1 ? " error, " : " errors, ")
          + warnings + (warnings == 1 ? " warning, " : " warnings, ") + notes + (notes == 1 ? " note" : " notes"));
    }
  }

  /** The embedded workspace with a standalone cluster attached, where only the built-in targets passed a test. */
  private final class UntestedCluster extends ForwardingWorkspace {
    final Set<String> tested = new java.util.HashSet<>(Set.of("local-spark", "local-process"));

    UntestedCluster(Path home) throws Exception {
      super(LocalWorkspace.open(home));
      attachCompute("cluster1", "spark-standalone",
          Map.of("masterUrl", "spark://127.0.0.1:7077", "restUrl", "http://127.0.0.1:6066"));
    }

    @Override
    public Set<String> testedComputes() {
      return Set.copyOf(tested);
    }
  }

  private Step addSqlStepOn(String compute) {
    Step step = addSqlStep();
    context.document().edit("On " + compute, PipelineEdits.updateStep(
        context.document().pipeline().step(step.id()).orElseThrow().withCompute(compute)));
    return step;
  }

  @Test
  void warnsAboutAStepOnARemoteTargetThatNeverPassedAConnectionTest(@TempDir Path home) throws Exception {
    try (UntestedCluster workspace = new UntestedCluster(home)) {
      context.workspaceProperty().set(workspace);
      Step step = addSqlStepOn("cluster1");

      executor.runPending();

      assertThat(problems.problems()).filteredOn(d -> d.code().equals("PW127")).singleElement().satisfies(d -> {
        assertThat(d.isError()).isFalse();
        assertThat(d.nodeId()).isEqualTo(step.id());
        assertThat(d.message()).isEqualTo("compute target 'cluster1' has never passed a connection test: test it in "
            + "the Compute tab (or pipewright computes test cluster1)");
      });
    }
  }

  @Test
  void theUntestedTargetWarningGoesOnceTheTargetPassedATestAndTheComputesAreReadAgain(@TempDir Path home)
      throws Exception {
    try (UntestedCluster workspace = new UntestedCluster(home)) {
      context.workspaceProperty().set(workspace);
      addSqlStepOn("cluster1");
      executor.runPending();
      assertThat(problems.problems()).extracting(Diagnostic::code).contains("PW127");

      workspace.tested.add("cluster1");
      problems.refreshComputes();
      executor.runPending();

      assertThat(problems.problems()).extracting(Diagnostic::code).doesNotContain("PW127");
    }
  }
}
