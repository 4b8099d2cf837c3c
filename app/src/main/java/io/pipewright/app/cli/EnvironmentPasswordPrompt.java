package io.pipewright.app.cli;

import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.PasswordPrompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The command line's {@link PasswordPrompt}: the password is {@code PIPEWRIGHT_LIVY_PASSWORD}.
 * Without it (missing or empty) there is no password, and {@link #hint} says to set it; a password
 * the server refused is not given again. Nothing is read from the terminal, so scripts never hang.
 */
final class EnvironmentPasswordPrompt implements PasswordPrompt {
  static final String VARIABLE = "PIPEWRIGHT_LIVY_PASSWORD";

  private final Function<String, String> environment;
  private final List<String> hints = new ArrayList<>();

  /** @param environment the environment's variables ({@code System::getenv}) */
  EnvironmentPasswordPrompt(Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public synchronized Optional<char[]> password(ComputeTarget target, String user, String why) {
    if (why != null) {
      remember(target.name() + " refused the password of " + user + " from " + VARIABLE + " (" + why
          + "): set it to the right one");
      return Optional.empty();
    }
    String value = environment.apply(VARIABLE);
    if (value == null || value.isEmpty()) {
      remember(target.name() + " needs the password of " + user + ": set " + VARIABLE);
      return Optional.empty();
    }
    return Optional.of(value.toCharArray());
  }

  private void remember(String hint) {
    if (!hints.contains(hint)) {
      hints.add(hint);
    }
  }

  /** What to do about the passwords that were needed and not given ("livy1 needs … set PIPEWRIGHT_LIVY_PASSWORD"). */
  synchronized Optional<String> hint() {
    return hints.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", hints));
  }
}
