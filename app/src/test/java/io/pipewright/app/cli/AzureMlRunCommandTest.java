package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.testing.AzureMlAnswers;
import io.pipewright.testing.FakeAzureMlServer;
import io.pipewright.workspace.LinkedService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipewright run} of the synapse-titanic sample on Azure ML, in a child JVM: the command
 * line's default credential chain gets its token from a fake {@code az} on the PATH (printing what
 * {@code az account get-access-token} prints), and {@code PIPEWRIGHT_AZURE_MANAGEMENT_URL} points
 * Resource Manager at a local fake of Azure ML's hosts answering with the published examples.
 * Nothing is asked interactively.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AzureMlRunCommandTest {
  private static final String SUB = AzureMlAnswers.SUB;
  private static final String WS = AzureMlAnswers.WS;
  private static final String TOKEN = "fake-cli-access-token-0123456789";

  @TempDir Path temp;

  @Test
  void runSubmitsTheSynapseTitanicSampleToAzureMlAndPrintsItsChildJobsAndLogs() throws Exception {
    Path workspaceDir = temp.resolve("ws");
    try (LocalWorkspace workspace = LocalWorkspace.open(workspaceDir)) {
      workspace.attachCompute("aml", "azureml", Map.of("subscriptionId", SUB, "resourceGroup", "test-rg",
          "workspaceName", "my-aml-workspace"));
      workspace.addLinkedService(new LinkedService("synapse-link", SUB, "test-rg", "contoso-synapse"));
      workspace.attachCompute("synapse-pool", "synapse-spark-pool", Map.of("linkedService", "synapse-link",
          "pool", "sparkpool1", "nodeSize", "Medium", "nodeCount", "3"));
      workspace.attachCompute("cpu-cluster", "azureml-cluster", Map.of("workspace", "aml",
          "vmSize", "STANDARD_DS3_V2", "minNodes", "0", "maxNodes", "4"));
    }
    try (FakeAzureMlServer server = new FakeAzureMlServer()) {
      answers(server);
      Path bin = fakeAz();

      Result result = pipewright(server, bin, "run",
          Cli.samples().resolve("synapse-titanic/synapse-titanic.pipeline.json").toString(),
          "--workspace", workspaceDir.toString());

      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output())
          .containsPattern("run Queued: Azure ML pipeline job pipewright-[0-9a-f-]+: https://ml.azure.com/runs/")
          .contains("[Prepare data] Running on synapse-pool")
          .contains("Prepare data | | wrote output 'prepared': 891 rows")
          .contains("[Prepare data] Completed")
          .contains("Train model  | train accuracy 0.80")
          .containsPattern("run [0-9]{8}-[0-9]{6}-[0-9a-f]{4} Completed in");
      assertThat(result.output()).doesNotContain(TOKEN);
      assertThat(server.requests("PUT", WS + "/jobs/.*")).singleElement()
          .satisfies(r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN));

      String runId = result.output().lines().filter(l -> l.startsWith("run ") && l.contains(" Completed in "))
          .findFirst().orElseThrow().split(" ")[1];
      Cli shown = Cli.run("runs", "show", runId, "--workspace", workspaceDir.toString());
      assertThat(shown.out()).containsPattern("remote job: Azure ML job pipewright-[0-9a-f-]+, child run prep_run_1")
          .containsPattern("remote job: Azure ML job pipewright-[0-9a-f-]+, child run train_run_1");
      Cli logs = Cli.runCapturingStdout("logs", runId, "train", "--workspace", workspaceDir.toString());
      assertThat(logs.exitCode()).as(logs.toString()).isZero();
      assertThat(logs.out()).isEqualTo("train accuracy 0.80, log loss 0.45\n");
      assertNoTokenIn(workspaceDir);
    }
  }

  @Test
  void linkedServicesAreListedFromAzureMlAndAddedFromThere() throws Exception {
    Path workspaceDir = temp.resolve("ws");
    try (LocalWorkspace workspace = LocalWorkspace.open(workspaceDir)) {
      workspace.attachCompute("aml", "azureml", Map.of("subscriptionId", SUB, "resourceGroup", "test-rg",
          "workspaceName", "my-aml-workspace"));
    }
    String synapse = "/subscriptions/" + SUB + "/resourceGroups/test-rg/providers/Microsoft.Synapse/workspaces/contoso-synapse";
    try (FakeAzureMlServer server = new FakeAzureMlServer()) {
      server.on("GET", WS + "/linkedServices").json(200, "{\"value\":[{\"id\":\"" + WS + "/linkedServices/synapse-link\","
          + "\"name\":\"synapse-link\",\"type\":\"Microsoft.MachineLearningServices/workspaces/linkedServices\","
          + "\"properties\":{\"linkedServiceResourceId\":\"" + synapse + "\",\"linkType\":\"Synapse\"}}]}");
      Path bin = fakeAz();

      Result listed = pipewright(server, bin, "linked-services", "list", "--azure", "aml", "--workspace", workspaceDir.toString());
      assertThat(listed.exitCode()).as(listed.output()).isZero();
      assertThat(listed.output()).contains("synapse-link  Synapse  " + synapse);
      Result added = pipewright(server, bin, "linked-services", "add", "synapse-link", "--from", "aml",
          "--workspace", workspaceDir.toString());
      assertThat(added.exitCode()).as(added.output()).isZero();
      assertThat(added.output()).contains("added synapse-link (Synapse workspace contoso-synapse, resource group test-rg)");
      Result missing = pipewright(server, bin, "linked-services", "add", "other", "--from", "aml",
          "--workspace", workspaceDir.toString());
      assertThat(missing.exitCode()).isNotZero();
      assertThat(missing.output()).contains("Azure ML workspace target 'aml' has no linked Synapse workspace named 'other'");
      assertThat(server.requests("GET", WS + "/linkedServices")).allSatisfy(r -> assertThat(r.getUrl().queryParameter(
          "api-version")).isEqualTo("2020-09-01-preview"));
    }
    try (LocalWorkspace workspace = LocalWorkspace.open(workspaceDir)) {
      assertThat(workspace.linkedServices()).containsExactly(
          new LinkedService("synapse-link", SUB, "test-rg", "contoso-synapse"));
    }
    Cli removed = Cli.run("linked-services", "remove", "synapse-link", "--workspace", workspaceDir.toString());
    assertThat(removed.exitCode()).as(removed.toString()).isZero();
    Cli typed = Cli.run("linked-services", "add", "link2", "subscriptionId=" + SUB, "resourceGroup=rg",
        "synapseWorkspace=ws2", "--workspace", workspaceDir.toString());
    assertThat(typed.exitCode()).as(typed.toString()).isZero();
    Cli wrong = Cli.run("linked-services", "add", "link3", "pool=x", "--workspace", workspaceDir.toString());
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.toString()).contains("a linked service has no setting pool");
    Cli list = Cli.run("linked-services", "list", "--workspace", workspaceDir.toString());
    assertThat(list.out()).contains("link2").contains("ws2").doesNotContain("synapse-link");
  }

  private static void answers(FakeAzureMlServer server) {
    AzureMlAnswers.acceptTheJob(server);
    AzureMlAnswers.completeTheRun(server);
  }

  /** An {@code az} printing what {@code az account get-access-token --output json} prints. */
  private Path fakeAz() throws IOException {
    return io.pipewright.testing.FakeAz.printing(temp, TOKEN);
  }

  private record Result(int exitCode, String output) {}

  private Result pipewright(FakeAzureMlServer server, Path bin, String... args) throws Exception {
    ProcessBuilder builder = Cli.ownJvm(bin, temp.resolve("home"), List.of("-Dpipewright.azureml.pollMillis=50"), args);
    builder.environment().put("PIPEWRIGHT_AZURE_MANAGEMENT_URL", server.url());
    Process p = builder.start();
    String output = io.pipewright.testing.ProcessOutput.of(p, Duration.ofSeconds(120));
    return new Result(p.exitValue(), output);
  }

  private static void assertNoTokenIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
            .doesNotContain(TOKEN);
      }
    }
  }
}
