package io.pipewright.local;

import io.pipewright.workspace.LaunchedStep;
import io.pipewright.workspace.StepLogs;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * A step running as a local process whose stdout and stderr go straight to the step's log files
 * (so logs survive even if Pipewright dies). Cancel kills the whole process tree.
 */
final class ProcessStep implements LaunchedStep {

  private final Process process;
  private final CompletableFuture<StepResult> completion;
  private volatile boolean canceled;

  private ProcessStep(Process process, Path stderrFile, String what) {
    this.process = process;
    this.completion = process.onExit().handle((p, error) -> {
      if (canceled) {
        return StepResult.canceledResult();
      }
      int exit = p.exitValue();
      if (exit == 0) {
        return StepResult.success();
      }
      String cause = failureCause(stderrFile);
      return StepResult.failure(what + " exited with code " + exit + (cause.isEmpty() ? "" : ": " + cause));
    });
  }

  /** Starts {@code command} in {@code directory} with its output appended to the step's logs. */
  static ProcessStep start(List<String> command, Path directory, Map<String, String> environment, StepLogs logs,
      String what) throws WorkspaceException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.stdoutFile().toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(logs.stderrFile().toFile()));
    builder.environment().putAll(environment);
    logs.note("command: " + String.join(" ", command.stream().map(ProcessStep::quoteForDisplay).toList()));
    logs.note("directory: " + directory);
    try {
      return new ProcessStep(builder.start(), logs.stderrFile(), what);
    } catch (IOException e) {
      throw new WorkspaceException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  /** Words a POSIX shell reads as they are; anything else is shown single-quoted, so it can be pasted. */
  private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_\\-+=/.,:@%]+");

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static String quoteForDisplay(String arg) {
    return SAFE_WORD.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
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

  private static final Pattern EXCEPTION_LINE =
      Pattern.compile("^(Exception in thread .*|[\\w.$]*(Exception|Error)\\b.*:.*|SQL statement \\d+.*|.*\\berror: .*)$");

  /**
   * The line of a failed step's stderr that best says why: the driver's own one-line error, the
   * last exception or Python error line, else the last non-blank line.
   */
  static String failureCause(Path stderrFile) {
    List<String> lines = tail(stderrFile, 64 * 1024);
    String lastNonBlank = "";
    String lastException = null;
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      lastNonBlank = l;
      if (l.startsWith("SQL statement ") || l.startsWith("pipewright:")) {
        return shorten(l);
      }
      if (EXCEPTION_LINE.matcher(l).matches() && !l.startsWith("at ")) {
        lastException = l;
      }
    }
    return shorten(lastException != null ? lastException : lastNonBlank);
  }

  private static String shorten(String line) {
    return line.length() > 400 ? line.substring(0, 400) + "…" : line;
  }

  private static List<String> tail(Path file, int bytes) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      long start = Math.max(0, length - bytes);
      byte[] buffer = new byte[(int) (length - start)];
      raf.seek(start);
      raf.readFully(buffer);
      List<String> lines = new String(buffer, StandardCharsets.UTF_8).lines().toList();
      return start > 0 && !lines.isEmpty() ? lines.subList(1, lines.size()) : lines;
    } catch (IOException e) {
      return Files.exists(file) ? List.of("cannot read " + file + ": " + e.getMessage()) : List.of();
    }
  }
}
