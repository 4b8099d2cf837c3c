package io.pipewright.livy;

import io.pipewright.http.RemoteException;
import io.pipewright.http.RestClient;
import io.pipewright.http.RetryPolicy;
import io.pipewright.http.Timeouts;
import io.pipewright.remote.TargetTimeouts;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.Passwords;
import io.pipewright.workspace.WorkspaceException;
import java.util.Objects;
import java.util.Optional;

/**
 * The REST client of one Livy-style batch API: an Apache Livy server (its URL, the {@code
 * X-Requested-By} header Livy's CSRF protection asks for, and basic authentication with the
 * session's password, asked again once when the server refuses it), or a Synapse Spark pool
 * ({@code https://{workspace}.dev.azuresynapse.net/livyApi/versions/{version}/sparkPools/{pool}},
 * bearer tokens of {@link AzureSession#SYNAPSE_SCOPE}, a fresh one once after a 401, and {@code
 * ?detailed=true} on batch calls so that Synapse answers with {@code result} and {@code errorInfo}).
 */
final class LivyConnection {
  private final ComputeTarget target;
  private final Passwords passwords;
  private final AzureSession azure;
  private final String url;
  private final String where;
  private final Timeouts timeouts;
  private final RetryPolicy retry;
  private volatile RestClient client;

  /** For steps: the target's timeouts, retries with backoff. */
  LivyConnection(ComputeTarget target, Passwords passwords) {
    this(target, passwords, TargetTimeouts.of(target), RetryPolicy.DEFAULT);
  }

  LivyConnection(ComputeTarget target, Passwords passwords, Timeouts timeouts, RetryPolicy retry) {
    this(target, passwords, null, trimmed(target.settings().get("url")), null, timeouts, retry);
  }

  private LivyConnection(ComputeTarget target, Passwords passwords, AzureSession azure, String url, String where,
      Timeouts timeouts, RetryPolicy retry) {
    this.target = target;
    this.passwords = passwords;
    this.azure = azure;
    this.url = url;
    this.where = where == null ? "Livy at " + url : where;
    this.timeouts = timeouts;
    this.retry = retry;
  }

  /**
   * The batch API of a Synapse Spark pool.
   *
   * @param poolUrl {@code https://{workspace}.dev.azuresynapse.net/livyApi/versions/{version}/sparkPools/{pool}}
   * @param where the pool for messages ("Synapse Spark pool pool1 of contoso-synapse")
   */
  static LivyConnection synapse(String poolUrl, String where, AzureSession azure, Timeouts timeouts, RetryPolicy retry) {
    return new LivyConnection(null, null, Objects.requireNonNull(azure, "azure"), trimmed(poolUrl), where, timeouts,
        retry);
  }

  private static String trimmed(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  String url() {
    return url;
  }

  /** The server for messages ("Livy at http://127.0.0.1:8998"). */
  String where() {
    return where;
  }

  /** Whether this is Synapse's batch API (no {@code /state} or {@code /log} calls; {@code result} and {@code errorInfo}). */
  boolean synapse() {
    return azure != null;
  }

  /** What batch calls add to their path: Synapse's {@code detailed=true}. */
  String detailed(String path) {
    return synapse() ? path + (path.contains("?") ? "&" : "?") + "detailed=true" : path;
  }

  /** One call to the server; a 401 asks for the password again (once) and repeats the call. */
  <T> T call(Call<T> call) throws RemoteException, WorkspaceException {
    RestClient rest = client == null ? connect(null) : client;
    try {
      return call.on(rest);
    } catch (RemoteException e) {
      if (e.status() != 401 || !basic()) {
        throw e;
      }
      return call.on(connect(e.serverMessage().orElse("the server refused the password")));
    }
  }

  /** A call made with the target's client. */
  @FunctionalInterface
  interface Call<T> {
    T on(RestClient rest) throws RemoteException, WorkspaceException;
  }

  private boolean basic() {
    return target != null && "basic".equals(target.settings().get("auth"));
  }

  private synchronized RestClient connect(String refused) throws WorkspaceException {
    RestClient.Builder builder = RestClient.to(url).timeouts(timeouts).retry(retry);
    if (synapse()) {
      // A 401 gets one fresh token and one more try (RestClient's bearer interceptor); then it stands.
      AzureSession session = azure;
      builder.bearer(refresh -> session.token(AzureSession.SYNAPSE_SCOPE, refresh));
      client = builder.build();
      return client;
    }
    builder.header("X-Requested-By", "pipewright");
    if (basic()) {
      String user = target.settings().getOrDefault("user", "");
      Optional<char[]> password = refused == null ? passwords.get(target, user) : passwords.rejected(target, user, refused);
      if (password.isEmpty()) {
        throw new WorkspaceException("Livy at " + url + " needs the password of " + user + ", and none was given"
            + (refused == null ? "" : " (" + refused + ")")
            + ": enter it when asked (on the command line, set PIPEWRIGHT_LIVY_PASSWORD)");
      }
      builder.basicAuth(user, password.get());
    }
    client = builder.build();
    return client;
  }
}
