package io.pipewright.local;

import static io.pipewright.local.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.model.Pipeline;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.SubmitOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real servers cannot be made to do, against a fake server on loopback that replays the Livy
 * and Spark standalone REST APIs: a lost create answer, a server that goes away mid-run, a refused
 * password, a target that cannot be reached. Each run ends, none is submitted twice.
 */
class RemoteFaultsTest {
  @TempDir Path temp;
  private EngineFixture fx;
  private MockWebServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void workspace() throws Exception {
    fx = new EngineFixture(temp);
    fx.source("one.sql", "SELECT 1 AS one;\n");
    server = new MockWebServer();
  }

  @AfterEach
  void close() {
    fx.close();
    server.close();
  }

  /** Answers every request with {@code answer}, recording "METHOD path" in order. */
  private void serve(Function<RecordedRequest, MockResponse> answer) throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request.getMethod() + " " + request.getTarget());
        return answer.apply(request);
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  private static MockResponse json(String body) {
    return json(200, body);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  private Pipeline oneStep() {
    return pipeline("one").sql("one", "one.sql", List.of(), List.of()).build();
  }

  private RunStatus runOn(String target) throws Exception {
    RunHandle run = fx.workspace.submit(oneStep(),
        new SubmitOptions(null, fx.sources.resolve("test.pipeline.json"), Map.of(), true, target));
    fx.lastRunId = run.runId();
    return run.await(Duration.ofMinutes(2)).orElseThrow(() -> new AssertionError("the run did not end"));
  }

  private long count(String prefix) {
    return requests.stream().filter(r -> r.startsWith(prefix)).count();
  }

  @Test
  void aLivyBatchWhoseCreateAnswerIsLostIsFoundByItsNameAndNotSubmittedAgain() throws Exception {
    java.util.concurrent.atomic.AtomicReference<String> created = new java.util.concurrent.atomic.AtomicReference<>();
    serve(request -> {
      String target = request.getTarget();
      if (request.getMethod().equals("POST")) {
        // Livy creates the batch, then the connection breaks before its answer is sent.
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("\"name\":\"([^\"]+)\"")
            .matcher(request.getBody().utf8());
        created.set(name.find() ? name.group(1) : "?");
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
      }
      if (target.startsWith("/batches?")) {
        String name = created.get();
        return json("{\"from\":0,\"total\":2,\"sessions\":[{\"id\":6,\"name\":\"someone-else\",\"state\":\"running\"},"
            + "{\"id\":7,\"name\":\"" + name + "\",\"state\":\"running\"}]}");
      }
      if (target.equals("/batches/7/state")) {
        return json("{\"id\":7,\"state\":\"success\"}");
      }
      if (target.startsWith("/batches/7/log")) {
        return json("{\"id\":7,\"from\":0,\"total\":3,\"log\":[\"stdout: \",\"one: 1\",\"\\nstderr: \"]}");
      }
      return json(404, "{\"msg\":\"not found\"}");
    });
    fx.workspace.attachCompute("livy1", "livy", Map.of("url", url()));

    assertThat(runOn("livy1")).isEqualTo(RunStatus.COMPLETED);

    assertThat(count("POST /batches")).isEqualTo(1);
    assertThat(created.get()).isEqualTo("pipewright-" + fx.lastRunId + "-one");
    assertThat(fx.log("one", LogStream.PIPEWRIGHT)).contains("found the batch it created: 7");
    assertThat(fx.stdout("one")).isEqualTo("one: 1\n");
    assertThat(fx.workspace.stepDetails(fx.lastRunId, "one").launch())
        .startsWith("POST " + url() + "/batches {").contains("\"name\":\"pipewright-" + fx.lastRunId + "-one\"");
  }

  @Test
  void aStandaloneMasterThatGoesAwayMidRunFailsTheStepWithTheCause() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    serve(request -> {
      String target = request.getTarget();
      if (target.equals("/json/")) {
        return json("{\"workers\":[],\"activedrivers\":[],\"completeddrivers\":[]}");
      }
      if (target.equals("/v1/submissions/create")) {
        return json("{\"action\":\"CreateSubmissionResponse\",\"submissionId\":\"driver-1\",\"success\":true}");
      }
      if (target.startsWith("/v1/submissions/status/") && polls.incrementAndGet() <= 2) {
        return json("{\"action\":\"SubmissionStatusResponse\",\"driverState\":\"RUNNING\",\"success\":true}");
      }
      java.util.concurrent.CompletableFuture.runAsync(server::close); // the master goes away
      return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    });
    fx.workspace.attachCompute("cluster", "spark-standalone",
        Map.of("masterUrl", "spark://127.0.0.1:7077", "restUrl", url(), "webUrl", url()));

    assertThat(runOn("cluster")).isEqualTo(RunStatus.FAILED);

    fx.assertStatus("one", RunStatus.FAILED);
    assertThat(fx.child("one").message()).startsWith("lost contact with the Spark master spark://127.0.0.1:7077")
        .contains("driver-1");
    assertThat(fx.workspace.run(fx.lastRunId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void aTargetNobodyListensAtFailsTheStepSayingConnectionRefused() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    fx.workspace.attachCompute("livy1", "livy", Map.of("url", "http://127.0.0.1:" + port));

    assertThat(runOn("livy1")).isEqualTo(RunStatus.FAILED);

    assertThat(fx.child("one").message()).contains("cannot submit to Livy at http://127.0.0.1:" + port)
        .contains("connection refused");
  }

  @Test
  void aRefusedLivyPasswordIsAskedForAgainWithTheServersReason() throws Exception {
    List<String> asked = new ArrayList<>();
    fx.workspace.setPasswordPrompt((target, user, why) -> {
      asked.add(user + ": " + why);
      return Optional.of((asked.size() == 1 ? "wrong" : "secret").toCharArray());
    });
    String good = "Basic " + java.util.Base64.getEncoder().encodeToString("ada:secret".getBytes());
    serve(request -> {
      if (!good.equals(request.getHeaders().get("Authorization"))) {
        return json(401, "{\"msg\":\"Invalid credentials\"}");
      }
      String target = request.getTarget();
      if (request.getMethod().equals("POST")) {
        return json(201, "{\"id\":3,\"state\":\"starting\"}");
      }
      if (target.equals("/batches/3/state")) {
        return json("{\"id\":3,\"state\":\"success\"}");
      }
      return json("{\"id\":3,\"from\":0,\"total\":0,\"log\":[]}");
    });
    fx.workspace.attachCompute("livy1", "livy", Map.of("url", url(), "auth", "basic", "user", "ada"));

    assertThat(runOn("livy1")).isEqualTo(RunStatus.COMPLETED);

    assertThat(asked).containsExactly("ada: null", "ada: Invalid credentials");
    assertThat(fx.log("one", LogStream.PIPEWRIGHT)).doesNotContain("secret").doesNotContain("wrong");
  }
}
