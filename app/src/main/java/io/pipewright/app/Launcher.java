package io.pipewright.app;

import io.pipewright.app.cli.PipewrightCommand;

/**
 * The entry point. A plain class, not an {@code Application}: on the class path a main class that
 * extends {@code Application} fails with "JavaFX runtime components are missing" (STACK.md).
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    System.exit(PipewrightCommand.execute(args));
  }
}
