package io.pipewright.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fixed headers, basic authentication and bearer tokens with one refresh after a 401. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RestClientAuthTest {
  private final TestServer server = new TestServer();

  RestClientAuthTest() throws Exception {}

  @AfterEach
  void stop() {
    server.close();
  }

  /** Hands out "token-1", "token-2", ... and remembers whether each was a refresh. */
  private static final class CountingTokens implements TokenSource {
    final List<Boolean> refreshes = new CopyOnWriteArrayList<>();

    @Override
    public String token(boolean refresh) {
      refreshes.add(refresh);
      return "token-" + refreshes.size();
    }
  }

  @Test
  void sendsBasicAuthentication() throws Exception {
    server.enqueue(200, "{}");
    RestClient client = RestClient.to(server.url()).basicAuth("alice", "s3cret".toCharArray()).build();

    client.get("/batches", Cancellation.none());

    assertThat(server.take().getHeaders().get("Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void sendsFixedHeadersSuchAsLivysCsrfHeader() throws Exception {
    server.enqueue(201, "{\"id\":1}");
    RestClient client = RestClient.to(server.url()).header("X-Requested-By", "pipewright").build();

    client.post("/batches", Map.of("file", "x"), Cancellation.none());

    assertThat(server.take().getHeaders().get("X-Requested-By")).isEqualTo("pipewright");
  }

  @Test
  void sendsTheBearerTokenOfItsSource() throws Exception {
    server.enqueue(200, "{}");
    CountingTokens tokens = new CountingTokens();
    RestClient client = RestClient.to(server.url()).bearer(tokens).build();

    client.get("/jobs", Cancellation.none());

    assertThat(server.take().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
    assertThat(tokens.refreshes).containsExactly(false);
  }

  @Test
  void refreshesTheBearerTokenOnceAfterA401() throws Exception {
    server.enqueue(401, "{\"error\":{\"code\":\"ExpiredAuthenticationToken\",\"message\":\"expired\"}}")
        .enqueue(200, "{\"name\":\"j1\"}");
    CountingTokens tokens = new CountingTokens();
    RestClient client = RestClient.to(server.url()).bearer(tokens).build();

    assertThat(client.post("/jobs/j1/cancel", null, Cancellation.none()).path("name").asText()).isEqualTo("j1");

    assertThat(tokens.refreshes).containsExactly(false, true);
    assertThat(server.take().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
    assertThat(server.take().getHeaders().get("Authorization")).isEqualTo("Bearer token-2");
  }

  @Test
  void givesUpAfterASecond401() {
    server.enqueue(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"bad\"}}")
        .enqueue(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"still bad\"}}")
        .enqueue(200, "{}");
    RestClient client = RestClient.to(server.url()).bearer(new CountingTokens()).build();

    RemoteException e = catchThrowableOfType(RemoteException.class, () -> client.get("/jobs", Cancellation.none()));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.retryable()).isFalse();
    assertThat(e.serverMessage()).contains("(InvalidAuthenticationToken) still bad");
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void aTokenSourceThatFailsSendsNothing() {
    RestClient client = RestClient.to(server.url()).bearer(refresh -> {
      throw new IOException("sign in to Azure first");
    }).build();

    RemoteException e = catchThrowableOfType(RemoteException.class, () -> client.get("/jobs", Cancellation.none()));

    assertThat(e.getMessage()).isEqualTo("GET " + server.url() + "/jobs: no bearer token: sign in to Azure first");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void sendsNoCredentialsToAnotherServer() throws Exception {
    try (TestServer storage = new TestServer()) {
      storage.enqueue(200, "log line");
      RestClient client = RestClient.to(server.url()).bearer(new CountingTokens()).header("X-Api-Key", "k").build();

      client.getText(storage.url() + "/logs/std_log.txt?sig=abc", Cancellation.none());

      assertThat(storage.take().getHeaders().names()).doesNotContain("Authorization", "X-Api-Key");
    }
  }
}
