package io.pipewright.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewright.http.Cancellation;
import io.pipewright.http.NetworkErrors;
import io.pipewright.http.RemoteException;
import io.pipewright.http.RestClient;
import io.pipewright.http.RetryPolicy;
import io.pipewright.http.Timeouts;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import io.pipewright.workspace.ConnectionTester;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tests a {@code spark-standalone} target: the master port accepts connections, and the master's
 * REST submission server answers {@code GET /v1/submissions/readyz} (Spark 4) or, on older Sparks
 * without it, a status request, with its Spark version.
 *
 * <p>Asks once ({@link RetryPolicy#NONE}): the user is waiting, and a failure is the answer.
 */
public final class StandaloneConnectionTester implements ConnectionTester {
  /** A submission id no master has: its status request proves the server answers, before Spark 4. */
  static final String PROBE_ID = "pipewright-connection-test";

  @Override
  public String kind() {
    return ComputeKind.SPARK_STANDALONE;
  }

  @Override
  public ConnectionTest test(ComputeTarget target, Duration timeout) {
    List<String> details = new ArrayList<>();
    URI master = URI.create(target.settings().get("masterUrl"));
    String masterAt = master.getHost() + ":" + master.getPort();
    Optional<String> masterProblem = connect(master.getHost(), master.getPort(), timeout);
    details.add("master " + masterAt + ": " + masterProblem.orElse("accepts connections"));

    URI rest = URI.create(StandaloneUrls.of(target).rest());
    String restAt = rest.getHost() + ":" + rest.getPort();
    // The whole call gets twice the timeout, so that a silent server is reported by its read timeout.
    RestClient client = RestClient.to(rest.toString()).retry(RetryPolicy.NONE)
        .timeouts(new Timeouts(timeout, timeout, timeout.multipliedBy(2))).build();
    Answer ready = get(client, "/v1/submissions/readyz", timeout, restAt);
    Answer answer = ready;
    if (ready.json().map(j -> "ErrorResponse".equals(j.path("action").asText())).orElse(false)) {
      // Before Spark 4 there is no readyz: an unknown submission's status shows the server is up.
      answer = get(client, "/v1/submissions/status/" + PROBE_ID, timeout, restAt);
    }
    String restProblem = restProblem(answer, restAt);
    String version = answer.json().map(j -> j.path("serverSparkVersion").asText("")).orElse("");
    details.add("REST server " + restAt + ": " + (restProblem == null
        ? "answers" + (version.isEmpty() ? "" : ", Spark " + version) : restProblem));

    if (answer.failure() != null) {
      return ConnectionTest.failed("cannot reach the master's REST server: " + answer.failure(), details);
    }
    if (restProblem != null) {
      return ConnectionTest.failed("the master's REST server " + restProblem, details);
    }
    if (masterProblem.isPresent()) {
      return ConnectionTest.failed("the REST server answers, but the master port " + masterAt + " does not: "
          + masterProblem.get(), details);
    }
    return ConnectionTest.ok("Spark " + (version.isEmpty() ? "" : version + " ") + "master at " + masterAt
        + " answers, with its REST server at " + restAt, details);
  }

  private static Optional<String> connect(String host, int port, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(NetworkErrors.describe(e, host + ":" + port, timeout));
    }
  }

  /** An HTTP exchange: the status and JSON body, or why there was none. */
  private record Answer(int status, Optional<JsonNode> json, String failure) {}

  private static Answer get(RestClient client, String path, Duration timeout, String where) {
    try {
      JsonNode json = client.get(path, Cancellation.none());
      return new Answer(200, json.isObject() ? Optional.of(json) : Optional.empty(), null);
    } catch (RemoteException e) {
      if (e.canceled()) {
        return new Answer(0, Optional.empty(), "the test was interrupted");
      }
      if (e.status() != 0) { // an error status, or a body that is not JSON: the status and body tell what answered
        return new Answer(e.status(), e.errorBody(), null);
      }
      return new Answer(0, Optional.empty(), e.getCause() == null ? e.getMessage()
          : NetworkErrors.describe(e.getCause(), where, timeout));
    }
  }

  /** Why the REST answer is not a ready Spark master's; null when it is. */
  private static String restProblem(Answer answer, String where) {
    if (answer.failure() != null) {
      return answer.failure();
    }
    if (answer.json().isEmpty() || !answer.json().get().has("action")) {
      return "answered HTTP " + answer.status() + ", but not as a Spark master's REST server: is " + where
          + " the REST port (6066 by default), and is spark.master.rest.enabled=true on the master?";
    }
    JsonNode json = answer.json().get();
    String action = json.path("action").asText();
    if ("ErrorResponse".equals(action)) {
      return "refused the request (HTTP " + answer.status() + "): " + json.path("message").asText();
    }
    if ("ReadyzResponse".equals(action) && !json.path("success").asBoolean(false)) {
      return "answers, but the master is not ready yet (HTTP " + answer.status() + ")"
          + (json.path("message").asText("").isBlank() ? "" : ": " + json.path("message").asText());
    }
    if (answer.status() != 200) {
      return "answered HTTP " + answer.status() + (json.path("message").asText("").isBlank() ? ""
          : ": " + json.path("message").asText());
    }
    return null;
  }
}
