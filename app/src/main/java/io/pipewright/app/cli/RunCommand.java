package io.pipewright.app.cli;

import io.pipewright.app.samples.SampleData;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Step;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunEvent;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunListener;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepProgress;
import io.pipewright.workspace.StepSelection;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pipewright run FILE}: runs a pipeline on the embedded workspace, printing each step's
 * status changes and its driver stdout prefixed with the step's name, and ends with {@code run
 * RUN_ID STATUS in SECONDSs}. Ctrl-C cancels the run (process trees killed, recorded Canceled).
 * {@code --target NAME} runs every Spark step on that compute target instead of its own.
 */
@Command(name = "run", description = {
    "Run a pipeline and stream its steps' output: each step on its own compute target (this machine by default),"
        + " or with --target every Spark step on one target (a Spark cluster, Livy).",
    "A pipeline with a step on an Azure ML cluster, or run with --target naming an Azure ML workspace, is submitted"
        + " to Azure ML as one pipeline job (signed in as for 'pipewright azure whoami'); --target local-spark runs it"
        + " here, its script steps as local processes.",
    "Targets with basic authentication take the password from $" + EnvironmentPasswordPrompt.VARIABLE + "."})
final class RunCommand implements Callable<Integer> {

  /** How often the driver's stdout is polled for new lines. */
  private static final long TAIL_MILLIS = 150;
  /** How often a running Spark step's progress is printed, when it changed and stdout is a terminal. */
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  @ParentCommand PipewrightCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A *.pipeline.json file.")
  Path file;

  @Option(names = "--experiment", paramLabel = "NAME", description = "The experiment to record the run in (default: the pipeline's id).")
  String experiment;

  @Option(names = "--regenerate-outputs", description = "Run every step, even those whose earlier results could be reused.")
  boolean regenerateOutputs;

