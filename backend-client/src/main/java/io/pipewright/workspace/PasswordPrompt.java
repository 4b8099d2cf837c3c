package io.pipewright.workspace;

import java.util.Optional;

/**
 * Asks the user for a compute target's password the first time a connection needs it (Livy with
 * basic authentication). The designer shows a dialog; the command line reads {@code
 * PIPEWRIGHT_LIVY_PASSWORD}. The workspace keeps the answer in memory for the session only and
 * never writes it to a file, a log or the history.
 */
@FunctionalInterface
public interface PasswordPrompt {

  /** Nobody to ask: connections that need a password fail, saying so. */
  PasswordPrompt NONE = (target, user, why) -> Optional.empty();

  /**
   * The password of {@code user} for {@code target}; empty when the user declines. Called on a
   * background thread, never the FX thread; it may block while a dialog is open.
   *
   * @param why null on the first ask; the server's refusal when an earlier password was rejected
   */
  Optional<char[]> password(ComputeTarget target, String user, String why);
}
