package io.pipewright.app;

import io.pipewright.app.cli.PipewrightCommand;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The entry point. A plain class, not an {@code Application}: on the class path a main class that
 * extends {@code Application} fails with "JavaFX runtime components are missing" (STACK.md).
 */
public final class Launcher {
  private Launcher() {}

  /**
   * No arguments: the designer. A pipeline file alone ({@code pipewright FILE.pipeline.json}, what a
   * double-click on one runs): the designer on that file. Other arguments: the command line.
   */
  public static void main(String[] args) {
    io.pipewright.app.files.StartupReport.mark("main");
    // Setting up logging takes ~70 ms of a start; on another core it overlaps parsing the command.
    Thread logging = new Thread(org.slf4j.LoggerFactory::getILoggerFactory, "logging-setup");
    logging.setDaemon(true);
    logging.start();
    Optional<Path> file = fileToOpen(args);
    if (args.length == 0 || file.isPresent()) {
      String missing = missingDisplay(System.getProperty("os.name"), System.getenv("DISPLAY"),
          System.getenv("WAYLAND_DISPLAY"), System.getProperty("glass.platform"));
      if (missing != null) {
        System.err.println(missing);
        System.exit(2);
      }
      if (file.isPresent() && !Files.isRegularFile(file.get())) {
        System.err.println("pipewright: " + args[0] + ": no such file");
        System.exit(2);
      }
      DesignerApp.launchDesigner(file);
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
   * The file to open in the designer when the only argument names one: an existing file, or a name
   * ending in {@code .pipeline.json}, that is not a command or an option. Empty for a command line.
   */
  static Optional<Path> fileToOpen(String[] args) {
    if (args.length != 1 || args[0].isBlank() || args[0].startsWith("-") || PipewrightCommand.isCommand(args[0])) {
      return Optional.empty();
    }
    Path file;
    try {
      file = Path.of(args[0]);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    return args[0].endsWith(".pipeline.json") || Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
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

  /** How the user starts Pipewright: "pipewright" when installed, "./pipewright" in a checkout. */
  static String commandName() {
    return System.getProperty("pipewright.version") != null ? "pipewright" : "./pipewright";
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
          + "The command line works without one: " + commandName() + " --help";
    }
    return null;
  }
}
