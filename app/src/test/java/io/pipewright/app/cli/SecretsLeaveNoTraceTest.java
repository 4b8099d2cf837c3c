package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.testing.AzureMlAnswers;
import io.pipewright.testing.FakeAz;
import io.pipewright.testing.FakeAzureMlServer;
import io.pipewright.workspace.LinkedService;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * After runs with a Livy password (a fake Livy with basic authentication: one run accepted, one
 * refused) and an Azure token (a fake Azure ML, the token from a fake {@code az}), each from a real
 * {@code pipewright run} process, and what {@code runs list}, {@code runs show} and {@code logs}
 * print of them, no trace of either secret, nor of their base64 forms, is in any file under the
 * workspace or the user's home (history database, logs, staged files, caches, journal) nor in
 * anything printed.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SecretsLeaveNoTraceTest {
  private static final String PASSWORD = "Lv-pass-7f3a9c2e";
  private static final String TOKEN = "aad-token-secret-5d2e8b1a9f";

  @TempDir Path temp;
  private final MockWebServer livy = new MockWebServer();

  @AfterEach
  void stopLivy() {
    livy.close();
  }

  /** The secrets and their base64 forms (a Basic header's "user:password", the bare values). */
  private static List<String> secrets() {
    Base64.Encoder b64 = Base64.getEncoder();
    return List.of(PASSWORD, TOKEN, b64.encodeToString(("ada:" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
        b64.encodeToString(("bob:" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
        b64.encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)),
        b64.encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aLivyPasswordAndAnAzureTokenLeaveNoTraceInTheWorkspaceTheHomeOrWhatIsPrinted() throws Exception {
    Path workspaceDir = temp.resolve("ws");
    Path home = Files.createDirectories(temp.resolve("home"));
    Path tools = Files.createDirectories(temp.resolve("tools")); // the fake az and what it prints: not searched
    Files.writeString(Files.createDirectories(temp.resolve("pipelines")).resolve("one.sql"), "SELECT 1 AS one;\n");
    Path pipeline = Files.writeString(temp.resolve("pipelines/one.pipeline.json"), """
        {"schemaVersion": 1, "id": "one", "defaultCompute": "local-spark",
         "steps": [{"id": "one", "type": "spark", "entry": {"sql": "one.sql"}}], "edges": []}
        """);
    serveLivy();
    try (LocalWorkspace workspace = LocalWorkspace.open(workspaceDir)) {
      workspace.attachCompute("livy1", "livy", Map.of("url", "http://127.0.0.1:" + livy.getPort(), "auth", "basic",
          "user", "ada"));
      workspace.attachCompute("livy2", "livy", Map.of("url", "http://127.0.0.1:" + livy.getPort(), "auth", "basic",
          "user", "bob"));
      workspace.attachCompute("aml", "azureml", Map.of("subscriptionId", AzureMlAnswers.SUB, "resourceGroup",
          "test-rg", "workspaceName", "my-aml-workspace"));
      workspace.addLinkedService(new LinkedService("synapse-link", AzureMlAnswers.SUB, "test-rg", "contoso-synapse"));
      workspace.attachCompute("synapse-pool", "synapse-spark-pool", Map.of("linkedService", "synapse-link",
          "pool", "sparkpool1", "nodeSize", "Medium", "nodeCount", "3"));
      workspace.attachCompute("cpu-cluster", "azureml-cluster", Map.of("workspace", "aml",
          "vmSize", "STANDARD_DS3_V2", "minNodes", "0", "maxNodes", "4"));
    }
    List<String> printed = new ArrayList<>();
    try (FakeAzureMlServer azure = new FakeAzureMlServer()) {
      AzureMlAnswers.acceptTheJob(azure);
      AzureMlAnswers.completeTheRun(azure);
      Path bin = FakeAz.printing(tools, TOKEN);

      Result accepted = pipewright(azure, bin, home, "run", pipeline.toString(), "--target", "livy1",
          "--workspace", workspaceDir.toString());
      assertThat(accepted.exitCode()).as(accepted.output()).isZero();
      Result refused = pipewright(azure, bin, home, "run", pipeline.toString(), "--target", "livy2",
          "--workspace", workspaceDir.toString());
      assertThat(refused.exitCode()).as(refused.output()).isNotZero();
      assertThat(refused.output()).contains("Invalid credentials");
      Result onAzure = pipewright(azure, bin, home, "run",
          Cli.samples().resolve("synapse-titanic/synapse-titanic.pipeline.json").toString(),
          "--workspace", workspaceDir.toString());
      assertThat(onAzure.exitCode()).as(onAzure.output()).isZero();
      assertThat(azure.requests("PUT", AzureMlAnswers.WS + "/jobs/.*")).singleElement()
          .satisfies(r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN));
      printed.addAll(List.of(accepted.output(), refused.output(), onAzure.output()));

      Result list = pipewright(azure, bin, home, "runs", "list", "--workspace", workspaceDir.toString());
      printed.add(list.output());
      for (Result run : List.of(accepted, refused, onAzure)) {
        String runId = run.output().lines().filter(l -> l.startsWith("run ") && l.contains(" of '"))
            .findFirst().orElseThrow(() -> new AssertionError(run.output())).split(" ")[1];
        assertThat(list.output()).contains(runId);
        Result shown = pipewright(azure, bin, home, "runs", "show", runId, "--workspace", workspaceDir.toString());
        assertThat(shown.exitCode()).as(shown.output()).isZero();
        printed.add(shown.output());
      }
    }
    assertThat(livy.getRequestCount()).as("requests to the fake Livy").isGreaterThan(2);

    for (String secret : secrets()) {
      for (String output : printed) {
        assertThat(output).as("what the command line printed").doesNotContain(secret);
      }
      assertNoneIn(workspaceDir, secret);
      assertNoneIn(home, secret);
    }
  }

  /** Livy's batches API behind basic authentication: ada with {@link #PASSWORD} is let in, anyone else refused. */
  private void serveLivy() throws IOException {
    String good = "Basic " + Base64.getEncoder().encodeToString(("ada:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    livy.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (!good.equals(request.getHeaders().get("Authorization"))) {
          return json(401, "{\"msg\":\"Invalid credentials\"}");
        }
        String target = request.getTarget();
        if (request.getMethod().equals("POST")) {
          return json(201, "{\"id\":3,\"state\":\"starting\"}");
        }
        if (target.startsWith("/batches?")) {
          return json(200, "{\"from\":0,\"total\":0,\"sessions\":[]}");
        }
        if (target.equals("/batches/3/state")) {
          return json(200, "{\"id\":3,\"state\":\"success\"}");
        }
        return json(200, "{\"id\":3,\"from\":0,\"total\":1,\"log\":[\"stdout: one = 1\"]}");
      }
    });
    livy.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  private record Result(int exitCode, String output) {}

  /**
   * {@code pipewright ARGS} in a child JVM whose home (HOME, user.home, PIPEWRIGHT_HOME) is {@code
   * home}, with the Livy password in the environment and Azure answered by the fakes.
   */
  private Result pipewright(FakeAzureMlServer azure, Path bin, Path home, String... args) throws Exception {
    ProcessBuilder builder = Cli.ownJvm(bin, home, List.of("-Duser.home=" + home, "-Dpipewright.azureml.pollMillis=50"),
        args);
    Path output = Files.createTempFile(temp, "cli", ".out");
    builder.redirectOutput(output.toFile());
    builder.environment().put("PIPEWRIGHT_HOME", home.resolve(".pipewright").toString());
    builder.environment().put(EnvironmentPasswordPrompt.VARIABLE, PASSWORD);
    builder.environment().put("PIPEWRIGHT_AZURE_MANAGEMENT_URL", azure.url());
    Process p = builder.start();
    try {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("pipewright %s ended", String.join(" ", args)).isTrue();
      return new Result(p.exitValue(), Files.readString(output));
    } finally {
      p.destroyForcibly();
      Files.delete(output);
    }
  }

  private static void assertNoneIn(Path dir, String secret) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        assertThat(indexOf(Files.readAllBytes(file), needle)).as("a secret in %s", file).isEqualTo(-1);
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
