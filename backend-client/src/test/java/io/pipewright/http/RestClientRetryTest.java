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

/** When RestClient asks again, how long it waits, and when it must not ask again (a POST). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RestClientRetryTest {
  /** Quick backoff, so that the tests wait for Retry-After, not for the jitter. */
  private static final RetryPolicy QUICK =
      new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));

  private final TestServer server = new TestServer();
  private final RestClient client = RestClient.to(server.url()).retry(QUICK).build();

  RestClientRetryTest() throws Exception {}

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  @Test
  void retriesA429AfterItsRetryAfter() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("slow down").build())
        .enqueue(json(200, "{\"id\":3}"));

    JsonNode batch = client.get("/batches/3", Cancellation.none());

    assertThat(batch.path("id").asInt()).isEqualTo(3);
    assertThat(server.requestCount()).isEqualTo(2);
    Duration waited = Duration.ofNanos(server.arrivals.get(1) - server.arrivals.get(0));
    assertThat(waited).isBetween(Duration.ofMillis(950), Duration.ofSeconds(5));
  }

  @Test
  void retriesA503TwiceThenSucceeds() throws Exception {
    server.enqueue(json(503, "{\"message\":\"busy\"}")).enqueue(json(503, "{\"message\":\"busy\"}"))
        .enqueue(json(200, "{\"state\":\"running\"}"));

    JsonNode state = client.get("/batches/3/state", Cancellation.none());

    assertThat(state.path("state").asText()).isEqualTo("running");
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void retriesAGetWhoseConnectionWasReset() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build())
        .enqueue(json(200, "{\"id\":3}"));

    JsonNode batch = client.get("/batches/3", Cancellation.none());

    assertThat(batch.path("id").asInt()).isEqualTo(3);
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void givesUpAfterMaxAttemptsSayingHowOftenItTried() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(503, "{\"message\":\"busy\"}"));
    }

    RemoteException e = catchThrowableOfType(RemoteException.class, () -> client.get("/batches", Cancellation.none()));

    assertThat(server.requestCount()).isEqualTo(4);
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).isEqualTo("GET " + server.url() + "/batches: HTTP 503 Service Unavailable: busy (tried 4 times)");
  }

  @Test
  void givesUpAtOnceWhenRetryAfterIsBeyondTheLimit() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").build());

    RemoteException e = catchThrowableOfType(RemoteException.class, () -> client.get("/jobs", Cancellation.none()));

    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(e.getMessage()).endsWith(": HTTP 429 Too Many Requests; the server asks to come back in 2 min");
  }

  @Test
  void doesNotRetryAClientError() {
    server.enqueue(json(404, "{\"msg\":\"Session '3' not found.\"}"));

    RemoteException e = catchThrowableOfType(RemoteException.class, () -> client.delete("/batches/3", Cancellation.none()));

    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void retriesAPostAnswered503() throws Exception {
    server.enqueue(json(503, "{\"msg\":\"starting\"}")).enqueue(json(201, "{\"id\":7}"));

    JsonNode batch = client.post("/batches", Map.of("file", "local:/app.py"), Cancellation.none());

    assertThat(batch.path("id").asInt()).isEqualTo(7);
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void retriesAPostThatCouldNotConnect() throws Exception {
    int port = TestServer.freePort();
    RestClient nowhere = RestClient.to("http://127.0.0.1:" + port)
        .retry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(1))).build();

    RemoteException e = catchThrowableOfType(RemoteException.class,
        () -> nowhere.post("/batches", Map.of("file", "x"), Cancellation.none()));

    assertThat(e.getMessage()).endsWith("connection refused: nothing listens at 127.0.0.1:" + port + " (tried 3 times)");
    assertThat(e.outcomeUnknown()).isFalse();
  }

  @Test
  void neverSendsAgainAPostWhoseAnswerWasLost() throws Exception {
    server.enqueue(json(200, "{\"sessions\":[]}")) // leaves a pooled connection, which OkHttp itself would retry on
        .enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build())
        .enqueue(json(201, "{\"id\":8}"));
    client.get("/batches", Cancellation.none());

    RemoteException e = catchThrowableOfType(RemoteException.class,
        () -> client.post("/batches", Map.of("file", "local:/app.py"), Cancellation.none()));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.status()).isZero();
    assertThat(e.getMessage()).startsWith("POST " + server.url() + "/batches: the connection broke off")
        .endsWith("(the request may have been acted on)");
    // The call is synchronous: every attempt it made has reached the server by the time it threw.
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void neverSendsAgainAPostAnsweredByAGatewayTimeout() {
    server.enqueue(json(504, "")).enqueue(json(201, "{\"id\":8}"));

    RemoteException e = catchThrowableOfType(RemoteException.class,
        () -> client.post("/batches", Map.of("file", "local:/app.py"), Cancellation.none()));

    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(e.status()).isEqualTo(504);
    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.retryable()).isTrue();
  }
}
