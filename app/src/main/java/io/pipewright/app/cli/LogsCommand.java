package io.pipewright.app.cli;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.FailureLocation;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code pipewright logs RUN_ID STEP [--stream S] [--follow]}: a step's log, paged by offset. */
@Command(name = "logs", description = "Print a step's log stream (default driver/stdout).")
final class LogsCommand implements Callable<Integer> {

  private static final long FOLLOW_MILLIS = 200;

  @ParentCommand PipewrightCommand root;

  @Parameters(index = "0", paramLabel = "RUN_ID")
  String runId;

  @Parameters(index = "1", paramLabel = "STEP", description = "The step's id or name.")
  String step;

  @Option(names = "--stream", paramLabel = "NAME", defaultValue = LogStream.DRIVER_STDOUT,
      description = "driver/stdout (default), driver/stderr or pipewright/log.")
  String stream;

  @Option(names = {"-f", "--follow"}, description = "Keep printing as the log grows, until the step ends.")
  boolean follow;

  @Option(names = "--failure", description = "Only the lines around the failed step's cause, in the stream where it"
      + " was found, numbered; the cause's line marked with >.")
  boolean failure;

  /** Lines shown before and after the cause with --failure. */
  private static final int AROUND = 5;

  @Override
  public Integer call() throws WorkspaceException, IOException, InterruptedException {
    try (LocalWorkspace workspace = root.openWorkspace()) {
      workspace.run(runId).orElseThrow(() -> new PipewrightCommand.UserException(
          "no run " + runId + " in " + workspace.description() + " (see: pipewright runs list)", PipewrightCommand.FAILED));
      ChildRun child = findStep(workspace);
      if (failure) {
        return printFailure(workspace, child);
      }
      List<String> streams = workspace.logStreams(runId, child.stepId());
      if (!streams.contains(stream) && !(follow && !child.status().isFinal())) {
        throw new PipewrightCommand.UserException("step '" + child.stepId() + "' of run " + runId + " has no log '"
            + stream + "'" + (streams.isEmpty() ? " (it has not started)" : " (it has: " + String.join(", ", streams) + ")"),
            PipewrightCommand.FAILED);
      }
      LogStream log = workspace.log(runId, child.stepId(), stream);
      PrintStream out = System.out;
      long offset = 0;
      while (true) {
        byte[] bytes = log.read(offset, 1 << 20);
        if (bytes.length > 0) {
          out.write(bytes);
          offset += bytes.length;
          continue;
        }
        out.flush();
        if (!follow || isFinal(workspace, child.stepId())) {
          // One last read: the step may have written between the read and the status check.
          byte[] rest = log.read(offset, Integer.MAX_VALUE - 8);
          out.write(rest);
          out.flush();
          return PipewrightCommand.OK;
        }
        Thread.sleep(FOLLOW_MILLIS);
      }
    }
  }

  private int printFailure(LocalWorkspace workspace, ChildRun child) throws WorkspaceException, IOException {
    FailureLocation where = workspace.stepDetails(runId, child.stepId()).failure().orElseThrow(() ->
        new PipewrightCommand.UserException("step '" + child.stepId() + "' of run " + runId + " has no failure found in"
            + " its logs" + (child.status() == RunStatus.FAILED && child.message() != null ? " (" + child.message() + ")" : ""),
            PipewrightCommand.FAILED));
    LogStream log = workspace.log(runId, child.stepId(), where.stream());
    long first = Math.max(1, where.line() - AROUND);
    long last = where.line() + AROUND;
    PrintStream out = System.out;
    out.println(where.stream() + " line " + where.line() + ": " + where.cause());
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    long number = 1;
    long offset = 0;
    int width = Long.toString(last).length();
    while (number <= last) {
      byte[] bytes = log.read(offset, 1 << 20);
      if (bytes.length == 0) {
        break;
      }
      offset += bytes.length;
      for (int i = 0; i < bytes.length && number <= last; i++) {
        if (bytes[i] != '\n') {
          if (number >= first) {
            line.write(bytes[i]);
          }
          continue;
        }
        if (number >= first) {
          printLine(out, number, width, number == where.line(), line);
        }
        line.reset();
        number++;
      }
    }
    if (number <= last && line.size() > 0) {
      printLine(out, number, width, number == where.line(), line);
    }
    out.flush();
    return PipewrightCommand.OK;
  }

  private static void printLine(PrintStream out, long number, int width, boolean cause,
      java.io.ByteArrayOutputStream line) {
    out.println((cause ? "> " : "  ") + String.format(java.util.Locale.ROOT, "%" + width + "d", number) + "  "
        + line.toString(java.nio.charset.StandardCharsets.UTF_8).stripTrailing());
  }

  private boolean isFinal(LocalWorkspace workspace, String stepId) throws WorkspaceException {
    RunStatus runStatus = workspace.run(runId).map(r -> r.status()).orElse(RunStatus.FAILED);
    return runStatus.isFinal() || workspace.childRuns(runId).stream()
        .filter(c -> c.stepId().equals(stepId)).anyMatch(c -> c.status().isFinal());
  }

  private ChildRun findStep(LocalWorkspace workspace) throws WorkspaceException {
    List<ChildRun> children = workspace.childRuns(runId);
    return children.stream().filter(c -> c.stepId().equals(step)).findFirst()
        .or(() -> children.stream().filter(c -> c.stepName().equals(step)).findFirst())
        .orElseThrow(() -> new PipewrightCommand.UserException("run " + runId + " has no step '" + step + "' (it has: "
            + String.join(", ", children.stream().map(ChildRun::stepId).toList()) + ")", PipewrightCommand.FAILED));
  }
}
