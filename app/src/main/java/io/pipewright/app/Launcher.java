package io.pipewright.app;

import io.pipewright.app.cli.PipewrightCommand;

/**
 * The entry point. A plain class, not an {@code Application}: on the class path a main class that
 * extends {@code Application} fails with "JavaFX runtime components are missing" (STACK.md).
 */
public final class Launcher {
  private Launcher() {}

  /** No arguments: the designer. Arguments: the command line. */
  public static void main(String[] args) {
    io.pipewright.app.files.StartupReport.mark("main");
    // Setting up logging takes ~70 ms of a start; on another core it overlaps parsing the command.
    Thread logging = new Thread(org.slf4j.LoggerFactory::getILoggerFactory, "logging-setup");
    logging.setDaemon(true);
    logging.start();
    if (args.length == 0) {
      String missing = missingDisplay(System.getProperty("os.name"), System.getenv("DISPLAY"),
          System.getenv("WAYLAND_DISPLAY"), System.getProperty("glass.platform"));
      if (missing != null) {
        System.err.println(missing);
        System.exit(2);
      }
      DesignerApp.launchDesigner(args);
      System.exit(0);
    }
    if (runsColdSpark(args)) {
      io.pipewright.local.LocalWorkspace.startSparkDriverAhead();
    }
    // A command that logs before logging is set up gets SLF4J's "replayed" warning on stderr.
    System.exit(PipewrightCommand.execute(() -> join(logging), args));
  }

  private static void join(Thread thread) {
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether the command runs a pipeline with a cold Spark driver per step, whose first JVM is worth
   * starting while this one starts: {@code run}, not asking for help or a warm driver.
   */
  static boolean runsColdSpark(String[] args) {
    if (args.length == 0 || !"run".equals(args[0])) {
      return false;
    }
    for (String arg : args) {
      if (arg.equals("--warm") || arg.equals("--help") || arg.equals("-h") || arg.equals("--version")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Why the designer cannot open a window here, or {@code null} when it can: on Linux without
   * DISPLAY or WAYLAND_DISPLAY JavaFX fails with a stack trace, so say it in one line instead.
   */
  static String missingDisplay(String os, String display, String wayland, String glassPlatform) {
    boolean linux = os != null && os.toLowerCase(java.util.Locale.ROOT).contains("linux");
    boolean none = (display == null || display.isBlank()) && (wayland == null || wayland.isBlank());
    if (linux && none && glassPlatform == null) {
      return "pipewright: no display (DISPLAY is not set), so the designer cannot open a window here. "
          + "The command line works without one: ./pipewright --help";
    }
    return null;
  }
}
