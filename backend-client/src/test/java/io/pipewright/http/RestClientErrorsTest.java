package io.pipewright.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How failures become RemoteExceptions: their messages, the server's message, the flags, masked URLs. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RestClientErrorsTest {
  private final TestServer server = new TestServer();
  private final RestClient client = RestClient.to(server.url() + "/").retry(RetryPolicy.NONE).build();

  RestClientErrorsTest() throws Exception {}

  @AfterEach
  void stop() {
    server.close();
  }

  private RemoteException failureOf(ThrowingCall call) {
    RemoteException e = catchThrowableOfType(RemoteException.class, call::run);
    assertThat(e).as("a RemoteException").isNotNull();
    return e;
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void aLivyErrorBodyBecomesTheServerMessage() {
    server.enqueue(400, "{\"msg\":\"requirement failed: File is required\"}");

    RemoteException e = failureOf(() -> client.post("/batches", Map.of("name", "x"), Cancellation.none()));

    assertThat(e.getMessage()).isEqualTo("POST " + server.url()
        + "/batches: HTTP 400 Bad Request: requirement failed: File is required");
    assertThat(e.serverMessage()).contains("requirement failed: File is required");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.retryable()).isFalse();
    assertThat(e.outcomeUnknown()).isFalse();
  }

  @Test
  void aSparkErrorResponseBecomesTheServerMessageAndStaysReadable() {
    server.enqueue(400, """
        {"action" : "ErrorResponse", "message" : "Malformed request: missing appResource", "serverSparkVersion" : "4.1.3"}""");

    RemoteException e = failureOf(() -> client.post("/v1/submissions/create", Map.of(), Cancellation.none()));

    assertThat(e.serverMessage()).contains("Malformed request: missing appResource");
    assertThat(e.errorBody().orElseThrow().path("serverSparkVersion").asText()).isEqualTo("4.1.3");
  }

  @Test
  void anAzureErrorBodyBecomesTheServerMessageWithItsCode() {
    server.enqueue(404, """
        {"error": {"code": "ResourceNotFound", "message": "The job 'j1' was not found.", "details": []}}""");

    RemoteException e = failureOf(() -> client.get("/jobs/j1?api-version=2024-10-01", Cancellation.none()));

    assertThat(e.serverMessage()).contains("(ResourceNotFound) The job 'j1' was not found.");
    assertThat(e.getMessage()).endsWith(": HTTP 404 Not Found: (ResourceNotFound) The job 'j1' was not found.");
  }

  @Test
  void aPlainTextErrorBodyGivesItsFirstLine() {
    server.enqueue(400, "\nMissing Required Header for CSRF protection.\nmore\n");

    RemoteException e = failureOf(() -> client.delete("/batches/1", Cancellation.none()));

    assertThat(e.serverMessage()).contains("Missing Required Header for CSRF protection.");
  }

  @Test
  void anHtmlErrorPageGivesItsFirstLineOfText() {
    server.enqueue(404, """
        <html>
        <head><meta http-equiv="Content-Type" content="text/html"/><title>Error 404 Not Found</title></head>
        <body><h2>HTTP ERROR 404</h2></body></html>""");

    RemoteException e = failureOf(() -> client.get("/v1/submissions/readyz", Cancellation.none()));

    assertThat(e.serverMessage()).contains("Error 404 Not Found");
  }

  @Test
  void aLongTextErrorBodyIsCutTo200Characters() {
    server.enqueue(500, "x".repeat(500));

    RemoteException e = failureOf(() -> client.get("/batches", Cancellation.none()));

    assertThat(e.serverMessage().orElseThrow()).hasSize(200);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void connectionRefusedNamesHostAndPortAndIsRetryable() throws Exception {
    int port = TestServer.freePort();
    RestClient nowhere = RestClient.to("http://127.0.0.1:" + port).retry(RetryPolicy.NONE).build();

    RemoteException e = failureOf(() -> nowhere.get("/v1/submissions/status/x", Cancellation.none()));

    assertThat(e.getMessage()).isEqualTo("GET http://127.0.0.1:" + port
        + "/v1/submissions/status/x: connection refused: nothing listens at 127.0.0.1:" + port);
    assertThat(e.status()).isZero();
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void anUnknownHostIsSaidSo() {
    RestClient nowhere = RestClient.to("http://no-such-host.invalid:8998").retry(RetryPolicy.NONE).build();

    RemoteException e = failureOf(() -> nowhere.get("/batches", Cancellation.none()));

    assertThat(e.getMessage()).isEqualTo("GET http://no-such-host.invalid:8998/batches: unknown host: no-such-host.invalid"
        + " is not a name this machine can resolve");
  }

  @Test
  void aSlowServerBeyondTheReadTimeoutGivesNoAnswerWithin() {
    server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("{}").build());
    RestClient impatient = RestClient.to(server.url()).retry(RetryPolicy.NONE)
        .timeouts(Timeouts.DEFAULT.withRead(Duration.ofMillis(300))).build();

    RemoteException e = failureOf(() -> impatient.get("/batches", Cancellation.none()));

    assertThat(e.getMessage()).isEqualTo("GET " + server.url() + "/batches: no answer within 300 ms");
    assertThat(e.retryable()).isTrue();
    assertThat(e.outcomeUnknown()).isFalse();
  }

  @Test
  void aPostWithoutAnAnswerInTimeHasAnUnknownOutcome() {
    server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("{}").build());
    RestClient impatient = RestClient.to(server.url()).timeouts(Timeouts.DEFAULT.withRead(Duration.ofMillis(300))).build();

    RemoteException e = failureOf(() -> impatient.post("/batches", Map.of("file", "x"), Cancellation.none()));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.getMessage()).isEqualTo("POST " + server.url()
        + "/batches: no answer within 300 ms (the request may have been acted on)");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void aTruncatedJsonBodyIsNotCompleteJson() {
    server.enqueue(200, "{\"id\": 3, \"state\": \"runn");

    RemoteException e = failureOf(() -> client.get("/batches/3", Cancellation.none()));

    assertThat(e.getMessage()).startsWith("GET " + server.url() + "/batches/3: the answer was not complete JSON: ");
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void aPostWhoseAnswerIsNotCompleteJsonHasAnUnknownOutcome() {
    server.enqueue(201, "{\"id\": 3, ");

    RemoteException e = failureOf(() -> client.post("/batches", Map.of("file", "x"), Cancellation.none()));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void anAnswerCutOffInTheMiddleIsSaidSo() {
    server.enqueue(new MockResponse.Builder().body("{\"log\": [\"" + "line\", \"".repeat(20_000) + "\"]}")
        .onResponseBody(new SocketEffect.CloseSocket()).build());

    RemoteException e = failureOf(() -> client.get("/batches/3/log", Cancellation.none()));

    assertThat(e.getMessage()).startsWith("GET " + server.url() + "/batches/3/log: the answer broke off: ");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void deleteTakesAnEmptyOrNonJsonAnswerAsAnEmptyObject() throws Exception {
    server.enqueue(200, "").enqueue(200, "deleted");

    assertThat(client.delete("/batches/1", Cancellation.none()).isEmpty()).isTrue();
    assertThat(client.delete("/batches/2", Cancellation.none()).isEmpty()).isTrue();
  }

  @Test
  void getTextReadsAPlainTextBody() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/plain; charset=utf-8")
        .body("line 1\nline 2 ü\n").build());

    String log = client.getText("/logPage/?driverId=d1&logType=stdout", Cancellation.none());

    assertThat(log).isEqualTo("line 1\nline 2 ü\n");
  }

  @Test
  void aPathMayBeAnAbsoluteUrl() throws Exception {
    server.enqueue(200, "{\"value\":[]}");

    JsonNode page = client.get(server.url() + "/jobs?$skipToken=abc", Cancellation.none());

    assertThat(page.path("value").isArray()).isTrue();
    assertThat(server.take().getTarget()).isEqualTo("/jobs?$skipToken=abc");
  }

  @Test
  void theUrlOfAFailureShowsNoCredentials() {
    server.enqueue(403, "{\"msg\":\"no\"}");
    RestClient withSecrets = RestClient.to("http://alice:s3cret@127.0.0.1:" + server.server.getPort())
        .retry(RetryPolicy.NONE).build();

    RemoteException e = failureOf(() -> withSecrets.get("/logs?sig=abcSIG&token=abcTOKEN&from=0", Cancellation.none()));

    assertThat(e.url()).isEqualTo(server.url() + "/logs?sig=***&token=***&from=0");
    assertThat(e.getMessage()).doesNotContain("s3cret", "abcSIG", "abcTOKEN", "alice").contains("sig=***");
  }
}