  @Option(names = "--warm", description = "Run SQL steps in one warm Spark driver for this run.")
  boolean warm;

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A pipeline parameter value (repeatable).")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--target", paramLabel = "NAME", description = "Run every Spark step on this compute target"
      + " (see: pipewright computes list); script steps keep theirs.")
  String target;

  @Option(names = "--from", paramLabel = "STEP", description = "Run this step (id or name) and everything after it;"
      + " the steps before it are not rerun: they give the outputs of their latest successful run.")
  String fromStep;

  @Option(names = "--to", paramLabel = "STEP", description = "Run this step (id or name) and the steps it needs;"
      + " nothing after it.")
  String toStep;

  @Option(names = "--only", paramLabel = "STEP", description = "Run only this step (id or name), with the outputs"
      + " its upstream steps' latest successful runs recorded.")
  String onlyStep;

  @Override
  public Integer call() throws WorkspaceException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (PipewrightCommand.OpeningWorkspace opening = root.openWorkspaceInBackground()) {
      // The pipeline is read while the workspace opens; both take a noticeable part of the start.
      StepSelection selection = selection();
      LoadedPipeline loaded = PipelineLoading.read(file);
      LocalWorkspace workspace = opening.get();
      if (target != null) {
        checkTarget(workspace);
      }
      SampleData.seed(workspace);
      // With --target, the pipeline is checked as it will run: its Spark steps on that target.
      PipelineLoading.Checked checked = PipelineLoading.check(loaded, file, workspace, target);
      // Infos included: what local mode does not honour is said before anything runs.
      PipelineLoading.print(checked, file, err);
      if (checked.hasErrors()) {
        err.println("pipewright: " + file + " has errors; nothing was run");
        return PipewrightCommand.FAILED;
      }
      Pipeline pipeline = checked.loaded().pipeline();
      Instant started = Instant.now();
      RunHandle run = workspace.submit(pipeline,
          new SubmitOptions(experiment, file, parameters, regenerateOutputs, target, selection).withWarmSpark(warm));
      out.println("run " + run.runId() + " of '" + pipeline.name() + "' in " + workspace.description()
          + (target == null ? "" : ", Spark steps on " + target));
      int exit = new Watcher(workspace, pipeline, run, out, started, System.console() != null).watch();
      root.passwords.hint().ifPresent(h -> err.println("pipewright: " + h));
      return exit;
    }
  }

  /** The steps to run from --from, --to or --only; a usage error when more than one is given. */
  private StepSelection selection() {
    int given = (fromStep == null ? 0 : 1) + (toStep == null ? 0 : 1) + (onlyStep == null ? 0 : 1);
    if (given > 1) {
      throw new PipewrightCommand.UserException("--from, --to and --only exclude each other: give one of them",
          PipewrightCommand.USAGE);
    }
    for (String step : new String[] {fromStep, toStep, onlyStep}) {
      if (step != null && step.isBlank()) {
        throw new PipewrightCommand.UserException("--from, --to and --only need a step id or name",
            PipewrightCommand.USAGE);
      }
    }
    if (fromStep != null) {
      return StepSelection.from(fromStep);
    }
    if (toStep != null) {
      return StepSelection.to(toStep);
    }
    return onlyStep != null ? StepSelection.only(onlyStep) : StepSelection.ALL;
  }

  /** A usage error unless {@link #target} names a compute target that runs Spark; the line lists those that do. */
  private void checkTarget(LocalWorkspace workspace) throws WorkspaceException {
    List<ComputeTarget> computes = workspace.computes();
    boolean runsSpark = computes.stream().anyMatch(c -> c.name().equals(target) && c.runsSpark());
    if (!runsSpark) {
      String known = computes.stream().filter(ComputeTarget::runsSpark).map(ComputeTarget::name)
          .collect(Collectors.joining(", "));
      boolean exists = computes.stream().anyMatch(c -> c.name().equals(target));
      throw new PipewrightCommand.UserException((exists ? "compute target '" + target + "' cannot run Spark steps"
          : "there is no compute target '" + target + "'") + "; Spark steps can run on: " + known, PipewrightCommand.USAGE);
    }
  }

  /** Prints events and driver stdout in the order they happened, from one thread. */
  private static final class Watcher {
    private final LocalWorkspace workspace;
    private final Pipeline pipeline;
    private final RunHandle run;
    private final PrintWriter out;
    private final Instant started;
    private final BlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();
    private final Map<String, Long> offsets = new HashMap<>();
    private final Map<String, String> partialLines = new HashMap<>();
    private final Map<String, Instant> stepStarts = new HashMap<>();
    private final AtomicBoolean done = new AtomicBoolean();
    /** Counted down when the watcher has printed its last line (or given up): what the Ctrl-C hook waits for. */
    private final CountDownLatch printedFinalLine = new CountDownLatch(1);
    private final java.util.Set<String> printed = new java.util.HashSet<>();
    /** The latest progress of each running Spark step (only on a terminal), printed every few seconds. */
    private final Map<String, StepProgress> progress = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> progressShown = new HashMap<>();
    private Instant progressPrinted = Instant.EPOCH;
    private final int nameWidth;

    Watcher(LocalWorkspace workspace, Pipeline pipeline, RunHandle run, PrintWriter out, Instant started,
        boolean showProgress) {
      this.workspace = workspace;
      this.pipeline = pipeline;
      this.run = run;
      this.out = out;
      this.started = started;
      this.nameWidth = pipeline.steps().stream().mapToInt(s -> s.name().length()).max().orElse(4);
      run.addListener(new RunListener() {
        @Override
        public void onEvent(RunEvent event) {
          events.add(event);
        }

        @Override
        public void onProgress(StepProgress p) {
          if (showProgress) {
            progress.put(p.stepId(), p);
          }
        }
      });
      settledBeforeListening();
    }

    /**
     * Steps the run settled before the listener was added (a listener hears nothing earlier): those a
     * step selection leaves out or gives recorded outputs are settled at once. Read from the history;
     * an event heard as well is printed once.
     */
    private void settledBeforeListening() {
      try {
        for (ChildRun child : workspace.childRuns(run.runId())) {
          if (child.status().isFinal() || child.message() != null && child.status() == RunStatus.NOT_STARTED) {
            events.add(new RunEvent(run.runId(), child.stepId(), child.status(), child.message(),
                child.endedAt() == null ? Instant.now() : child.endedAt()));
          }
        }
      } catch (WorkspaceException e) {
        // The events still come; only those before the listener are not printed.
      }
    }

    int watch() throws InterruptedException {
      Thread cancelOnInterrupt = new Thread(() -> {
        if (!done.get()) {
          out.println("canceling run " + run.runId() + " …");
          out.flush();
          run.cancel();
          try {
            run.await(Duration.ofSeconds(20));
            // The watcher loop prints the final line once it hears the run end: the JVM halts when this
            // hook returns, so wait for that line (bounded: a stuck watcher must not hold up the exit).
            printedFinalLine.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }, "pipewright-cancel-on-exit");
      Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
      try {
        RunStatus finalStatus = null;
        while (finalStatus == null) {
          RunEvent event = events.poll(TAIL_MILLIS, TimeUnit.MILLISECONDS);
          tailRunning();
          printProgress();
          while (event != null) {
            if (event.isRunLevel()) {
              if (!event.status().isFinal() && event.message() != null) {
                // A run on Azure ML says where it went: its job and Studio page.
                out.println("run " + event.status().label() + ": " + event.message());
                out.flush();
              }
              if (event.status().isFinal()) {
                finalStatus = event.status();
                if (event.message() != null && finalStatus != RunStatus.COMPLETED) {
                  out.println(event.message());
                }
              }
            } else {
              printStepEvent(event);
            }
            event = events.poll();
          }
        }
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        out.println("run " + run.runId() + " " + finalStatus.label() + " in " + String.format(Locale.ROOT, "%.1f", seconds) + "s");
        out.flush();
        done.set(true);
        printedFinalLine.countDown();
        return finalStatus == RunStatus.COMPLETED ? PipewrightCommand.OK : PipewrightCommand.FAILED;
      } finally {
        done.set(true);
        printedFinalLine.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
        } catch (IllegalStateException e) {
          // The JVM is already shutting down (Ctrl-C): the hook is running and will finish.
        }
      }
    }

    private void printStepEvent(RunEvent event) {
      String stepId = event.stepId();
      if (!printed.add(stepId + "\u0000" + event.status() + "\u0000" + event.message())) {
        return;
      }
      if (event.status() == RunStatus.RUNNING) {
        stepStarts.put(stepId, event.at());
      }
      if (event.status().isFinal() || event.status() == RunStatus.FINALIZING) {
        progress.remove(stepId);
        tail(stepId, true);
      }
      StringBuilder line = new StringBuilder("[" + name(stepId) + "] " + event.status().label());
      Instant start = stepStarts.get(stepId);
      if (event.status().isFinal() && start != null) {
        line.append(String.format(Locale.ROOT, " in %.1fs", Duration.between(start, event.at()).toMillis() / 1000.0));
      }
      if (event.status() == RunStatus.RUNNING && event.message() != null) {
        line.append(" on ").append(event.message());
      } else if (event.message() != null) {
        line.append(": ").append(event.message());
      }
      out.println(line);
      out.flush();
    }

    /** At most every {@link #PROGRESS_EVERY}, a line per running Spark step whose progress changed. */
    private void printProgress() {
      if (progress.isEmpty() || Duration.between(progressPrinted, Instant.now()).compareTo(PROGRESS_EVERY) < 0) {
        return;
      }
      progressPrinted = Instant.now();
      for (StepProgress p : progress.values()) {
        if (p.fraction() < 0 && p.stage() == null) {
          continue; // nothing known yet
        }
        String line = p.describe() + (p.stage() == null || p.describe().equals(p.stage()) ? "" : " · " + p.stage());
        if (!line.equals(progressShown.put(p.stepId(), line))) {
          out.println("[" + name(p.stepId()) + "] " + line);
        }
      }
      out.flush();
    }

    private void tailRunning() {
      for (String stepId : stepStarts.keySet()) {
        tail(stepId, false);
      }
    }

    /** Prints the step's new complete stdout lines; at the end, the last partial line too. */
    private void tail(String stepId, boolean toEnd) {
      try {
        LogStream stdout = workspace.log(run.runId(), stepId, LogStream.DRIVER_STDOUT);
        long offset = offsets.getOrDefault(stepId, 0L);
        while (true) {
          byte[] bytes = stdout.read(offset, 256 * 1024);
          if (bytes.length == 0) {
            break;
          }
          offset += bytes.length;
          String text = partialLines.getOrDefault(stepId, "") + new String(bytes, StandardCharsets.UTF_8);
          int lastNewline = text.lastIndexOf('\n');
          if (lastNewline >= 0) {
            text.substring(0, lastNewline).lines().forEach(l -> out.println(prefix(stepId) + l));
          }
          partialLines.put(stepId, text.substring(lastNewline + 1));
        }
        offsets.put(stepId, offset);
        if (toEnd && !partialLines.getOrDefault(stepId, "").isEmpty()) {
          out.println(prefix(stepId) + partialLines.remove(stepId));
        }
        out.flush();
      } catch (IOException | WorkspaceException e) {
        out.println(prefix(stepId) + "(cannot read the driver's stdout: " + e.getMessage() + ")");
      }
    }

    private String name(String stepId) {
      return pipeline.step(stepId).map(Step::name).orElse(stepId);
    }

    private String prefix(String stepId) {
      String name = name(stepId);
      return name + " ".repeat(Math.max(0, nameWidth - name.length())) + " | ";
    }
  }
}
