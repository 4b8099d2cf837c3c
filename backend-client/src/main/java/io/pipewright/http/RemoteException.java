package io.pipewright.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception for remote failures: no connection, no answer in time, an error status, an
 * answer that could not be read, a cancel. Its message is one line for users, {@code "POST
 * http://127.0.0.1:8998/batches: HTTP 400 Bad Request: requirement failed: File is required"}; the
 * accessors tell a caller what to do next: try again later ({@link #retryable()}), look the
 * request's effect up before sending it again ({@link #outcomeUnknown()}), or stop ({@link
 * #canceled()}). The URL never shows credentials.
 */
public class RemoteException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What a failure allows the caller to do. */
  public enum Outcome {
    /** Trying again cannot help (4xx, bad TLS). */
    FINAL,
    /** Trying again later could help; the request surely had no effect, or is idempotent. */
    RETRYABLE,
    /** Trying again could help, but the request may have been acted on: look it up first. */
    UNKNOWN,
    /** Stopped through a {@link Cancellation}; the request surely had no effect. */
    CANCELED,
    /** Stopped through a {@link Cancellation} after the request may have been acted on. */
    CANCELED_UNKNOWN
  }

  private final String method;
  private final String url;
  private final int status;
  private final String serverMessage;
  private final transient JsonNode errorBody;
  private final Duration retryAfter;
  private final Outcome outcome;

  public RemoteException(String method, String url, int status, String detail, String serverMessage, JsonNode errorBody,
      Duration retryAfter, Outcome outcome, Throwable cause) {
    super(method + " " + Redaction.url(url) + ": " + detail, cause);
    this.method = Objects.requireNonNull(method);
    this.url = Redaction.url(url);
    this.status = status;
    this.serverMessage = serverMessage;
    this.errorBody = errorBody;
    this.retryAfter = retryAfter;
    this.outcome = Objects.requireNonNull(outcome);
  }

  /** The HTTP method: GET, POST, DELETE. */
  public String method() {
    return method;
  }

  /**
   * The URL, without credentials: no {@code user:password@}, and the values of query parameters
   * such as {@code token}, {@code sig}, {@code key}, {@code password}, {@code code}, {@code secret} as {@code ***}.
   */
  public String url() {
    return url;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /**
   * What the server said about the failure: Livy's {@code msg}, Spark's {@code message}, Azure's
   * {@code error.message} (as {@code "(code) message"}), else the first line of a short text or
   * HTML body.
   */
  public Optional<String> serverMessage() {
    return Optional.ofNullable(serverMessage);
  }

  /** The error answer's body when it was a JSON object (Spark's {@code ErrorResponse}, ...). */
  public Optional<JsonNode> errorBody() {
    return Optional.ofNullable(errorBody);
  }

  /** How long the server asked to wait before trying again ({@code Retry-After}), when it did. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Whether trying again later could help: connection failures, timeouts, 408, 429, 5xx, incomplete answers. */
  public boolean retryable() {
    return outcome == Outcome.RETRYABLE || outcome == Outcome.UNKNOWN;
  }

  /**
   * Whether the request may have been acted on although the call failed (a POST whose answer was
   * lost): look its effect up before sending it again.
   */
  public boolean outcomeUnknown() {
    return outcome == Outcome.UNKNOWN || outcome == Outcome.CANCELED_UNKNOWN;
  }

  /** Whether the call was stopped through its {@link Cancellation} (or its thread was interrupted). */
  public boolean canceled() {
    return outcome == Outcome.CANCELED || outcome == Outcome.CANCELED_UNKNOWN;
  }
}
