package io.pipewright.app.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LinkedService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NoUnexpectedErrors.class)
class AttachComputeViewModelTest {
  @TempDir Path home;
  @TempDir Path files;
  private LocalWorkspace workspace;
  private AppContext context;
  private ComputeCatalog catalog;
  private int changes;

  @BeforeEach
  void open() throws Exception {
    workspace = Workspaces.seeded(home);
    context = Workspaces.context(new CurrentThreadTaskExecutor(), new ScriptedDialogs(), workspace);
    catalog = new ComputeCatalog(context, () -> changes++);
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  private AttachComputeViewModel attach(String kind) {
    return AttachComputeViewModel.attach(context, catalog, ComputeKind.of(kind).orElseThrow());
  }

  @Test
  void localSparkCoresOutsideTheMachinesRangeAreRefusedOnTheirField() {
    AttachComputeViewModel vm = attach(ComputeKind.LOCAL_SPARK);
    vm.nameProperty().set("spark-small");
    vm.field("cores").setValue("0");
    assertThat(vm.field("cores").problem()).startsWith("Cores must be a whole number from 1 to");
    assertThat(vm.isValid()).isFalse();
    vm.field("cores").setValue("1");
    assertThat(vm.field("cores").problem()).isEmpty();
    assertThat(vm.isValid()).isTrue();
  }

  @Test
  void aStandaloneMasterUrlWithAnotherSchemeSaysWhyAndKeepsAttachDisabled() {
    AttachComputeViewModel vm = attach(ComputeKind.SPARK_STANDALONE);
    vm.nameProperty().set("cluster-a");
    vm.field("restUrl").setValue("http://10.0.0.5:6066");
    vm.field("masterUrl").setValue("http://10.0.0.5:7077");
    assertThat(vm.field("masterUrl").problem()).contains("must start with spark://");
    assertThat(vm.isValid()).isFalse();
    vm.field("masterUrl").setValue("spark://10.0.0.5:7077");
    assertThat(vm.isValid()).isTrue();
  }

  @Test
  void requiredFieldsOfAFreshDialogSayTheyAreRequired() {
    AttachComputeViewModel vm = attach(ComputeKind.LIVY);
    assertThat(vm.field("url").problem()).isEqualTo("URL is required");
    assertThat(vm.nameProblemProperty().get()).isEqualTo("a compute target needs a name");
    assertThat(vm.isValid()).isFalse();
  }

  @Test
  void livyBasicAuthenticationAsksForAUserOnTheUserField() {
    AttachComputeViewModel vm = attach(ComputeKind.LIVY);
    vm.nameProperty().set("emr");
    vm.field("url").setValue("http://livy.example.com:8998");
    vm.field("auth").setValue("basic");
    assertThat(vm.field("user").problem()).isEqualTo("User is required with basic authentication");
    vm.field("user").setValue("ada");
    assertThat(vm.isValid()).isTrue();
  }

  @Test
  void theNameOfAnAttachedTargetIsRefusedBeforeSaving() {
    AttachComputeViewModel vm = attach(ComputeKind.LOCAL_SPARK);
    vm.nameProperty().set("local-spark");
    assertThat(vm.nameProblemProperty().get()).contains("already exists");
    vm.nameProperty().set("2fast");
    assertThat(vm.nameProblemProperty().get()).contains("starting with a letter");
  }

  @Test
  void aFolderThatIsNoSparkHomeIsRefusedAfterItIsLookedAt() throws Exception {
    AttachComputeViewModel vm = attach(ComputeKind.LOCAL_SPARK);
    vm.nameProperty().set("spark-own");
    Path notSpark = Files.createDirectories(files.resolve("not-spark"));
    vm.field("sparkHome").setValue(notSpark.toString());
    assertThat(vm.field("sparkHome").problem()).contains("is not a Spark home");
    assertThat(vm.field("sparkHome").checkingProperty().get()).isFalse();
    assertThat(vm.isValid()).isFalse();
  }

  @Test
  void attachingALocalSparkTargetSavesItAndTellsTheOtherViews() throws Exception {
    AttachComputeViewModel vm = attach(ComputeKind.LOCAL_SPARK);
    vm.nameProperty().set("spark-2");
    vm.field("cores").setValue("2");
    List<ComputeTarget> saved = new ArrayList<>();
    vm.save(saved::add);
    assertThat(saved).extracting(ComputeTarget::name).containsExactly("spark-2");
    assertThat(workspace.computes()).anySatisfy(t -> {
      assertThat(t.name()).isEqualTo("spark-2");
      assertThat(t.settings()).containsEntry("cores", "2");
    });
    assertThat(context.computes()).extracting(ComputeTarget::name).contains("spark-2");
    assertThat(changes).isEqualTo(1);
  }

  @Test
  void editingSendsOnlyTheChangedSettings() throws Exception {
    workspace.attachCompute("spark-2", ComputeKind.LOCAL_SPARK, Map.of("cores", "2", "jvmOptions", "-Xss4m"));
    catalog.refresh();
    ComputeTarget target = context.computes().stream().filter(t -> t.name().equals("spark-2")).findFirst().orElseThrow();
    AttachComputeViewModel vm = AttachComputeViewModel.edit(context, catalog, target);
    assertThat(vm.field("cores").value()).isEqualTo("2");
    assertThat(vm.nameProblemProperty().get()).isEmpty();
    vm.field("cores").setValue("1");
    vm.save(t -> { });
    assertThat(workspace.computes()).anySatisfy(t -> {
      assertThat(t.name()).isEqualTo("spark-2");
      assertThat(t.settings()).containsEntry("cores", "1").containsEntry("jvmOptions", "-Xss4m");
    });
  }

  @Test
  void aSynapsePoolIsNamedAfterItsLinkedServiceAndPoolUntilTheNameIsTyped() throws Exception {
    workspace.addLinkedService(new LinkedService("link1", "6560575d-fa06-4e7d-95fb-f962e74efd7a", "rg-ml",
        "contoso-synapse"));
    AttachComputeViewModel vm = attach(ComputeKind.SYNAPSE_SPARK_POOL);
    assertThat(vm.linkedServices()).containsExactly("link1");
    assertThat(vm.field("linkedService").value()).isEqualTo("link1");
    vm.field("pool").setValue("spark01");
    assertThat(vm.nameProperty().get()).isEqualTo("link1-spark01");
    vm.nameProperty().set("pool-a");
    vm.field("pool").setValue("spark02");
    assertThat(vm.nameProperty().get()).isEqualTo("pool-a");
    List<ComputeTarget> saved = new ArrayList<>();
    vm.save(saved::add);
    assertThat(saved).singleElement().satisfies(t -> assertThat(t.settings())
        .containsEntry("linkedService", "link1").containsEntry("pool", "spark02").containsEntry("nodeCount", "3"));
  }

  @Test
  void aSynapsePoolThroughAnUnknownLinkedServiceIsRefusedOnThatField() {
    AttachComputeViewModel vm = attach(ComputeKind.SYNAPSE_SPARK_POOL);
    vm.field("linkedService").setValue("nowhere");
    vm.field("pool").setValue("spark01");
    vm.save(t -> { throw new AssertionError("saved " + t); });
    assertThat(vm.field("linkedService").problem()).contains("there is no linked service 'nowhere'");
    assertThat(vm.isValid()).isFalse();
  }

  @Test
  void importingAnAzureMlConfigFillsTheWorkspaceFields() throws Exception {
    Path config = files.resolve("config.json");
    Files.writeString(config, "{\"subscription_id\": \"6560575d-fa06-4e7d-95fb-f962e74efd7a\","
        + " \"resource_group\": \"rg-ml\", \"workspace_name\": \"ws01\"}");
    AttachComputeViewModel vm = attach(ComputeKind.AZUREML);
    vm.importAzureMlConfig(config);
    assertThat(vm.field("subscriptionId").value()).isEqualTo("6560575d-fa06-4e7d-95fb-f962e74efd7a");
    assertThat(vm.field("resourceGroup").value()).isEqualTo("rg-ml");
    assertThat(vm.field("workspaceName").value()).isEqualTo("ws01");
    assertThat(vm.nameProperty().get()).isEqualTo("ws01");
    assertThat(vm.isValid()).isTrue();
  }

  @Test
  void aConfigJsonWithoutTheWorkspaceSaysWhatIsMissing() throws Exception {
    Path config = files.resolve("config.json");
    Files.writeString(config, "{\"subscription_id\": \"6560575d-fa06-4e7d-95fb-f962e74efd7a\"}");
    AttachComputeViewModel vm = attach(ComputeKind.AZUREML);
    vm.importAzureMlConfig(config);
    assertThat(vm.errorProperty().get()).contains("resource_group").contains("workspace_name");
  }

  @Test
  void testingAStandaloneMasterThatDoesNotAnswerFails() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    AttachComputeViewModel vm = attach(ComputeKind.SPARK_STANDALONE);
    vm.nameProperty().set("cluster-a");
    vm.field("masterUrl").setValue("spark://127.0.0.1:7077");
    vm.field("restUrl").setValue("http://127.0.0.1:" + port);
    vm.testConnection();
    assertThat(vm.connectionProperty().get().status()).isEqualTo(ConnectionState.Status.FAILED);
    assertThat(vm.connectionProperty().get().message()).isNotBlank();
  }

