package io.pipewright.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.http.RestClient;
import io.pipewright.http.RestClient.Reply;
import io.pipewright.http.RetryPolicy;
import io.pipewright.http.Timeouts;
import io.pipewright.workspace.AzureSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Azure Resource Manager's conventions on top of {@link RestClient}: the {@code api-version} of
 * every call, bearer tokens from the {@link AzureSession} (a new one after a 401), lists that
 * follow {@code nextLink}, and long-running operations polled as Azure documents them (an {@code
 * Azure-AsyncOperation} header: poll it until its {@code status} is final; else a {@code Location}
 * header: poll it until it stops answering 202), honouring {@code Retry-After}.
 *
 * <p>Paths are relative to the management endpoint ({@code /subscriptions/…}) or absolute URLs
 * (a data-plane host, a {@code nextLink}). Every method blocks: call them off the FX thread.
 */
public final class Arm {
  /** Statuses of an {@code Azure-AsyncOperation} that end it. */
  private static final Set<String> FINAL = Set.of("succeeded", "failed", "canceled", "cancelled");
  /** Pages of one list at most: a server that keeps sending nextLink is not followed forever. */
  private static final int MAX_PAGES = 1000;
  private static final Duration DEFAULT_POLL = Duration.ofSeconds(5);

  private final RestClient client;

  private Arm(RestClient client) {
    this.client = client;
  }

  /** The Resource Manager of {@code session}'s cloud. */
  public static Arm of(AzureSession session) {
    return to(session.managementUrl().toString(), session, AzureSession.MANAGEMENT_SCOPE);
  }

  /** A client of {@code baseUrl} with tokens of {@code scope} (Synapse's data plane, storage). */
  public static Arm to(String baseUrl, AzureSession session, String scope) {
    return to(baseUrl, session, scope, Timeouts.DEFAULT, RetryPolicy.DEFAULT);
  }

  /** As {@link #to(String, AzureSession, String)}, with other timeouts and retries (a connection test's few seconds). */
  public static Arm to(String baseUrl, AzureSession session, String scope, Timeouts timeouts, RetryPolicy retry) {
    return new Arm(RestClient.to(baseUrl)
        .timeouts(timeouts)
        .retry(retry)
        .bearer(refresh -> session.token(scope, refresh))
        .build());
  }

  public String baseUrl() {
    return client.baseUrl();
  }

  /** The HTTP client underneath, for calls outside Resource Manager's conventions. */
  public RestClient rest() {
    return client;
  }

  public JsonNode get(String path, String apiVersion, Cancellation cancel) throws RemoteException {
    return client.get(withVersion(path, apiVersion), cancel);
  }

  /** Every item of a list, following {@code nextLink} from page to page. */
  public List<JsonNode> list(String path, String apiVersion, Cancellation cancel) throws RemoteException {
    List<JsonNode> items = new ArrayList<>();
    String next = withVersion(path, apiVersion);
    for (int page = 0; next != null && page < MAX_PAGES; page++) {
      JsonNode body = client.get(next, cancel);
      body.path("value").forEach(items::add);
      String link = body.path("nextLink").asText("");
      next = link.isBlank() ? null : link;
    }
    return items;
  }

  /** PUTs a resource; a long-running create is waited for, and the resource as it ends up is returned. */
  public JsonNode put(String path, String apiVersion, Object body, Duration timeout, Consumer<String> progress,
      Cancellation cancel) throws RemoteException {
    String url = withVersion(path, apiVersion);
    Reply reply = client.send("PUT", url, body, Map.of(), cancel);
    if (!isLongRunning(reply)) {
      return reply.json();
    }
    await(reply, timeout, progress, cancel);
    return client.get(url, cancel);
  }

  /** POSTs an action ({@code /jobs/x/cancel}); a 202 with a {@code Location} is waited for when {@code timeout} is not zero. */
  public JsonNode post(String path, String apiVersion, Object body, Duration timeout, Cancellation cancel)
      throws RemoteException {
    Reply reply = client.send("POST", withVersion(path, apiVersion), body, Map.of(), cancel);
    if (isLongRunning(reply) && !timeout.isZero()) {
      return await(reply, timeout, status -> {}, cancel);
    }
    return reply.json();
  }

  /** DELETEs a resource and waits for a long-running delete; a resource already gone (404) counts as deleted. */
  public void delete(String path, String apiVersion, Duration timeout, Consumer<String> progress, Cancellation cancel)
      throws RemoteException {
    Reply reply;
    try {
      reply = client.send("DELETE", withVersion(path, apiVersion), null, Map.of(), cancel);
    } catch (RemoteException e) {
      if (e.status() == 404) {
        return;
      }
      throw e;
    }
    if (isLongRunning(reply)) {
      await(reply, timeout, progress, cancel);
    }
  }

  private static boolean isLongRunning(Reply reply) {
    return reply.header("Azure-AsyncOperation") != null
        || reply.status() == 202 && reply.header("Location") != null;
  }

  /**
   * Polls a long-running operation to its end. {@code progress} hears each status ("InProgress",
   * "Creating"). Fails with Azure's own error when the operation failed or was canceled, and with
   * a sentence when it takes longer than {@code timeout}.
   */
  public JsonNode await(Reply started, Duration timeout, Consumer<String> progress, Cancellation cancel)
      throws RemoteException {
    Instant deadline = Instant.now().plus(timeout);
    String operation = started.header("Azure-AsyncOperation");
    String location = started.header("Location");
    Duration wait = retryAfter(started);
    while (true) {
      if (Instant.now().plus(wait).isAfter(deadline)) {
        throw new RemoteException("GET", operation != null ? operation : location, 0,
            "Azure's operation did not end within " + timeout.toSeconds() + " s; it may still be running in Azure",
            null, null, null, RemoteException.Outcome.UNKNOWN, null);
      }
      if (cancel.sleep(wait)) {
        throw new RemoteException("GET", operation != null ? operation : location, 0, "canceled", null, null, null,
            RemoteException.Outcome.CANCELED_UNKNOWN, null);
      }
      if (operation != null) {
        Reply poll = client.send("GET", operation, null, Map.of(), cancel);
        JsonNode body = poll.json();
        String status = body.path("status").asText("InProgress");
        progress.accept(status);
        if (FINAL.contains(status.toLowerCase(Locale.ROOT))) {
          if (!"succeeded".equalsIgnoreCase(status)) {
            JsonNode error = body.path("error");
            String message = error.path("message").asText("");
            throw new RemoteException("GET", operation, poll.status(), "Azure's operation ended " + status
                + (message.isBlank() ? "" : ": " + message), message.isBlank() ? null : message,
                error.isObject() ? body : null, null, RemoteException.Outcome.FINAL, null);
          }
          return body;
        }
        wait = retryAfter(poll);
      } else {
        Reply poll = client.send("GET", location, null, Map.of(), cancel);
        if (poll.status() != 202) {
          return poll.json();
        }
        progress.accept("InProgress");
        wait = retryAfter(poll);
      }
    }
  }

  private static Duration retryAfter(Reply reply) {
    Duration asked = RetryPolicy.retryAfter(reply.header("Retry-After"), Instant.now());
    return asked == null ? DEFAULT_POLL : asked;
  }

  static String withVersion(String path, String apiVersion) {
    if (apiVersion == null || path.contains("api-version=")) {
      return path;
    }
    return path + (path.contains("?") ? "&" : "?") + "api-version=" + apiVersion;
  }
}
