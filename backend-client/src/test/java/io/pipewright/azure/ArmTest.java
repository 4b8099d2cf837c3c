package io.pipewright.azure;

import static io.pipewright.testing.SpecExamples.local;
import static io.pipewright.testing.SpecExamples.response;
import static io.pipewright.testing.SpecExamples.responseText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.testing.FakeArmServer;
import io.pipewright.testing.FakeAzure;
import io.pipewright.workspace.AzureSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Arm, Resource Manager's conventions, against a fake server answering with the published
 * Machine Learning examples of api-version 2024-10-01: api-version on every call, bearer tokens
 * of the session's scope, nextLink paging, Azure-AsyncOperation and Location long-running
 * operations with Retry-After, and their failures.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ArmTest {
  private static final String VERSION = "2024-10-01";
  private static final String COMPUTES = "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/testrg123"
      + "/providers/Microsoft.MachineLearningServices/workspaces/workspaces123/computes";
  private static final String LIST = "machinelearningservices/2024-10-01/Compute/list.json";
  private static final String GET = "machinelearningservices/2024-10-01/Compute/get/AmlCompute.json";
  private static final String CREATE = "machinelearningservices/2024-10-01/Compute/createOrUpdate/BasicAmlCompute.json";
  private static final Map<String, Object> BODY = Map.of("location", "eastus");

  private final FakeArmServer server = new FakeArmServer();
  private final FakeAzure azure = server.session();
  private final Arm arm = Arm.of(azure);
  private final List<String> progress = new CopyOnWriteArrayList<>();

  ArmTest() throws Exception {}

  @AfterEach
  void stop() {
    server.close();
  }

  private String operation() {
    return local("https://management.azure.com/subscriptions/...pathToOperationStatus...", server.url());
  }

  @Test
  void addsTheApiVersionToEveryPath() {
    assertThat(Arm.withVersion("/a/b", "2024-10-01")).isEqualTo("/a/b?api-version=2024-10-01");
    assertThat(Arm.withVersion("/a/b?x=1", "2024-10-01")).isEqualTo("/a/b?x=1&api-version=2024-10-01");
    assertThat(Arm.withVersion("/a/b?api-version=2021-06-01", "2024-10-01")).isEqualTo("/a/b?api-version=2021-06-01");
    assertThat(Arm.withVersion("/a/b", null)).isEqualTo("/a/b");
  }

  @Test
  void getsWithTheApiVersionAndAManagementToken() throws Exception {
    server.json(200, responseText(GET, 200));

    JsonNode compute = arm.get(COMPUTES + "/compute123", VERSION, Cancellation.none());

    assertThat(compute.path("properties").path("computeType").asText()).isEqualTo("AmlCompute");
    RecordedRequest request = server.take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo(COMPUTES + "/compute123?api-version=2024-10-01");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer fake-token-1");
    assertThat(azure.scopes()).containsExactly(AzureSession.MANAGEMENT_SCOPE);
    assertThat(arm.baseUrl()).startsWith(server.url());
  }

  @Test
  void aClientOfAnotherScopeAsksForTokensOfThatScope() throws Exception {
    server.json(200, "{\"value\":[]}");

    Arm synapse = Arm.to(server.url(), azure, AzureSession.SYNAPSE_SCOPE);
    synapse.get("/linkedservices", "2020-12-01", Cancellation.none());

    assertThat(server.take().getTarget()).isEqualTo("/linkedservices?api-version=2020-12-01");
    assertThat(azure.scopes()).containsExactly(AzureSession.SYNAPSE_SCOPE);
  }

  @Test
  void listsFollowNextLinkToTheLastPage() throws Exception {
    ObjectNode first = (ObjectNode) response(LIST, 200).deepCopy();
    first.put("nextLink", server.url() + COMPUTES + "?api-version=2024-10-01&$skipToken=p2");
    ObjectNode second = (ObjectNode) response(LIST, 200).deepCopy();
    second.put("nextLink", server.url() + COMPUTES + "?api-version=2024-10-01&$skipToken=p3");
    server.json(200, first.toString()).json(200, second.toString())
        .json(200, "{\"value\":[" + responseText(GET, 200) + "],\"nextLink\":\"\"}");

    List<JsonNode> items = arm.list(COMPUTES, VERSION, Cancellation.none());

    assertThat(items).extracting(i -> i.path("name").asText())
        .containsExactly("compute123", "compute1234", "compute123", "compute1234", "compute123");
    assertThat(server.take().getTarget()).isEqualTo(COMPUTES + "?api-version=2024-10-01");
    assertThat(server.take().getTarget()).isEqualTo(COMPUTES + "?api-version=2024-10-01&$skipToken=p2");
    assertThat(server.take().getTarget()).isEqualTo(COMPUTES + "?api-version=2024-10-01&$skipToken=p3");
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void aPutAnsweredAtOnceIsNotPolled() throws Exception {
    server.json(200, responseText(CREATE, 200));

    JsonNode resource = arm.put(COMPUTES + "/compute123", VERSION, BODY, Duration.ofMinutes(1), progress::add,
        Cancellation.none());

    assertThat(resource.path("properties").path("provisioningState").asText()).isEqualTo("Creating");
    assertThat(server.requestCount()).isEqualTo(1);
    RecordedRequest put = server.take();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getBody().utf8()).isEqualTo("{\"location\":\"eastus\"}");
    assertThat(progress).isEmpty();
  }

  @Test
  void aLongRunningPutPollsItsAzureAsyncOperationAsRetryAfterAsksThenReadsTheResource() throws Exception {
    server.json(201, responseText(CREATE, 201), "Azure-AsyncOperation", operation(), "Retry-After", "0")
        .json(200, "{\"status\":\"InProgress\"}", "Retry-After", "1")
        .json(200, "{\"status\":\"Succeeded\"}")
        .json(200, responseText(GET, 200));

    JsonNode resource = arm.put(COMPUTES + "/compute123", VERSION, BODY, Duration.ofMinutes(1), progress::add,
        Cancellation.none());

    assertThat(resource.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(progress).containsExactly("InProgress", "Succeeded");
    server.take();
    assertThat(server.take().getTarget()).isEqualTo("/subscriptions/...pathToOperationStatus...");
    assertThat(server.take().getHeaders().get("Authorization")).isEqualTo("Bearer fake-token-1");
    RecordedRequest reread = server.take();
    assertThat(reread.getMethod()).isEqualTo("GET");
    assertThat(reread.getTarget()).isEqualTo(COMPUTES + "/compute123?api-version=2024-10-01");
    List<Long> arrivals = server.arrivals();
    assertThat(Duration.ofNanos(arrivals.get(2) - arrivals.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aLongRunningPutWithOnlyALocationIsPolledUntilItStopsAnswering202() throws Exception {
    String location = server.url() + "/operationResults/r1";
    server.json(202, "", "Location", location, "Retry-After", "0")
        .empty(202, "Location", location, "Retry-After", "0")
        .json(200, "{}")
        .json(200, responseText(GET, 200));

    arm.put(COMPUTES + "/compute123", VERSION, BODY, Duration.ofMinutes(1), progress::add, Cancellation.none());

    server.take();
    assertThat(server.take().getTarget()).isEqualTo("/operationResults/r1");
    assertThat(server.take().getTarget()).isEqualTo("/operationResults/r1");
    assertThat(server.take().getTarget()).isEqualTo(COMPUTES + "/compute123?api-version=2024-10-01");
    assertThat(progress).containsExactly("InProgress");
  }

  @Test
  void aFailedOperationFailsWithAzuresError() throws Exception {
    server.json(201, responseText(CREATE, 201), "Azure-AsyncOperation", operation(), "Retry-After", "0")
        .json(200, "{\"status\":\"Failed\",\"error\":{\"code\":\"QuotaExceeded\",\"message\":\"Not enough cores\"}}");

    RemoteException e = catchThrowableOfType(RemoteException.class, () -> arm.put(COMPUTES + "/compute123", VERSION,
        BODY, Duration.ofMinutes(1), progress::add, Cancellation.none()));

    assertThat(e.getMessage()).endsWith(": Azure's operation ended Failed: Not enough cores");
    assertThat(e.serverMessage()).contains("Not enough cores");
    assertThat(e.errorBody().orElseThrow().path("error").path("code").asText()).isEqualTo("QuotaExceeded");
    assertThat(AzureErrors.serverMessage(e)).isEqualTo("Not enough cores");
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void aCanceledOperationFailsToo() throws Exception {
    server.json(201, responseText(CREATE, 201), "Azure-AsyncOperation", operation(), "Retry-After", "0")
        .json(200, "{\"status\":\"Canceled\"}");

    RemoteException e = catchThrowableOfType(RemoteException.class, () -> arm.put(COMPUTES + "/compute123", VERSION,
        BODY, Duration.ofMinutes(1), progress::add, Cancellation.none()));

    assertThat(e.getMessage()).endsWith(": Azure's operation ended Canceled");
  }

  @Test
  void anOperationLongerThanTheTimeoutIsLeftRunningWithASentence() throws Exception {
    server.json(201, responseText(CREATE, 201), "Azure-AsyncOperation", operation(), "Retry-After", "60");

    RemoteException e = catchThrowableOfType(RemoteException.class, () -> arm.put(COMPUTES + "/compute123", VERSION,
        BODY, Duration.ofSeconds(5), progress::add, Cancellation.none()));

    assertThat(e.getMessage()).endsWith("Azure's operation did not end within 5 s; it may still be running in Azure");
    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void waitingForAnOperationStopsWhenCanceled() throws Exception {
    server.json(201, responseText(CREATE, 201), "Azure-AsyncOperation", operation(), "Retry-After", "20");
    Cancellation cancel = new Cancellation();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      timer.schedule(cancel::cancel, 300, TimeUnit.MILLISECONDS);

      RemoteException e = catchThrowableOfType(RemoteException.class, () -> arm.put(COMPUTES + "/compute123", VERSION,
          BODY, Duration.ofMinutes(1), progress::add, cancel));

      assertThat(e.canceled()).isTrue();
      assertThat(server.requestCount()).isEqualTo(1);
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void aDeleteOfSomethingGoneIsDone() throws Exception {
    server.json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"gone\"}}");

    arm.delete(COMPUTES + "/compute123", VERSION, Duration.ofMinutes(1), progress::add, Cancellation.none());

    RecordedRequest delete = server.take();
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getTarget()).isEqualTo(COMPUTES + "/compute123?api-version=2024-10-01");
  }

  @Test
  void aLongRunningDeleteIsWaitedFor() throws Exception {
    // delete.json: 202 with both headers; Azure-AsyncOperation is the one followed.
    server.empty(202, "Azure-AsyncOperation", operation(),
            "Location", local("https://management.azure.com/subscriptions/...pathToOperationResult...", server.url()),
            "Retry-After", "0")
        .json(200, "{\"status\":\"Succeeded\"}");

    arm.delete(COMPUTES + "/compute123", VERSION, Duration.ofMinutes(1), progress::add, Cancellation.none());

    server.take();
    assertThat(server.take().getTarget()).isEqualTo("/subscriptions/...pathToOperationStatus...");
    assertThat(progress).containsExactly("Succeeded");
  }

  @Test
  void aPostsLocationIsWaitedForOnlyWhenAskedTo() throws Exception {
    String location = server.url() + "/operationResults/cancel1";
    server.empty(202, "Location", location, "Retry-After", "0").json(200, "{\"done\":true}")
        .empty(202, "Location", location, "Retry-After", "0");

    JsonNode waited = arm.post("/jobs/j1/cancel", VERSION, null, Duration.ofMinutes(1), Cancellation.none());
    arm.post("/jobs/j1/cancel", VERSION, null, Duration.ZERO, Cancellation.none());

    assertThat(waited.path("done").asBoolean()).isTrue();
    assertThat(server.take().getTarget()).isEqualTo("/jobs/j1/cancel?api-version=2024-10-01");
    assertThat(server.take().getTarget()).isEqualTo("/operationResults/cancel1");
    assertThat(server.take().getMethod()).isEqualTo("POST");
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void asksTheSessionForAFreshTokenAfterA401() throws Exception {
    server.json(401, "{\"error\":{\"code\":\"ExpiredAuthenticationToken\",\"message\":\"expired\"}}")
        .json(200, responseText(GET, 200));

    arm.get(COMPUTES + "/compute123", VERSION, Cancellation.none());

    assertThat(server.take().getHeaders().get("Authorization")).isEqualTo("Bearer fake-token-1");
    assertThat(server.take().getHeaders().get("Authorization")).isEqualTo("Bearer fake-token-2");
    assertThat(azure.refreshes()).containsExactly(false, true);
  }

  @Test
  void describesAnAzureErrorByItsCodeAndMessage() throws Exception {
    server.json(400, "{\"error\":{\"code\":\"BadArgument\",\"message\":\"Compute name is invalid\",\"details\":[]}}");

    RemoteException e = catchThrowableOfType(RemoteException.class,
        () -> arm.get(COMPUTES + "/-", VERSION, Cancellation.none()));

    assertThat(e.status()).isEqualTo(400);
    assertThat(AzureErrors.serverMessage(e)).isEqualTo("(BadArgument) Compute name is invalid");
    assertThat(e.getMessage()).doesNotContain("fake-token");
  }
}
