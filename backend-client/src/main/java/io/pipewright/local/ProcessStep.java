package io.pipewright.local;

import io.pipewright.workspace.CommandLines;
import io.pipewright.workspace.FailureCause;
import io.pipewright.workspace.LaunchedStep;
import io.pipewright.workspace.StepLogs;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A step running as a local process whose stdout and stderr go straight to the step's log files
 * (so logs survive even if Pipewright dies). Cancel kills the whole process tree.
 */
final class ProcessStep implements LaunchedStep {

  private final Process process;
  private final CompletableFuture<StepResult> completion;
  private volatile boolean canceled;

  private ProcessStep(Process process, StepLogs logs, String what) {
    this.process = process;
    this.completion = process.onExit().handle((p, error) -> {
      if (canceled) {
        return StepResult.canceledResult();
      }
      int exit = p.exitValue();
      if (exit == 0) {
        return StepResult.success(0);
      }
      if (killedBySignal(exit)) {
        // Killed (kill -9, the kernel's OOM killer): the signal is the cause, and what it was doing is in its last lines.
        String tail = lastLines(logs.stderrFile(), LAST_LINES);
        return StepResult.failure(what + " was killed (" + signal(exit - 128) + ", exit code " + exit + ")"
            + (tail.isEmpty() ? "" : "; its log ends: " + tail), exit);
      }
      String cause = failureCause(logs);
      return StepResult.failure(what + " exited with code " + exit + (cause.isEmpty() ? "" : ": " + cause), exit);
    });
  }

  /** How many of a killed process's last log lines its step's message quotes. */
  static final int LAST_LINES = 3;

  /** Whether {@code exit} is how Java reports a process ended by a signal (128 + the signal, on Unix). */
  static boolean killedBySignal(int exit) {
    return exit > 128 && exit < 128 + 32 && !System.getProperty("os.name").startsWith("Windows");
  }

  /** A signal's number and name: "signal 9, SIGKILL". */
  static String signal(int number) {
    String name = switch (number) {
      case 1 -> "SIGHUP";
      case 2 -> "SIGINT";
      case 3 -> "SIGQUIT";
      case 6 -> "SIGABRT";
      case 9 -> "SIGKILL";
      case 11 -> "SIGSEGV";
      case 15 -> "SIGTERM";
      default -> null;
    };
    return "signal " + number + (name == null ? "" : ", " + name);
  }

  /** The last {@code count} non-blank lines of a log file, joined with " | " (each cut at 300 characters); "" if none. */
  static String lastLines(Path file, int count) {
    try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int read = (int) Math.min(length, 16 * 1024);
      byte[] bytes = new byte[read];
      in.seek(length - read);
      in.readFully(bytes);
      List<String> lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).lines()
          .skip(read < length ? 1 : 0) // the first may be cut
          .map(String::strip).filter(l -> !l.isEmpty())
          .map(l -> l.length() > 300 ? l.substring(0, 300) + "…" : l).toList();
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** Starts {@code command} in {@code directory} with its output appended to the step's logs. */
  static ProcessStep start(List<String> command, Path directory, Map<String, String> environment, StepLogs logs,
      String what) throws WorkspaceException {
    return start(command, command, directory, environment, logs, what);
  }

  /**
   * As above; {@code recorded} is the command as the step's history keeps it (the same words, or
   * with a long class path shortened), while the log notes the exact command.
   */
  static ProcessStep start(List<String> command, List<String> recorded, Path directory,
      Map<String, String> environment, StepLogs logs, String what) throws WorkspaceException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.stdoutFile().toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(logs.stderrFile().toFile()));
    builder.environment().putAll(environment);
    logLaunch(command, recorded, directory, logs);
    try {
      return new ProcessStep(builder.start(), logs, what);
    } catch (IOException e) {
      throw new WorkspaceException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  /**
   * A step whose process was started ahead and handed the step ({@link SparkBootstrap}): logged and
   * recorded as if {@code command} had started it.
   */
  static ProcessStep adopt(Process process, List<String> command, List<String> recorded, Path directory,
      StepLogs logs, String what) {
    logLaunch(command, recorded, directory, logs);
    logs.note("started ahead: this driver's JVM (pid " + process.pid() + ") was started while Pipewright started,"
        + " and then given this step");
    return new ProcessStep(process, logs, what);
  }

  /** The exact command and directory in the step's log; {@code recorded} as its history keeps it. */
  private static void logLaunch(List<String> command, List<String> recorded, Path directory, StepLogs logs) {
    logs.note("command: " + CommandLines.display(command));
    logs.launched(CommandLines.display(recorded));
    logs.note("directory: " + directory);
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  @Override
  public CompletableFuture<StepResult> completion() {
    return completion;
  }

  @Override
  public void cancel() {
    canceled = true;
    killTree(process.toHandle());
  }

  @Override
  public long pid() {
    return process.pid();
  }

  /** Kills a process and all its descendants, children first so none is re-parented and missed. */
  static void killTree(ProcessHandle root) {
    List<ProcessHandle> descendants = root.descendants().toList();
    root.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Why a failed step failed, from its stderr, or from its stdout when only that says why its JVM
   * could not start (see {@link FailureCause#ofProcess}).
   */
  static String failureCause(StepLogs logs) {
    return FailureCause.ofProcess(logs.stderrFile(), logs.stdoutFile());
  }
}
