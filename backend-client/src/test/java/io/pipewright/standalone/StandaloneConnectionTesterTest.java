package io.pipewright.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connection tests of Spark standalone targets against servers on 127.0.0.1: one replaying the
 * REST server's documented answers (and failures), nothing listening, a server that never answers.
 * {@link RealStandaloneMasterTest} tests against a real master.
 */
class StandaloneConnectionTesterTest {

  /** Servers that answer get plenty of time: a loaded 2-core machine can take a second to answer. */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** The one that never answers is waited for briefly. */
  private static final Duration SILENT_TIMEOUT = Duration.ofMillis(800);
  private final List<AutoCloseable> servers = new ArrayList<>();
  private final StandaloneConnectionTester tester = new StandaloneConnectionTester();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  /** A listening socket standing for the master's RPC port. */
  private int masterPort() throws IOException {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    servers.add(socket);
    return socket.getLocalPort();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** An HTTP server answering each path with (status, body). */
  private int restServer(Map<String, Object[]> answers) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      Object[] answer = answers.getOrDefault(exchange.getRequestURI().getPath(),
          new Object[] {404, "<html><body>Not Found</body></html>"});
      byte[] body = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders((Integer) answer[0], body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    servers.add(() -> server.stop(0));
    return server.getAddress().getPort();
  }

  private static ComputeTarget target(String master, String rest) {
    return new ComputeTarget("cluster1", "spark-standalone", Map.of("masterUrl", master, "restUrl", rest));
  }

  @Test
  void aSpark4MasterThatIsReadyPassesWithItsVersion() throws Exception {
    int master = masterPort();
    int rest = restServer(Map.of("/v1/submissions/readyz", new Object[] {200, """
        {"action" : "ReadyzResponse", "message" : "", "serverSparkVersion" : "4.1.3", "success" : true}"""}));

    ConnectionTest test = tester.test(target("spark://127.0.0.1:" + master, "http://127.0.0.1:" + rest), TIMEOUT);

    assertThat(test.outcome()).as(test.toString()).isEqualTo(ConnectionTest.Outcome.OK);
    assertThat(test.message()).isEqualTo("Spark 4.1.3 master at 127.0.0.1:" + master + " answers, with its REST server at"
        + " 127.0.0.1:" + rest);
    assertThat(test.details()).containsExactly("master 127.0.0.1:" + master + ": accepts connections",
        "REST server 127.0.0.1:" + rest + ": answers, Spark 4.1.3");
  }

  @Test
  void anOlderMasterWithoutReadyzPassesThroughAStatusRequest() throws Exception {
    int master = masterPort();
    int rest = restServer(Map.of(
        "/v1/submissions/readyz", new Object[] {400, """
            {"action" : "ErrorResponse", "message" : "Unknown action readyz", "serverSparkVersion" : "3.5.1"}"""},
        "/v1/submissions/status/" + StandaloneConnectionTester.PROBE_ID, new Object[] {200, """
            {"action" : "SubmissionStatusResponse", "serverSparkVersion" : "3.5.1",
             "submissionId" : "pipewright-connection-test", "success" : false}"""}));

    ConnectionTest test = tester.test(target("spark://127.0.0.1:" + master, "http://127.0.0.1:" + rest), TIMEOUT);

    assertThat(test.outcome()).as(test.toString()).isEqualTo(ConnectionTest.Outcome.OK);
    assertThat(test.message()).startsWith("Spark 3.5.1 master at");
  }

  @Test
  void aMasterThatIsNotReadyYetFailsSayingSo() throws Exception {
    int master = masterPort();
    int rest = restServer(Map.of("/v1/submissions/readyz", new Object[] {503, """
        {"action" : "ReadyzResponse", "message" : "recovering", "serverSparkVersion" : "4.1.3", "success" : false}"""}));

    ConnectionTest test = tester.test(target("spark://127.0.0.1:" + master, "http://127.0.0.1:" + rest), TIMEOUT);

    assertThat(test.outcome()).isEqualTo(ConnectionTest.Outcome.FAILED);
    assertThat(test.message()).isEqualTo("the master's REST server answers, but the master is not ready yet (HTTP 503): recovering");
  }

  @Test
  void aWebServerThatIsNotASparkMasterFailsWithTheHttpStatusAndAHint() throws Exception {
    int master = masterPort();
    int rest = restServer(Map.of());

    ConnectionTest test = tester.test(target("spark://127.0.0.1:" + master, "http://127.0.0.1:" + rest), TIMEOUT);

    assertThat(test.outcome()).isEqualTo(ConnectionTest.Outcome.FAILED);
    assertThat(test.message()).isEqualTo("the master's REST server answered HTTP 404, but not as a Spark master's REST"
        + " server: is 127.0.0.1:" + rest + " the REST port (6066 by default), and is spark.master.rest.enabled=true on"
        + " the master?");
  }

  @Test
  void nothingListeningIsReportedAsConnectionRefused() throws Exception {
    int master = freePort();
    int rest = freePort();

    ConnectionTest test = tester.test(target("spark://127.0.0.1:" + master, "http://127.0.0.1:" + rest), TIMEOUT);

    assertThat(test.outcome()).isEqualTo(ConnectionTest.Outcome.FAILED);
    assertThat(test.message()).isEqualTo("cannot reach the master's REST server: connection refused: nothing listens at 127.0.0.1:" + rest);
    assertThat(test.details()).contains("master 127.0.0.1:" + master + ": connection refused: nothing listens at 127.0.0.1:" + master);
  }

  @Test
  void aServerThatNeverAnswersTimesOutWithinTheTimeout() throws Exception {
    int master = masterPort();
    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); // accepts in the backlog, never answers
    servers.add(silent);

    long start = System.nanoTime();
    ConnectionTest test = tester.test(target("spark://127.0.0.1:" + master, "http://127.0.0.1:" + silent.getLocalPort()), SILENT_TIMEOUT);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(test.outcome()).isEqualTo(ConnectionTest.Outcome.FAILED);
    assertThat(test.message()).isEqualTo("cannot reach the master's REST server: no answer from 127.0.0.1:" + silent.getLocalPort()
        + " within 800 ms");
  }

  @Test
  void anUnknownHostIsReportedAsSuch() {
    ConnectionTest test = tester.test(target("spark://no-such-master.invalid:7077", "http://no-such-master.invalid:6066"), TIMEOUT);

    assertThat(test.outcome()).isEqualTo(ConnectionTest.Outcome.FAILED);
    assertThat(test.message()).isEqualTo("cannot reach the master's REST server: unknown host: no-such-master.invalid is not a name"
        + " this machine can resolve");
  }
}
