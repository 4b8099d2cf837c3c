package io.pipewright.local;

import io.pipewright.workspace.WorkspaceException;
import java.sql.SQLException;

/**
 * Calls into the run history from the workspace's parts, with one error policy: a failure of
 * the history becomes a {@link WorkspaceException} with a message for the user. (A run in
 * progress, which must not stop on a failed write, has its own policy in {@link LocalRun}.)
 */
final class HistoryCalls {

  private HistoryCalls() {}

  interface Query<T> {
    T get() throws SQLException;
  }

  interface Update {
    void run() throws SQLException;
  }

  /** Reads the history, turning its failures into a user-facing error. */
  static <T> T read(Query<T> query) throws WorkspaceException {
    try {
      return query.get();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Changes the history, turning its failures into a user-facing error. */
  static void write(Update update) throws WorkspaceException {
    try {
      update.run();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Changes the history and returns what the change says, turning its failures into a user-facing error. */
  static <T> T writeReturning(Query<T> update) throws WorkspaceException {
    return read(update);
  }

  private static WorkspaceException failed(SQLException e) {
    return new WorkspaceException("the run history failed: " + e.getMessage(), e);
  }
}
