package io.pipewright.app;

import io.pipewright.app.cli.PipewrightCommand;
import io.pipewright.app.designer.DesignerApp;

/**
 * The entry point. A plain class, not an {@code Application}: on the class path a main class that
 * extends {@code Application} fails with "JavaFX runtime components are missing" (STACK.md).
 */
public final class Launcher {
  private Launcher() {}

  /** No arguments: the designer. Arguments: the command line. */
  public static void main(String[] args) {
    if (args.length == 0) {
      DesignerApp.launchDesigner(args);
      System.exit(0);
    }
    System.exit(PipewrightCommand.execute(args));
  }
}
