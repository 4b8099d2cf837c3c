package io.pipewright.livy;

import io.pipewright.http.RemoteException;
import io.pipewright.http.RestClient;
import io.pipewright.http.RetryPolicy;
import io.pipewright.http.Timeouts;
import io.pipewright.remote.TargetTimeouts;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.Passwords;
import io.pipewright.workspace.WorkspaceException;
import java.util.Optional;

/**
 * The REST client of one Livy target: its URL, the {@code X-Requested-By} header Livy's CSRF
 * protection asks for, and basic authentication with the session's password, asked again once when
 * the server refuses it.
 */
final class LivyConnection {
  private final ComputeTarget target;
  private final Passwords passwords;
  private final String url;
  private final Timeouts timeouts;
  private final RetryPolicy retry;
  private volatile RestClient client;

  /** For steps: the target's timeouts, retries with backoff. */
  LivyConnection(ComputeTarget target, Passwords passwords) {
    this(target, passwords, TargetTimeouts.of(target), RetryPolicy.DEFAULT);
  }

  LivyConnection(ComputeTarget target, Passwords passwords, Timeouts timeouts, RetryPolicy retry) {
    this.target = target;
    this.passwords = passwords;
    this.timeouts = timeouts;
    this.retry = retry;
    String configured = target.settings().get("url");
    this.url = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
  }

  String url() {
    return url;
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
    return "basic".equals(target.settings().get("auth"));
  }

  private synchronized RestClient connect(String refused) throws WorkspaceException {
    RestClient.Builder builder = RestClient.to(url).timeouts(timeouts).retry(retry)
        .header("X-Requested-By", "pipewright");
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
