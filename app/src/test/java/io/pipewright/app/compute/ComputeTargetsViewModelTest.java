package io.pipewright.app.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NoUnexpectedErrors.class)
class ComputeTargetsViewModelTest {
  @TempDir Path home;
  private LocalWorkspace workspace;
  private ScriptedDialogs dialogs;
  private AppContext context;
  private ComputeTargetsViewModel vm;
  private int changes;

  @BeforeEach
  void open() throws Exception {
    workspace = Workspaces.seeded(home);
    workspace.attachCompute("cluster-a", ComputeKind.SPARK_STANDALONE,
        Map.of("masterUrl", "spark://127.0.0.1:7077", "restUrl", "http://127.0.0.1:9"));
    dialogs = new ScriptedDialogs();
    context = Workspaces.context(new CurrentThreadTaskExecutor(), dialogs, workspace);
    context.documentProperty().set(new PipelineDocument(Workspaces.titanic(Map.of("prep", "cluster-a")), null));
    vm = new ComputeTargetsViewModel(context, new ComputeCatalog(context, () -> changes++));
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  @Test
  void listsEveryTargetWithItsKindAndDetails() {
    assertThat(vm.rows()).extracting(TargetRow::name).contains("local-spark", "local-process", "cluster-a");
    TargetRow cluster = vm.row("cluster-a").orElseThrow();
    assertThat(cluster.kindLabel()).isEqualTo("Spark standalone cluster");
    assertThat(cluster.details()).contains("spark://127.0.0.1:7077");
    assertThat(cluster.state()).isEqualTo(ConnectionState.NOT_TESTED);
  }

  @Test
  void detachAsksFirstNamingTheStepsOfTheOpenPipelineThatRunThere() throws Exception {
    vm.selectedProperty().set(vm.row("cluster-a").orElseThrow());
    dialogs.answerConfirm(true);
    vm.detachSelected();
    assertThat(dialogs.last()).startsWith("confirm: Detach cluster-a?").contains("“Prepare data”")
        .doesNotContain("Train model");
    assertThat(workspace.computes()).extracting(ComputeTarget::name).doesNotContain("cluster-a");
    assertThat(vm.rows()).extracting(TargetRow::name).doesNotContain("cluster-a");
    assertThat(changes).isEqualTo(1);
  }

  @Test
  void detachAnsweredWithCancelKeepsTheTarget() throws Exception {
    dialogs.answerConfirm(false);
    vm.detach("cluster-a");
    assertThat(workspace.computes()).extracting(ComputeTarget::name).contains("cluster-a");
    assertThat(changes).isZero();
  }

  @Test
  void detachOfATargetNoStepUsesSaysSo() throws Exception {
    context.documentProperty().set(new PipelineDocument(Workspaces.titanic(Map.of()), null));
    dialogs.answerConfirm(true);
    vm.detach("cluster-a");
    assertThat(dialogs.last()).contains("No step of the open pipeline runs on cluster-a");
  }

  @Test
  void theBuiltInTargetsCannotBeDetached() {
    vm.selectedProperty().set(vm.row("local-spark").orElseThrow());
    assertThat(vm.canDetachBinding().get()).isFalse();
    assertThat(vm.detachBlockedReasonBinding().get()).isEqualTo("local-spark is built in and cannot be detached");
    vm.selectedProperty().set(vm.row("cluster-a").orElseThrow());
    assertThat(vm.canDetachBinding().get()).isTrue();
  }

  @Test
  void aTestedRowShowsTheOutcomeAndKeepsItWhenTheListIsReadAgain() {
    TargetRow process = vm.row("local-process").orElseThrow();
    vm.test(process);
    assertThat(process.state().status()).isEqualTo(ConnectionState.Status.OK);
    context.computes().setAll(context.computes().stream().toList());
    assertThat(vm.row("local-process").orElseThrow().state().status()).isEqualTo(ConnectionState.Status.OK);
  }
}
