package io.pipewright.http;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Network failures in words a user understands, in one place so that every remote backend says
 * "connection refused" the same way. Knows the exceptions of OkHttp and of plain sockets.
 */
public final class NetworkErrors {
  private NetworkErrors() {}

  /** What kind of failure an exception is. */
  enum Kind {
    UNKNOWN_HOST, REFUSED, NO_ROUTE, CONNECT_TIMEOUT, READ_TIMEOUT, CALL_TIMEOUT, TLS, BROKEN, OTHER;

    /** Whether the failure happened before any request could reach the server. */
    boolean beforeSending() {
      return this == UNKNOWN_HOST || this == REFUSED || this == NO_ROUTE || this == CONNECT_TIMEOUT || this == TLS;
    }
  }

  /**
   * What went wrong reaching {@code hostAndPort}, without a stack trace: "connection refused:
   * nothing listens at h:6066", "unknown host: h is not a name this machine can resolve", "no answer
   * from h:6066 within 30 s", and so on. {@code timeout} is the one that applied.
   */
  public static String describe(Throwable failure, String hostAndPort, Duration timeout) {
    Kind kind = kind(failure, null);
    return switch (kind) {
      case READ_TIMEOUT, CALL_TIMEOUT -> "no answer from " + hostAndPort + " within " + NetworkErrors.duration(timeout);
      default -> describe(kind, failure, hostAndPort, timeout);
    };
  }

  /** The words for a failure of a known kind. */
  static String describe(Kind kind, Throwable failure, String hostAndPort, Duration timeout) {
    return switch (kind) {
      case UNKNOWN_HOST -> "unknown host: " + host(hostAndPort) + " is not a name this machine can resolve";
      case REFUSED -> "connection refused: nothing listens at " + hostAndPort;
      case NO_ROUTE -> "no route to " + host(hostAndPort) + ": the network cannot reach it";
      case CONNECT_TIMEOUT -> "no connection to " + hostAndPort + " within " + duration(timeout)
          + ": a firewall, or a machine that is off?";
      case READ_TIMEOUT -> "no answer within " + duration(timeout);
      case CALL_TIMEOUT -> "no complete answer within " + duration(timeout);
      case TLS -> "no secure connection to " + hostAndPort + ": " + message(failure);
      case BROKEN -> "the connection broke off: " + message(failure);
      case OTHER -> "cannot reach " + hostAndPort + ": " + message(failure);
    };
  }

  /**
   * The kind of {@code failure}. {@code requestStarted} says whether the request had started to
   * go out (null: unknown, guess from the exception alone).
   */
  static Kind kind(Throwable failure, Boolean requestStarted) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // Unresolved names come wrapped in other exceptions: look for them first.
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return Kind.UNKNOWN_HOST;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        boolean connecting = requestStarted == null
            ? String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("connect")
            : !requestStarted;
        return connecting ? Kind.CONNECT_TIMEOUT : Kind.READ_TIMEOUT;
      }
      if (t instanceof InterruptedIOException) {
        return Kind.CALL_TIMEOUT; // OkHttp's call timeout: InterruptedIOException("timeout")
      }
      if (t instanceof NoRouteToHostException) {
        return Kind.NO_ROUTE;
      }
      if (t instanceof ConnectException) {
        return Kind.REFUSED;
      }
      if (t instanceof SSLException) {
        return Kind.TLS;
      }
    }
    return Boolean.TRUE.equals(requestStarted) ? Kind.BROKEN : Kind.OTHER;
  }

  private static String message(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  static String host(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    return colon > 0 ? hostAndPort.substring(0, colon) : hostAndPort;
  }

  /** "30 s" for whole seconds, else "800 ms". */
  static String duration(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