  @Test
  void testingALivyServerNobodyListensAtSaysConnectionRefused() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    AttachComputeViewModel vm = attach(ComputeKind.LIVY);
    vm.nameProperty().set("emr");
    vm.field("url").setValue("http://127.0.0.1:" + port);
    vm.testConnection();
    assertThat(vm.connectionProperty().get().status()).isEqualTo(ConnectionState.Status.FAILED);
    assertThat(vm.connectionProperty().get().message()).contains("127.0.0.1:" + port).contains("connection refused");
  }

  @Test
  void testingLocalSparkFindsSparkAndItsJava() {
    AttachComputeViewModel vm = attach(ComputeKind.LOCAL_SPARK);
    vm.nameProperty().set("spark-2");
    vm.field("cores").setValue("1");
    vm.testConnection();
    ConnectionState state = vm.connectionProperty().get();
    assertThat(state.status()).as(state.message()).isEqualTo(ConnectionState.Status.OK);
    assertThat(state.message()).startsWith("Spark ").contains("runs on Java");
    assertThat(state.details()).anySatisfy(d -> assertThat(d).startsWith("Spark home:"));
  }

  @Test
  void changingAFieldAfterATestClearsTheOutcome() {
    AttachComputeViewModel vm = attach(ComputeKind.LIVY);
    vm.nameProperty().set("emr");
    vm.field("url").setValue("http://livy.example.com:8998");
    vm.testConnection();
    vm.field("url").setValue("http://livy.example.com:8999");
    assertThat(vm.connectionProperty().get()).isEqualTo(ConnectionState.NOT_TESTED);
  }
}
