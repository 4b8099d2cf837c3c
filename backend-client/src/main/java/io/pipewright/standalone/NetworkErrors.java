package io.pipewright.standalone;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * Network failures in words a user understands. One place, so that every remote backend says
 * "connection refused" the same way. (It moves into the http package when that package exists.)
 */
final class NetworkErrors {
  private NetworkErrors() {}

  /** What went wrong reaching {@code where} ({@code host:port}), without a stack trace. */
  static String describe(Throwable failure, String where, Duration timeout) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // The JDK's HTTP client wraps an unresolved name in a ConnectException: look for it first.
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "unknown host: " + host(where) + " is not a name this machine can resolve";
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return "no connection to " + where + " within " + seconds(timeout) + ": a firewall, or a machine that is off?";
      }
      if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
        return "no answer from " + where + " within " + seconds(timeout);
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to " + host(where) + ": the network cannot reach it";
      }
      if (t instanceof ConnectException) {
        return "connection refused: nothing listens at " + where;
      }
    }
    String message = failure.getMessage();
    return "cannot reach " + where + ": " + (message == null ? failure.getClass().getSimpleName() : message);
  }

  private static String host(String where) {
    int colon = where.lastIndexOf(':');
    return colon > 0 ? where.substring(0, colon) : where;
  }

  private static String seconds(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }
}
