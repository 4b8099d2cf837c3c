package io.pipewright.app.cli;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.WorkspaceException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pipewright runs list|show}. */
@Command(name = "runs", description = "List runs, or show one with its steps.",
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.ShowRun.class})
final class RunsCommand {

  @ParentCommand PipewrightCommand root;

  @Command(name = "list", description = "Runs in this workspace, newest first.")
  static final class ListRuns implements Callable<Integer> {
    @ParentCommand RunsCommand runs;
    @Spec CommandSpec spec;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "50", description = "At most N runs (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws WorkspaceException {
      PrintWriter out = spec.commandLine().getOut();
      try (LocalWorkspace workspace = runs.root.openWorkspace()) {
        List<RunSummary> list = workspace.runs(limit);
        if (list.isEmpty()) {
          out.println("no runs yet in " + workspace.description());
          return PipewrightCommand.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (RunSummary r : list) {
          rows.add(List.of(r.runId(), r.experiment(), r.pipelineName(), r.status().label(), Tables.when(r.createdAt()),
              Tables.duration(r.duration())));
        }
        Tables.print(out, List.of("RUN", "EXPERIMENT", "PIPELINE", "STATUS", "CREATED", "DURATION"), rows);
        return PipewrightCommand.OK;
      }
    }
  }

  @Command(name = "show", description = "A run's steps: status, duration, reuse, outputs.")
  static final class ShowRun implements Callable<Integer> {
    @ParentCommand RunsCommand runs;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN_ID")
    String runId;

    @Override
    public Integer call() throws WorkspaceException {
      PrintWriter out = spec.commandLine().getOut();
      try (LocalWorkspace workspace = runs.root.openWorkspace()) {
        RunSummary run = workspace.run(runId).orElseThrow(() -> new PipewrightCommand.UserException(
            "no run " + runId + " in " + workspace.description() + " (see: pipewright runs list)", PipewrightCommand.FAILED));
        out.println("run " + run.runId() + "  " + run.status().label() + "  " + Tables.duration(run.duration()));
        out.println("  pipeline    " + run.pipelineName() + " (" + run.pipelineFile() + ")");
        out.println("  experiment  " + run.experiment());
        out.println("  created     " + Tables.when(run.createdAt()));
        if (run.message() != null) {
          out.println("  message     " + run.message());
        }
        out.println();
        List<ChildRun> children = workspace.childRuns(runId);
        List<List<String>> rows = new ArrayList<>();
        for (ChildRun c : children) {
          rows.add(List.of(c.stepId(), c.stepName(), c.status().label(), c.compute() == null ? "-" : c.compute(),
              Tables.duration(c.duration())));
        }
        Tables.print(out, List.of("STEP", "NAME", "STATUS", "COMPUTE", "DURATION"), rows);
        for (ChildRun c : children) {
          out.println();
          out.println(c.stepId() + ":");
          if (c.reuse() != null) {
            out.println("  " + c.reuse());
          }
          if (c.message() != null && c.status() != RunStatus.COMPLETED && c.status() != RunStatus.REUSED
              && c.status() != RunStatus.RUNNING) {
            out.println("  " + c.message());
          }
          if (c.remoteJob() != null) {
            out.println("  remote job: " + c.remoteJob());
          }
          c.outputs().forEach((port, path) -> out.println("  output " + port + ": " + path));
          List<String> streams = workspace.logStreams(runId, c.stepId());
          if (!streams.isEmpty()) {
            out.println("  logs: " + String.join(", ", streams));
          }
        }
        return PipewrightCommand.OK;
      }
    }
  }
}
