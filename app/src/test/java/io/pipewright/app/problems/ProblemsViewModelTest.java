package io.pipewright.app.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.NodeKinds;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.document.PipelineEdits;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import org.junit.jupiter.api.Test;

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
}
