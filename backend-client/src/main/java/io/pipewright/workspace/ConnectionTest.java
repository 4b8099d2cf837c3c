package io.pipewright.workspace;

import java.util.List;
import java.util.Objects;

/**
 * What testing a compute target's connection found.
 *
 * @param message one sentence for the user ("Spark 4.1.3 master at 127.0.0.1:7077 answers")
 * @param details what was checked, one line each, for a details pane
 */
public record ConnectionTest(Outcome outcome, String message, List<String> details) {

  /** How a connection test ended. */
  public enum Outcome {
    /** The target answered as expected. */
    OK,
    /** It did not: {@code message} says what went wrong. */
    FAILED,
    /** Pipewright cannot connect to this kind of target yet; nothing was tried. */
    NOT_AVAILABLE_YET
  }

  public ConnectionTest {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
    details = List.copyOf(details == null ? List.of() : details);
  }

  public static ConnectionTest ok(String message, List<String> details) {
    return new ConnectionTest(Outcome.OK, message, details);
  }

  public static ConnectionTest failed(String message, List<String> details) {
    return new ConnectionTest(Outcome.FAILED, message, details);
  }

  public static ConnectionTest notAvailableYet(String message) {
    return new ConnectionTest(Outcome.NOT_AVAILABLE_YET, message, List.of());
  }

  public boolean isOk() {
    return outcome == Outcome.OK;
  }
}
