package io.pipewright.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** What the shared client logs on io.pipewright.http, and that no secret gets into it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpLoggingTest {
  private final TestServer server = new TestServer();
  private final Logger logger = (Logger) LoggerFactory.getLogger("io.pipewright.http");
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  HttpLoggingTest() throws Exception {}

  @BeforeEach
  void capture() {
    log.start();
    logger.addAppender(log);
    logger.setAdditive(false); // keep TRACE output out of the build's console
  }

  @AfterEach
  void stop() {
    logger.detachAppender(log);
    logger.setLevel(null);
    logger.setAdditive(true);
    server.close();
  }

  private String logText() {
    return log.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
  }

  @Test
  void logsMethodMaskedUrlStatusAndMillisecondsAtDebug() throws Exception {
    logger.setLevel(Level.DEBUG);
    server.enqueue(200, "{\"sessions\":[]}");

    RestClient.to(server.url()).build().get("/batches?from=0&token=abcTOKEN", Cancellation.none());

    assertThat(log.list).hasSize(1);
    assertThat(log.list.get(0).getLevel()).isEqualTo(Level.DEBUG);
    assertThat(log.list.get(0).getFormattedMessage())
        .matches("GET " + server.url().replace(".", "\\.") + "/batches\\?from=0&token=\\*\\*\\* -> 200 \\(\\d+ ms\\)");
  }

  @Test
  void neverLogsPasswordsOrTokensAtTrace() throws Exception {
    logger.setLevel(Level.TRACE);
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Set-Cookie", "session=COOKIEVALUE")
        .body("{\"access_token\":\"eyACCESS\",\"Refresh_Token\":\"eyREFRESH\",\"expires_in\":3599}").build());
    server.enqueue(200, "{}");

    RestClient.to(server.url()).bearer(refresh -> "eyBEARER").header("Cookie", "c=COOKIEOUT").build()
        .post("/token?code=CODEVALUE", Map.of("user", "alice", "Password", "s3cret", "client_secret", "CLIENTSECRET"),
            Cancellation.none());
    RestClient.to("http://alice:URLPASSWORD@127.0.0.1:" + server.server.getPort())
        .basicAuth("alice", "BASICPASSWORD".toCharArray()).build().get("/batches", Cancellation.none());

    String text = logText();
    assertThat(text).doesNotContain("s3cret", "CLIENTSECRET", "eyACCESS", "eyREFRESH", "eyBEARER", "COOKIEVALUE",
        "COOKIEOUT", "CODEVALUE", "URLPASSWORD", "BASICPASSWORD",
        java.util.Base64.getEncoder().encodeToString("alice:BASICPASSWORD".getBytes()));
    assertThat(text).contains("Authorization: Bearer ***", "Authorization: Basic ***", "\"Password\":\"***\"",
        "\"access_token\":\"***\"", "Set-Cookie: ***", "code=***", "\"user\":\"alice\"", "\"expires_in\":3599");
  }

  @Test
  void logsNothingAboveDebugForACallThatFails() throws Exception {
    logger.setLevel(Level.TRACE);
    server.enqueue(500, "{\"msg\":\"boom\"}");

    try {
      RestClient.to(server.url()).retry(RetryPolicy.NONE).build().get("/batches", Cancellation.none());
    } catch (RemoteException expected) {
      // the caller decides what to report
    }

    List<Level> levels = log.list.stream().map(ILoggingEvent::getLevel).toList();
    assertThat(levels).isNotEmpty().allMatch(level -> !level.isGreaterOrEqual(Level.INFO));
  }
}
