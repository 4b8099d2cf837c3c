package io.pipewright.app.compute;

import io.pipewright.workspace.ConnectionTest;
import java.util.List;

/**
 * Where a connection test stands, for a dialog or a row of the targets list.
 *
 * @param message one sentence for the user; empty when {@link Status#NOT_TESTED}
 * @param details what was checked, one line each
 */
public record ConnectionState(Status status, String message, List<String> details) {

  /** The stages of a connection test. */
  public enum Status { NOT_TESTED, TESTING, OK, FAILED, NOT_AVAILABLE_YET }

  public static final ConnectionState NOT_TESTED = new ConnectionState(Status.NOT_TESTED, "", List.of());
  public static final ConnectionState TESTING = new ConnectionState(Status.TESTING, "Testing the connection…", List.of());

  public ConnectionState {
    details = List.copyOf(details == null ? List.of() : details);
  }

  static ConnectionState of(ConnectionTest test) {
    switch (test.outcome()) {
      case OK: return new ConnectionState(Status.OK, test.message(), test.details());
      case NOT_AVAILABLE_YET: return new ConnectionState(Status.NOT_AVAILABLE_YET, test.message(), test.details());
      case FAILED:
      default: return new ConnectionState(Status.FAILED, test.message(), test.details());
    }
  }

  static ConnectionState failed(Throwable e) {
    return new ConnectionState(Status.FAILED, "The test itself failed: " + e.getMessage(), List.of());
  }

  /** A short text for a table cell: "OK", "Failed", "Testing…". */
  public String shortText() {
    switch (status) {
      case TESTING: return "Testing…";
      case OK: return "Connected";
      case FAILED: return "Failed";
      case NOT_AVAILABLE_YET: return "Saved (not reachable yet)";
      case NOT_TESTED:
      default: return "Not tested";
    }
  }
}
