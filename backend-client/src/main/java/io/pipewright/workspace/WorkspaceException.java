package io.pipewright.workspace;

/** A failure with a message meant for the user (no stack trace needed to understand it). */
public class WorkspaceException extends Exception {
  private static final long serialVersionUID = 1L;

  public WorkspaceException(String userMessage) {
    super(userMessage);
  }

  public WorkspaceException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }
}
