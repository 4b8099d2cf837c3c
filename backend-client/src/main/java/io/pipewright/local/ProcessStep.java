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
      String cause = failureCause(logs);
      return StepResult.failure(what + " exited with code " + exit + (cause.isEmpty() ? "" : ": " + cause), exit);
    });
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
