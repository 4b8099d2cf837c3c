package io.pipewright.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.LinkedService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A Synapse workspace on loopback, replaying the documented API (the examples under
 * src/test/resources/azure-examples/synapse, see its README): Resource Manager answering for
 * workspace1 and its pool mySparkPool, the workspace's development endpoint (the Spark batch API,
 * whose answers each test scripts), and its default storage ({@link FakeDataLake}). Its {@link
 * #session()} is signed in with {@link FakeAzure} and reaches the endpoints Azure names
 * ({@code https://workspace1.dev.projectarcadia.net}, {@code https://accountname.dfs.core.windows.net})
 * at these servers.
 */
public final class FakeSynapse implements AutoCloseable {
  public static final String SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";
  public static final String RESOURCE_GROUP = "resourceGroup1";
  public static final String WORKSPACE = "workspace1";
  public static final String POOL = "mySparkPool";
  public static final String WORKSPACE_PATH = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP
      + "/providers/Microsoft.Synapse/workspaces/" + WORKSPACE;
  /** Where the pool's batch API is, as Synapse documents it. */
  public static final String BATCHES = "/livyApi/versions/2019-11-01-preview/sparkPools/" + POOL + "/batches";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request to a fake server: "METHOD target", its Authorization header, its body, when it came. */
  public record Request(String line, String authorization, String body, long nanos) {}

  private final MockWebServer arm = new MockWebServer();
  private final MockWebServer dev = new MockWebServer();
  private final MockWebServer storage = new MockWebServer();
  private final FakeDataLake lake = new FakeDataLake();
  private final List<Request> armRequests = new CopyOnWriteArrayList<>();
  private final List<Request> batchRequests = new CopyOnWriteArrayList<>();
  private volatile Function<RecordedRequest, MockResponse> batches = r -> json(404, "{\"message\":\"no such batch\"}");
  private final FakeAzure azure;
  private final AzureSession session;

  public FakeSynapse() throws IOException {
    arm.setDispatcher(recording(armRequests, this::resourceManager));
    dev.setDispatcher(recording(batchRequests, r -> batches.apply(r)));
    storage.setDispatcher(lake);
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    arm.start(loopback, 0);
    dev.start(loopback, 0);
    storage.start(loopback, 0);
    azure = new FakeAzure(url(arm));
    Map<URI, URI> standIns = Map.of(URI.create("https://workspace1.dev.projectarcadia.net"), URI.create(url(dev)),
        URI.create("https://accountname.dfs.core.windows.net"), URI.create(url(storage)));
    session = new AzureSession() {
      @Override
      public String token(String scope, boolean refresh) throws IOException {
        return azure.token(scope, refresh);
      }

      @Override
      public Optional<Account> account() {
        return azure.account();
      }

      @Override
      public URI managementUrl() {
        return azure.managementUrl();
      }

      @Override
      public URI endpoint(URI documented) {
        return standIns.getOrDefault(documented, documented);
      }
    };
  }

  private static String url(MockWebServer server) {
    return "http://127.0.0.1:" + server.getPort();
  }

  private final Signal arrived = new Signal();

  /** Returns once {@code condition} holds, checked as requests arrive at any of the servers; fails after {@code timeout}. */
  public void await(java.time.Duration timeout, String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    arrived.await(timeout, what, condition);
  }

  private Dispatcher recording(List<Request> into, Function<RecordedRequest, MockResponse> answer) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        into.add(new Request(request.getMethod() + " " + request.getTarget(), request.getHeaders().get("Authorization"),
            request.getBody() == null ? "" : request.getBody().utf8(), System.nanoTime()));
        arrived.changed();
        return answer.apply(request);
      }
    };
  }

  /** The linked service of workspace1, as a workspace stores it. */
  public static LinkedService linkedService(String name) {
    return new LinkedService(name, SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE);
  }

  private MockResponse resourceManager(RecordedRequest request) {
    String target = request.getTarget();
    if (target.equals(WORKSPACE_PATH + "?api-version=2021-06-01")) {
      return json(200, example("GetWorkspace.json").toString());
    }
    if (target.equals(WORKSPACE_PATH + "/bigDataPools/" + POOL + "?api-version=2021-06-01")) {
      return json(200, example("GetBigDataPool.json").toString());
    }
    return json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource '" + target.replaceAll("\\?.*", "")
        + "' was not found.\"}}");
  }

  /** Scripts the pool's batch API. */
  public void batches(Function<RecordedRequest, MockResponse> answer) {
    this.batches = answer;
  }

  /** The {@code responses.200.body} of an example. */
  public static ObjectNode example(String file) {
    try (InputStream in = FakeSynapse.class.getResourceAsStream("/azure-examples/synapse/" + file)) {
      JsonNode body = JSON.readTree(in).path("responses").path("200").path("body");
      return body.isObject() ? (ObjectNode) body.deepCopy() : JSON.createObjectNode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A batch as {@code SparkFrontend_SparkBatch_Get.json} shows it, with the documented values of
   * one moment: {@code state}, {@code result}, {@code log} and {@code errorInfo} entries ({@code
   * {message, errorCode, source}}).
   */
  public static ObjectNode batch(int id, String name, String state, String result, List<String> log,
      List<Map<String, String>> errors) {
    ObjectNode batch = example("SparkFrontend_SparkBatch_Get.json");
    batch.put("id", id).put("name", name).put("state", state).put("result", result)
        .put("workspaceName", WORKSPACE).put("sparkPoolName", POOL);
    log.forEach(batch.putArray("log")::add);
    var errorInfo = batch.putArray("errorInfo");
    errors.forEach(e -> {
      ObjectNode error = errorInfo.addObject();
      e.forEach(error::put);
    });
    return batch;
  }

  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  public AzureSession session() {
    return session;
  }

  public FakeAzure azure() {
    return azure;
  }

  public FakeDataLake lake() {
    return lake;
  }

  public List<Request> armRequests() {
    return List.copyOf(armRequests);
  }

  public List<Request> batchRequests() {
    return List.copyOf(batchRequests);
  }

  @Override
  public void close() {
    arm.close();
    dev.close();
    storage.close();
  }
}
