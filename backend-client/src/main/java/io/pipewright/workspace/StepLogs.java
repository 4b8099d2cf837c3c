package io.pipewright.workspace;

import java.nio.file.Path;

/**
 * Where a launcher writes a step's logs: files that readers page through by offset while they grow.
 * A local launcher redirects a process's output straight into them; a remote one appends what it
 * fetches.
 */
public interface StepLogs {
  Path stdoutFile();

  Path stderrFile();

  /** A line of Pipewright's own about the step (command, notes), in the pipewright/log stream. */
  void note(String line);

  /**
   * How the step was launched, exactly and with secrets masked ({@link CommandLines#display}): the
   * command of a process, the spark-submit parameters, the request that created a remote job. The
   * workspace records it in the step's history. Launchers call it once, besides noting it.
   */
  default void launched(String commandLine) {}
}
