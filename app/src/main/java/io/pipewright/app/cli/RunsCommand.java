package io.pipewright.app.cli;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.FailureLocation;
import io.pipewright.workspace.RunPage;
import io.pipewright.workspace.RunQuery;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.StatusChange;
import io.pipewright.workspace.StepDetails;
import io.pipewright.workspace.WorkspaceException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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

  @Command(name = "list", description = "Runs in this workspace, newest first, a page at a time.")
  static final class ListRuns implements Callable<Integer> {
    @ParentCommand RunsCommand runs;
    @Spec CommandSpec spec;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "50",
        description = "Runs per page (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = {"-p", "--page"}, paramLabel = "P", defaultValue = "1", description = "Which page, from 1.")
    int page;

    @Option(names = {"-e", "--experiment"}, paramLabel = "NAME", description = "Only this experiment's runs.")
    String experiment;

    @Option(names = {"-s", "--search"}, paramLabel = "TEXT",
        description = "Only runs whose id, experiment, pipeline, target, message or parameters contain TEXT.")
    String search;

    @Option(names = "--status", paramLabel = "S", split = ",",
        description = "Only runs with this status (Completed, Failed, Canceled, Running, …); repeat or separate by commas.")
    List<String> statuses = new ArrayList<>();

    @Override
    public Integer call() throws WorkspaceException {
      PrintWriter out = spec.commandLine().getOut();
      if (limit < 1 || page < 1) {
        throw new PipewrightCommand.UserException("--limit and --page count from 1", PipewrightCommand.USAGE);
      }
      Set<RunStatus> wanted = new LinkedHashSet<>();
      for (String s : statuses) {
        try {
          wanted.add(RunStatus.fromLabel(s.strip()));
        } catch (IllegalArgumentException e) {
          throw new PipewrightCommand.UserException("unknown status '" + s + "' (one of: "
              + java.util.Arrays.stream(RunStatus.values()).map(RunStatus::label).collect(Collectors.joining(", ")) + ")",
              PipewrightCommand.USAGE);
        }
      }
      try (LocalWorkspace workspace = runs.root.openWorkspace()) {
        long offset = (long) (page - 1) * limit;
        RunPage result = workspace.runs(new RunQuery(experiment, search, wanted, (int) Math.min(offset, Integer.MAX_VALUE),
            limit));
        boolean filtered = experiment != null || (search != null && !search.isBlank()) || !wanted.isEmpty();
        if (result.total() == 0) {
          out.println(filtered ? "no runs match in " + workspace.description() : "no runs yet in " + workspace.description());
          return PipewrightCommand.OK;
        }
        if (result.runs().isEmpty()) {
          int pages = (result.total() + limit - 1) / limit;
          out.println("page " + page + " is past the last (" + pages + "): " + count(result.total()) + " run"
              + (result.total() == 1 ? "" : "s") + (filtered ? " match" : ""));
          return PipewrightCommand.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (RunSummary r : result.runs()) {
          rows.add(List.of(r.runId(), r.experiment(), r.pipelineName(), r.status().label(), Tables.when(r.createdAt()),
              Tables.duration(r.duration()), r.target() == null ? "-" : r.target(), shortened(parameters(r.parameters())),
              r.regenerateOutputs() ? "yes" : "-"));
        }
        Tables.print(out, List.of("RUN", "EXPERIMENT", "PIPELINE", "STATUS", "CREATED", "DURATION", "TARGET",
            "PARAMETERS", "REGENERATE"), rows);
        out.println("showing " + count(offset + 1) + "–" + count(offset + result.runs().size()) + " of "
            + count(result.total()));
        return PipewrightCommand.OK;
      }
    }
  }

  /** A cell of the list at most 60 characters wide ({@code runs show} has it whole). */
  static String shortened(String cell) {
    return cell.length() > 60 ? cell.substring(0, 59) + "…" : cell;
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String parameters(Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return "-";
    }
    return new java.util.TreeMap<>(parameters).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  @Command(name = "show", description = "A run's steps: status, duration, reuse and why, launch, inputs, outputs,"
      + " registered datasets, exit code, failure with its log line, status history.")
  static final class ShowRun implements Callable<Integer> {
    @ParentCommand RunsCommand runs;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Parameters(index = "1", paramLabel = "STEP", arity = "0..1", description = "Only this step (its id or name).")
    String step;

    @Override
    public Integer call() throws WorkspaceException {
      PrintWriter out = spec.commandLine().getOut();
      try (LocalWorkspace workspace = runs.root.openWorkspace()) {
        RunSummary run = workspace.run(runId).orElseThrow(() -> new PipewrightCommand.UserException(
            "no run " + runId + " in " + workspace.description() + " (see: pipewright runs list)", PipewrightCommand.FAILED));
        List<ChildRun> children = workspace.childRuns(runId);
        if (step != null) {
          ChildRun only = children.stream().filter(c -> c.stepId().equals(step)).findFirst()
              .or(() -> children.stream().filter(c -> c.stepName().equals(step)).findFirst())
              .orElseThrow(() -> new PipewrightCommand.UserException("run " + runId + " has no step '" + step
                  + "' (it has: " + children.stream().map(ChildRun::stepId).collect(Collectors.joining(", ")) + ")",
                  PipewrightCommand.FAILED));
          printStep(out, workspace, only);
          return PipewrightCommand.OK;
        }
        out.println("run " + run.runId() + "  " + run.status().label() + "  " + Tables.duration(run.duration()));
        out.println("  pipeline    " + run.pipelineName() + " (" + run.pipelineFile() + ")");
        out.println("  experiment  " + run.experiment());
        out.println("  created     " + Tables.when(run.createdAt()));
        out.println("  target      " + (run.target() == null ? "each step on its own compute" : run.target()));
        if (!run.parameters().isEmpty()) {
          out.println("  parameters  " + parameters(run.parameters()));
        }
        if (run.regenerateOutputs()) {
          out.println("  regenerate  every output (--regenerate-outputs)");
        }
        if (run.message() != null) {
          out.println("  message     " + run.message());
        }
        out.println();
        List<List<String>> rows = new ArrayList<>();
        for (ChildRun c : children) {
          rows.add(List.of(c.stepId(), c.stepName(), c.status().label(), c.compute() == null ? "-" : c.compute(),
              Tables.duration(c.duration())));
        }
        Tables.print(out, List.of("STEP", "NAME", "STATUS", "COMPUTE", "DURATION"), rows);
        for (ChildRun c : children) {
          out.println();
          printStep(out, workspace, c);
        }
        return PipewrightCommand.OK;
      }
    }

    private void printStep(PrintWriter out, LocalWorkspace workspace, ChildRun c) throws WorkspaceException {
      StepDetails d = workspace.stepDetails(runId, c.stepId());
      out.println(c.stepId() + (c.stepName().equals(c.stepId()) ? "" : " (" + c.stepName() + ")") + ": "
          + c.status().label() + "  " + Tables.duration(c.duration()) + (c.compute() == null ? "" : "  on " + c.compute()));
      if (c.reuse() != null) {
        out.println("  " + c.reuse());
      }
      if (!d.reuseChanges().stream().allMatch(line -> c.reuse() != null && c.reuse().contains(line))) {
        d.reuseChanges().forEach(line -> out.println("    changed: " + line));
      }
      if (c.message() != null && c.status() != RunStatus.COMPLETED && c.status() != RunStatus.REUSED
          && c.status() != RunStatus.RUNNING) {
        out.println("  " + c.message());
      }
      if (d.launch() != null) {
        out.println("  launch: " + d.launch());
      }
      new java.util.TreeMap<>(d.inputs()).forEach((port, path) -> out.println("  input " + port + ": " + path));
      c.outputs().forEach((port, path) -> out.println("  output " + port + ": " + path));
      for (DatasetVersion v : d.registered()) {
        out.println("  registered: dataset " + v.name() + " version " + v.version());
      }
      if (d.exitCode() != null) {
        out.println("  exit code: " + d.exitCode());
      }
      if (d.failure().isPresent()) {
        FailureLocation f = d.failure().get();
        out.println("  failure: " + f.stream() + " line " + f.line() + " (pipewright logs " + runId + " " + c.stepId()
            + " --failure)");
      }
      if (c.remoteJob() != null) {
        out.println("  remote job: " + c.remoteJob());
      }
      List<String> streams = workspace.logStreams(runId, c.stepId());
      if (!streams.isEmpty()) {
        out.println("  logs: " + String.join(", ", streams));
      }
      if (!d.history().isEmpty()) {
        out.println("  history:");
        for (StatusChange change : d.history()) {
          out.println("    " + Tables.when(change.at()) + "  " + change.status().label()
              + (change.message() == null ? "" : " — " + change.message()));
        }
      }
    }
  }
}
