package io.pipewright.local;

import io.pipewright.workspace.CommandLines;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.StepLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A child run's log files under {@code runs/RUN/steps/STEP/logs/}. */
final class LocalStepLogs implements StepLogs {
  private final Path stdout;
  private final Path stderr;
  private final Path notes;

  LocalStepLogs(WorkspaceLayout layout, String runId, String stepId) {
    this.stdout = layout.log(runId, stepId, LogStream.DRIVER_STDOUT);
    this.stderr = layout.log(runId, stepId, LogStream.DRIVER_STDERR);
    this.notes = layout.log(runId, stepId, LogStream.PIPEWRIGHT);
    try {
      for (Path file : new Path[] {stdout, stderr, notes}) {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
          Files.createFile(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Path stdoutFile() {
    return stdout;
  }

  @Override
  public Path stderrFile() {
    return stderr;
  }

  private volatile java.util.function.Consumer<String> launchedListener = line -> {};

  /** Whom to tell how the step was launched (the run, to record it). */
  LocalStepLogs onLaunched(java.util.function.Consumer<String> listener) {
    this.launchedListener = listener;
    return this;
  }

  @Override
  public void launched(String commandLine) {
    launchedListener.accept(CommandLines.maskLine(commandLine));
  }

  @Override
  public synchronized void note(String line) {
    try {
      Files.writeString(notes, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
