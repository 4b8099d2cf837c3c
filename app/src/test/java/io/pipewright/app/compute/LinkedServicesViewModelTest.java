package io.pipewright.app.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.FieldProblem;
import io.pipewright.workspace.LinkedService;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NoUnexpectedErrors.class)
class LinkedServicesViewModelTest {
  @TempDir Path home;
  private LocalWorkspace workspace;
  private ScriptedDialogs dialogs;
  private AppContext context;
  private LinkedServicesViewModel vm;

  @BeforeEach
  void open() throws Exception {
    workspace = Workspaces.seeded(home);
    dialogs = new ScriptedDialogs();
    context = Workspaces.context(new CurrentThreadTaskExecutor(), dialogs, workspace);
    vm = new LinkedServicesViewModel(context);
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  private void type(String name, String subscription, String group, String synapse) {
    vm.value(FieldProblem.NAME).set(name);
    vm.value("subscriptionId").set(subscription);
    vm.value("resourceGroup").set(group);
    vm.value("synapseWorkspace").set(synapse);
  }

  @Test
  void aSubscriptionThatIsNoIdIsRefusedOnItsField() {
    type("link1", "my-subscription", "rg-ml", "contoso-synapse");
    assertThat(vm.problem("subscriptionId").get()).contains("must be an id like");
    assertThat(vm.validBinding().get()).isFalse();
  }

  @Test
  void anAddedLinkedServiceIsKeptInTheWorkspace() throws Exception {
    type("link1", "6560575d-fa06-4e7d-95fb-f962e74efd7a", "rg-ml", "contoso-synapse");
    assertThat(vm.validBinding().get()).isTrue();
    vm.add();
    assertThat(vm.services()).extracting(LinkedService::name).containsExactly("link1");
    assertThat(vm.value(FieldProblem.NAME).get()).isEmpty();
    workspace.close();
    try (LocalWorkspace reopened = LocalWorkspace.open(home)) {
      assertThat(reopened.linkedServices()).extracting(LinkedService::synapseWorkspace).containsExactly("contoso-synapse");
    }
  }

  @Test
  void aTakenNameIsRefusedAsTyped() throws Exception {
    workspace.addLinkedService(new LinkedService("link1", "6560575d-fa06-4e7d-95fb-f962e74efd7a", "rg", "syn"));
    vm.refresh();
    type("link1", "6560575d-fa06-4e7d-95fb-f962e74efd7a", "rg-ml", "contoso-synapse");
    assertThat(vm.problem(FieldProblem.NAME).get()).contains("already exists");
  }

  @Test
  void removingAsksFirstAndThenRemoves() throws Exception {
    workspace.addLinkedService(new LinkedService("link1", "6560575d-fa06-4e7d-95fb-f962e74efd7a", "rg", "syn"));
    vm.refresh();
    vm.selectedProperty().set(vm.services().get(0));
    dialogs.answerConfirm(true);
    vm.removeSelected();
    assertThat(dialogs.last()).startsWith("confirm: Remove link1?");
    assertThat(workspace.linkedServices()).isEmpty();
    assertThat(vm.services()).isEmpty();
  }

  @Test
  void aLinkedServiceAPoolUsesIsNotRemovedAndTheReasonIsShown() throws Exception {
    workspace.addLinkedService(new LinkedService("link1", "6560575d-fa06-4e7d-95fb-f962e74efd7a", "rg", "syn"));
    workspace.attachCompute("link1-spark01", "synapse-spark-pool", java.util.Map.of("linkedService", "link1",
        "pool", "spark01", "nodeSize", "Small", "nodeCount", "3"));
    vm.refresh();
    vm.selectedProperty().set(vm.services().get(0));
    dialogs.answerConfirm(true);
    vm.removeSelected();
    assertThat(dialogs.last()).startsWith("error: Cannot remove link1").contains("link1-spark01");
    assertThat(workspace.linkedServices()).hasSize(1);
  }
}
