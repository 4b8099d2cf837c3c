package io.pipewright.local;

import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.Edge;
import io.pipewright.model.InputMode;
import io.pipewright.model.InputPort;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Placeholders;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeLauncher;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.FailureCause;
import io.pipewright.workspace.FailureLocation;
import io.pipewright.workspace.FileTrees;
import io.pipewright.workspace.LaunchedStep;
import io.pipewright.workspace.LaunchedStep.StepResult;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunEvent;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunListener;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepLaunch;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipeline run on the embedded workspace: resolves the DAG, reuses what it can, hands ready
 * steps to launchers within the machine's cores, and records every transition.
 *
 * <p>All state lives on one thread (the run's loop); launcher completions and cancel requests are
 * posted to it, so there are no locks around the state.
 */
final class LocalRun implements RunHandle {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);
  private static final java.time.format.DateTimeFormatter WHEN =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

  private final HistoryStore store;
  private final WorkspaceLayout layout;
  private final ComputeRegistry computes;
  private final DatasetCatalog catalog;
  private final FileHashes fileHashes;
  private final Consumer<LocalRun> ended;
  private final String runId;
  private final RunRecording recording;
  private final Pipeline pipeline;
  private final SubmitOptions options;
  private final Map<String, String> parameters;
  private final List<String> order;
  private final ExecutorService loop;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile RunStatus finalStatus;

  // Lookups over the pipeline, built once: a run of 10,000 steps must not scan lists per step.
  private final Map<String, Step> steps = new HashMap<>();
  private final Map<String, DatasetNode> datasets = new HashMap<>();
  private final Map<String, Edge> inputEdges = new HashMap<>();
  private final Map<String, List<String>> upstreams = new HashMap<>();
  private final Map<String, ComputeTarget> targets;
  /** Which steps run, which take recorded outputs, which are not run (the submit's step selection). */
  private final StepPlan plan;

  // State below is touched only on the loop thread.
  private final Map<String, RunStatus> status = new HashMap<>();
  private final Map<String, Map<String, Path>> outputs = new HashMap<>();
  private final Map<String, String> fingerprints = new HashMap<>();
  private final Map<String, LaunchedStep> running = new HashMap<>();
  private final Map<String, Integer> coresHeld = new HashMap<>();
  private final Set<String> blocked = new HashSet<>();
  private final Set<String> prepared = new HashSet<>();
  /** Steps the selection leaves out: not run, and not counted in the run's outcome. */
  private final Set<String> leftOut = new HashSet<>();
  private final int totalCores;
  private int freeCores;
  private boolean canceled;
  private boolean engineError;
  private String failure;

  /**
   * What a run uses of its workspace: the history and the run directories, the computes (their
   * launchers and the local cores), the datastores, file hashes for fingerprints, and whom to tell
   * when the run has ended.
   */
  record Services(HistoryStore store, WorkspaceLayout layout, ComputeRegistry computes, DatasetCatalog catalog,
      FileHashes fileHashes, Consumer<LocalRun> ended) {}

  LocalRun(Services services, String runId, Pipeline pipeline, SubmitOptions options, Map<String, String> parameters,
      List<String> order, Map<String, ComputeTarget> targets, StepPlan plan) {
    this.store = services.store();
    this.layout = services.layout();
    this.computes = services.computes();
    this.catalog = services.catalog();
    this.fileHashes = services.fileHashes();
    this.ended = services.ended();
    this.runId = runId;
    this.recording = new RunRecording(this.runId);
    this.pipeline = pipeline;
    this.options = options;
    this.parameters = parameters;
    this.order = order;
    this.totalCores = computes.localCores();
    this.freeCores = totalCores;
    this.loop = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "pipewright-run-" + runId);
      t.setDaemon(true);
      return t;
    });
    this.targets = targets;
    this.plan = plan;
    pipeline.steps().forEach(step -> steps.put(step.id(), step));
    pipeline.datasets().forEach(dataset -> datasets.put(dataset.id(), dataset));
    for (Edge edge : pipeline.edges()) {
      inputEdges.put(edge.to().node() + "\u0000" + edge.to().port(), edge);
      if (steps.containsKey(edge.from().node())) {
        upstreams.computeIfAbsent(edge.to().node(), k -> new ArrayList<>()).add(edge.from().node());
      }
    }
    order.forEach(id -> status.put(id, RunStatus.NOT_STARTED));
  }

  void start() {
    post(() -> {
      setRunStatus(RunStatus.RUNNING, null);
      applyPlan();
      schedule();
    });
  }

  /** Whether a step of this run runs on the named compute target. */
  boolean usesCompute(String computeName) {
    return targets.values().stream().anyMatch(t -> t.name().equals(computeName));
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public void addListener(RunListener listener) {
    recording.addListener(listener);
  }

  @Override
  public Optional<RunStatus> await(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(finalStatus) : Optional.empty();
  }

  @Override
  public void cancel() {
    post(() -> {
      if (finalStatus != null || canceled) {
        return;
      }
      canceled = true;
      running.values().forEach(LaunchedStep::cancel);
      if (running.isEmpty()) {
        finish();
      }
    });
  }

  private void post(Runnable work) {
    try {
      loop.execute(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          LOG.error("run {}: unexpected engine error", runId, e);
          engineError = true;
          failure = failure == null ? "engine error: " + e : failure;
          running.values().forEach(LaunchedStep::cancel);
          if (running.isEmpty()) {
            finish();
          }
        }
      });
    } catch (RejectedExecutionException e) {
      // The run has finished and its loop is gone: nothing left to do.
    }
  }

  // ---- scheduling ---------------------------------------------------------------------------

  private void schedule() {
    if (canceled || engineError) {
      if (running.isEmpty()) {
        finish();
      }
      return;
    }
    boolean progress = true;
    while (progress) {
      progress = false;
      for (String id : order) {
        RunStatus s = status.get(id);
        if (blocked.contains(id) || (s != RunStatus.NOT_STARTED && s != RunStatus.QUEUED)) {
          continue;
        }
        Optional<String> failedUpstream = upstream(id).stream()
            .filter(up -> blocked.contains(up) || status.get(up) == RunStatus.FAILED || status.get(up) == RunStatus.CANCELED)
            .findFirst();
        if (failedUpstream.isPresent()) {
          blocked.add(id);
          String why = blocked.contains(failedUpstream.get()) ? "did not run" : "failed";
          setStepStatus(id, RunStatus.NOT_STARTED, "not run: upstream step '" + stepName(failedUpstream.get()) + "' " + why);
          progress = true;
          continue;
        }
        if (!upstream(id).stream().allMatch(up -> status.get(up).isSuccess())) {
          continue;
        }
        Step step = steps.get(id);
        if (!prepared.contains(id)) {
          prepared.add(id);
          if (!prepare(step)) {
            progress = true;
            continue;
          }
        }
        int need = Math.min(totalCores, cores(step));
        if (running.isEmpty() || need <= freeCores) {
          launch(step, need);
          progress = true;
        } else if (s != RunStatus.QUEUED) {
          setStepStatus(id, RunStatus.QUEUED, "waiting for " + need + " core" + (need == 1 ? "" : "s"));
        }
      }
    }
    if (running.isEmpty()) {
      finish();
    }
  }

  /** Settles the steps the selection does not run: left out, or given the outputs an earlier run recorded. */
  private void applyPlan() {
    for (String id : order) {
      Optional<String> notRun = plan.notRun(id);
      if (notRun.isPresent()) {
        leftOut.add(id);
        blocked.add(id);
        setStepStatus(id, RunStatus.NOT_STARTED, notRun.get());
        continue;
      }
      plan.recorded(id).ifPresent(recorded -> takeRecorded(id, recorded));
    }
  }

  private void takeRecorded(String id, StepPlan.Recorded recorded) {
    HistoryStore.RecordedResult result = recorded.result();
    Map<String, Path> taken = new LinkedHashMap<>();
    result.outputs().forEach((port, path) -> taken.put(port, Path.of(path)));
    outputs.put(id, taken);
    prepared.add(id);
    if (result.fingerprint() != null) {
      // Downstream fingerprints name this one, so that a later run reuses what this run computes.
      fingerprints.put(id, result.fingerprint());
      recording.record(() -> store.setChildFingerprint(runId, id, result.fingerprint(), result.fingerprintParts()));
    }
    String reason = "reused: " + recorded.message();
    recording.record(() -> store.setChildReuse(runId, id, result.runId(), reason));
    taken.forEach((port, path) -> recording.record(() -> store.recordOutput(runId, id, port, path.toString())));
    new LocalStepLogs(layout, runId, id).note(reason);
    setStepStatus(id, RunStatus.REUSED, recorded.message());
  }

  private List<String> upstream(String stepId) {
    return upstreams.getOrDefault(stepId, List.of());
  }

  private String stepName(String stepId) {
    Step step = steps.get(stepId);
    return step == null ? stepId : step.name();
  }

  private int cores(Step step) {
    ComputeTarget target = targets.get(step.id());
    try {
      return computes.launcherFor(step, target).coresFor(step, target);
    } catch (WorkspaceException e) {
      return 1;
    }
  }

  // ---- preparing: fingerprint and reuse -----------------------------------------------------

  /** Decides reuse. Returns false when the step is settled (reused or failed) and must not launch. */
  private boolean prepare(Step step) {
    String id = step.id();
    Fingerprints.Fingerprint fingerprint;
    try {
      fingerprint = fingerprint(step);
    } catch (WorkspaceException | UncheckedIOException e) {
      fail(id, e.getMessage());
      return false;
    }
    fingerprints.put(id, fingerprint.value());
    String partsJson = Json.write(fingerprint.parts());
    String detailsJson = Json.write(fingerprint.details());
    recording.record(() -> store.setChildFingerprint(runId, id, fingerprint.value(), partsJson, detailsJson));

    String reason;
    List<String> changes = List.of();
    if (!step.allowReuse()) {
      reason = "not reused: the step does not allow reuse";
    } else if (options.regenerateOutputs()) {
      reason = "not reused: outputs are regenerated (--regenerate-outputs)";
    } else {
      List<HistoryStore.ReuseCandidate> candidates = query(() -> store.completedWithFingerprint(fingerprint.value()));
      for (HistoryStore.ReuseCandidate c : candidates) {
        if (c.outputs().keySet().containsAll(step.outputs().stream().map(OutputPort::name).toList())
            && c.outputs().values().stream().allMatch(p -> Files.exists(Path.of(p)))) {
          reuse(step, c);
          return false;
        }
      }
      if (!candidates.isEmpty()) {
        reason = "not reused: the identical earlier result (run " + candidates.get(0).runId() + ") has lost its outputs";
      } else {
        Optional<HistoryStore.LastFingerprint> last = query(() -> store.lastFingerprint(pipeline.id(), id));
        changes = last.map(HistoryStore.LastFingerprint::detailsJson)
            .map(json -> ReuseChanges.between(Json.nestedMap(json), fingerprint.details()))
            .orElse(List.of());
        reason = !changes.isEmpty() ? "not reused: " + summary(changes)
            : last.map(l -> "not reused: " + describeChanges(fingerprint.changedSince(Json.stringMap(l.partsJson())))
                    + " since the last completed run")
                .orElse("not reused: no earlier run of this step");
      }
    }
    String finalReason = reason;
    String changesJson = Json.write(changes);
    recording.record(() -> store.setChildReuse(runId, id, null, finalReason, changesJson));
    new LocalStepLogs(layout, runId, id).note(reason);
    return true;
  }

  /** The first changes for the step's reuse line; its details list them all. */
  private static String summary(List<String> changes) {
    int shown = Math.min(3, changes.size());
    String line = String.join("; ", changes.subList(0, shown));
    return changes.size() > shown ? line + "; and " + (changes.size() - shown) + " more" : line;
  }

  private static String describeChanges(List<String> parts) {
    if (parts.isEmpty()) {
      return "nothing changed but the inputs' upstream results";
    }
    List<String> words = new ArrayList<>();
    for (String part : parts) {
      words.add(switch (part) {
        case "definition" -> "its definition changed";
        case "sources" -> "its source files changed";
        case "inputs" -> "its inputs changed";
        case "environment" -> "its environment changed";
        case "runtime" -> "the Spark runtime changed";
        default -> part + " changed";
      });
    }
    return String.join(", ", words);
  }

  private Fingerprints.Fingerprint fingerprint(Step step) throws WorkspaceException {
    Map<String, String> parts = new LinkedHashMap<>();
    Map<String, Map<String, String>> details = new LinkedHashMap<>();
    ComputeTarget target = targets.get(step.id());
    parts.put("definition", Fingerprints.definition(step, target.name(), parameters));
    details.put(ReuseChanges.DEFINITION, Fingerprints.definitionFields(step, target.name(), parameters));
    Path source = sourceDirectory(step);
    List<Path> extra = new ArrayList<>();
    if (step.kind() instanceof SparkStep spark) {
      extra.add(source.resolve(spark.entry().file()));
      for (List<String> files : List.of(spark.settings().jars(), spark.settings().pyFiles(),
          spark.settings().files(), spark.settings().archives())) {
        files.forEach(f -> extra.add(source.resolve(f)));
      }
      String runtime = Fingerprints.runtimeIdentity(target, fileHashes);
      parts.put("runtime", Fingerprints.sha256(runtime));
      details.put(ReuseChanges.RUNTIME, Map.of("identity", runtime));
    }
    Map<String, String> sourceFiles = new LinkedHashMap<>();
    String sourcesHash = Fingerprints.sources(source, extra, fileHashes, sourceFiles);
    parts.put("sources", sourcesHash);
    details.put(ReuseChanges.SOURCES, sourceFiles.size() > ReuseChanges.FILES_KEPT
        ? Map.of(ReuseChanges.ALL_FILES, ReuseChanges.manyFiles(sourceFiles.size(), sourcesHash)) : sourceFiles);
    StringBuilder inputs = new StringBuilder();
    Map<String, String> inputDetails = new LinkedHashMap<>();
    for (InputPort port : step.inputs()) {
      Optional<Edge> edge = edgeInto(step.id(), port.name());
      if (edge.isEmpty()) {
        inputs.append(port.name()).append("=none\n");
        inputDetails.put(port.name(), "none");
        continue;
      }
      String from = edge.get().from().node();
      if (steps.containsKey(from)) {
        inputs.append(port.name()).append("=step:").append(fingerprints.get(from)).append('/')
            .append(edge.get().from().port()).append('\n');
        inputDetails.put(port.name(), ReuseChanges.FROM_STEP + from + "/" + edge.get().from().port() + " "
            + fingerprints.get(from));
      } else {
        Path data = datasetPath(datasets.get(from)).path();
        Map<String, String> files = new LinkedHashMap<>();
        String content = Fingerprints.content(data, fileHashes, files);
        inputs.append(port.name()).append("=data:").append(content).append('\n');
        if (files.isEmpty()) {
          inputDetails.put(port.name(), Files.exists(data) ? "no files" : "missing");
        } else if (files.size() > ReuseChanges.FILES_KEPT) {
          inputDetails.put(port.name(), ReuseChanges.manyFiles(files.size(), content));
        } else {
          files.forEach((file, detail) -> inputDetails.put(port.name() + ReuseChanges.FILE_OF + file, detail));
        }
      }
    }
    parts.put("inputs", Fingerprints.sha256(inputs.toString()));
    details.put(ReuseChanges.INPUTS, inputDetails);
    parts.put("environment", Fingerprints.environment(step));
    details.put(ReuseChanges.ENVIRONMENT, Fingerprints.environmentFields(step));
    fileHashes.save();
    return Fingerprints.Fingerprint.of(parts, details);
  }

  private void reuse(Step step, HistoryStore.ReuseCandidate candidate) {
    String id = step.id();
    Map<String, Path> reusedOutputs = new LinkedHashMap<>();
    candidate.outputs().forEach((port, path) -> reusedOutputs.put(port, Path.of(path)));
    outputs.put(id, reusedOutputs);
    String identical = "identical to step '" + candidate.stepId() + "' of run " + candidate.runId()
        + (candidate.endedAt() == null ? "" : " (completed " + WHEN.format(candidate.endedAt()) + ")");
    String reason = "reused: " + identical;
    recording.record(() -> store.setChildReuse(runId, id, candidate.runId(), reason));
    reusedOutputs.forEach((port, path) -> recording.record(() -> store.recordOutput(runId, id, port, path.toString())));
    LocalStepLogs logs = new LocalStepLogs(layout, runId, id);
    logs.note(reason);
    recordReusedInputs(step);
    registerOutputs(step, reusedOutputs, logs);
    setStepStatus(id, RunStatus.REUSED, identical);
  }

  /** The data a reused step's inputs would have had, for its details (nothing is staged). */
  private void recordReusedInputs(Step step) {
    Map<String, String> paths = new java.util.TreeMap<>();
    for (InputPort port : step.inputs()) {
      Optional<Edge> edge = edgeInto(step.id(), port.name());
      if (edge.isEmpty()) {
        continue;
      }
      String from = edge.get().from().node();
      try {
        Path path = steps.containsKey(from) ? outputs.getOrDefault(from, Map.of()).get(edge.get().from().port())
            : datasetPath(datasets.get(from)).path();
        if (path != null) {
          paths.put(port.name(), path.toString());
        }
      } catch (WorkspaceException e) {
        // The fingerprint read this input a moment ago; a dataset gone since has no path to show.
      }
    }
    recording.record(() -> store.setChildInputs(runId, step.id(), Json.write(paths)));
  }

  // ---- launching ----------------------------------------------------------------------------

  private void launch(Step step, int cores) {
    String id = step.id();
    setStepStatus(id, RunStatus.PREPARING, null);
    LocalStepLogs logs = new LocalStepLogs(layout, runId, id)
        .onLaunched(line -> recording.record(() -> store.setChildLaunch(runId, id, line)));
    try {
      ComputeTarget target = targets.get(id);
      ComputeLauncher launcher = computes.launcherFor(step, target);
      Path stepDir = layout.step(runId, id);
      Path work = Files.createDirectories(stepDir.resolve("work"));
      Map<String, Path> stepOutputs = new LinkedHashMap<>();
      for (OutputPort port : step.outputs()) {
        Path dir = stepDir.resolve("outputs").resolve(port.name());
        // Spark jobs often refuse to write into an existing directory; scripts expect one.
        Files.createDirectories(step.isSpark() ? dir.getParent() : dir);
        stepOutputs.put(port.name(), dir);
      }
      outputs.put(id, stepOutputs);
      Map<String, StepLaunch.Input> inputs = stageInputs(step, stepDir, logs);
      Map<String, String> inputPaths = new java.util.TreeMap<>();
      inputs.forEach((port, input) -> inputPaths.put(port, input.path().toString()));
      recording.record(() -> store.setChildInputs(runId, id, Json.write(inputPaths)));
      List<String> arguments = step.arguments().stream().map(a -> resolve(a, inputs, stepOutputs)).toList();
      StepLaunch launch = new StepLaunch(runId, step, target, work, sourceDirectory(step), arguments, inputs,
          stepOutputs, parameters, logs);
      logs.note("compute: " + target.name() + " (" + target.kind() + ")");
      LaunchedStep launched = launcher instanceof LocalSparkLauncher spark
          ? spark.launch(launch, options.warmSpark()) : launcher.launch(launch);
      // Through the loop, so that no progress follows the step's end.
      launched.onProgress(progress -> post(() -> {
        if (running.containsKey(id)) {
          recording.progress(progress);
        }
      }));
      running.put(id, launched);
      coresHeld.put(id, cores);
      freeCores -= cores;
      long pid = launched.pid();
      if (pid > 0) {
        long started = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).map(Instant::toEpochMilli).orElse(0L);
        recording.record(() -> store.setChildProcess(runId, id, pid, started));
      }
      launched.remoteJob().thenAccept(job -> {
        if (job != null) {
          recording.record(() -> store.setChildRemoteJob(runId, id, job));
        }
      });
      setStepStatus(id, RunStatus.RUNNING, target.name());
      launched.completion().whenComplete((result, error) -> post(() -> ended(step,
          error != null ? StepResult.failure("launcher error: " + error) : result)));
    } catch (WorkspaceException | IOException | UncheckedIOException e) {
      logs.note("failed to start: " + e.getMessage());
      fail(id, e.getMessage());
    }
  }

  private Map<String, StepLaunch.Input> stageInputs(Step step, Path stepDir, LocalStepLogs logs)
      throws WorkspaceException, IOException {
    Map<String, StepLaunch.Input> inputs = new LinkedHashMap<>();
    for (InputPort port : step.inputs()) {
      Optional<Edge> edge = edgeInto(step.id(), port.name());
      if (edge.isEmpty()) {
        continue;
      }
      StepLaunch.Input input;
      String from = edge.get().from().node();
      if (steps.containsKey(from)) {
        Path path = outputs.get(from).get(edge.get().from().port());
        input = new StepLaunch.Input(path, DatasetKind.TABULAR);
      } else {
        input = datasetPath(datasets.get(from));
      }
      if (!Files.exists(input.path())) {
        throw new WorkspaceException("input '" + port.name() + "': " + input.path() + " does not exist");
      }
      if (port.mode() == InputMode.DOWNLOAD) {
        Path target = stepDir.resolve("inputs").resolve(port.name());
        Path copied = copy(input.path(), target);
        logs.note("input " + port.name() + ": downloaded " + input.path() + " to " + copied);
        input = new StepLaunch.Input(copied, input.kind());
      } else {
        logs.note("input " + port.name() + " (" + port.mode().wireName() + "): " + input.path());
      }
      inputs.put(port.name(), input);
    }
    return inputs;
  }

  private String resolve(String text, Map<String, StepLaunch.Input> inputs, Map<String, Path> stepOutputs) {
    return Placeholders.substitute(text, ref -> switch (ref.kind()) {
      case INPUTS -> Optional.ofNullable(inputs.get(ref.name())).map(i -> i.path().toString()).orElse("");
      case OUTPUTS -> Optional.ofNullable(stepOutputs.get(ref.name())).map(Path::toString).orElse("");
      case PARAMETERS -> parameters.getOrDefault(ref.name(), "");
    });
  }

  private Optional<Edge> edgeInto(String stepId, String port) {
    return Optional.ofNullable(inputEdges.get(stepId + "\u0000" + port));
  }

  private Path sourceDirectory(Step step) {
    return options.baseDirectory().resolve(step.sourceDirectory()).normalize();
  }

  private StepLaunch.Input datasetPath(DatasetNode node) throws WorkspaceException {
    if (node.source() instanceof DatasetSource.DatastorePath dp) {
      return new StepLaunch.Input(catalog.datastoreRoot(dp.datastore()).resolve(dp.path()).normalize(), node.kind());
    }
    DatasetSource.Registered reg = (DatasetSource.Registered) node.source();
    DatasetVersion version = query(() -> store.dataset(reg.name(), reg.version())).orElseThrow(() ->
        new WorkspaceException("dataset '" + reg.name() + "'" + (reg.version() == null ? "" : " version "
            + reg.version()) + " is not registered in this workspace"));
    return new StepLaunch.Input(Path.of(version.location()),
        version.kind());
  }

  /** Copies a file into {@code targetDir}, or a folder's content into it; returns the copy. */
  private static Path copy(Path source, Path targetDir) throws IOException {
    Path target = Files.isRegularFile(source) ? targetDir.resolve(source.getFileName()) : targetDir;
    Files.createDirectories(targetDir);
    FileTrees.copy(source, target);
    return target;
  }

  // ---- ending -------------------------------------------------------------------------------

  private void ended(Step step, StepResult result) {
    String id = step.id();
    running.remove(id);
    freeCores += coresHeld.getOrDefault(id, 0);
    coresHeld.remove(id);
    LocalStepLogs logs = new LocalStepLogs(layout, runId, id);
    recordEnding(id, result, logs);
    if (result.canceled() || (canceled && !result.succeeded())) {
      setStepStatus(id, RunStatus.CANCELED, "canceled while running");
    } else if (!result.succeeded()) {
      logs.note("failed: " + result.message());
      fail(id, result.message());
    } else {
      Map<String, Path> stepOutputs = outputs.getOrDefault(id, Map.of());
      Optional<String> missing = stepOutputs.entrySet().stream()
          .filter(e -> !Files.exists(e.getValue()) || isEmptyDirectory(e.getValue()))
          .map(e -> "output '" + e.getKey() + "' was not written (" + e.getValue() + " is missing or empty)")
          .findFirst();
      if (missing.isPresent()) {
        logs.note("failed: " + missing.get());
        fail(id, missing.get());
      } else {
        setStepStatus(id, RunStatus.FINALIZING, null);
        stepOutputs.forEach((port, path) -> recording.record(() -> store.recordOutput(runId, id, port, path.toString())));
        registerOutputs(step, stepOutputs, logs);
        setStepStatus(id, RunStatus.COMPLETED, null);
      }
    }
    schedule();
  }

  /**
   * Records the step's exit code and, when it failed with a cause found in its logs, where that
   * cause is (stderr first, then stdout), so that "Show in log" can go to the line.
   */
  private void recordEnding(String id, StepResult result, LocalStepLogs logs) {
    Optional<FailureLocation> where = Optional.empty();
    if (!result.succeeded() && !result.canceled() && result.message() != null) {
      where = locate(LogStream.DRIVER_STDERR, logs.stderrFile(), result.message())
          .or(() -> locate(LogStream.DRIVER_STDOUT, logs.stdoutFile(), result.message()));
    }
    if (result.exitCode() == null && where.isEmpty()) {
      return;
    }
    String stream = where.map(FailureLocation::stream).orElse(null);
    Long line = where.map(FailureLocation::line).orElse(null);
    recording.record(() -> store.setChildEnding(runId, id, result.exitCode(), stream, line));
  }

  private static Optional<FailureLocation> locate(String stream, Path file, String message) {
    return FailureCause.locate(file).filter(l -> !l.cause().isBlank() && message.contains(l.cause()))
        .map(l -> new FailureLocation(stream, l.line(), l.cause()));
  }

  private static boolean isEmptyDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** Registers outputs marked for registration, unless the latest version is this very data. */
  private void registerOutputs(Step step, Map<String, Path> stepOutputs, LocalStepLogs logs) {
    for (OutputPort port : step.outputs()) {
      Optional<String> name = port.registration();
      Path path = stepOutputs.get(port.name());
      if (name.isEmpty() || path == null) {
        continue;
      }
      Optional<DatasetVersion> latest = query(() -> store.dataset(name.get(), null));
      if (latest.isPresent() && latest.get().location().equals(path.toString())) {
        logs.note("dataset " + name.get() + " version " + latest.get().version() + " is already this output");
        continue;
      }
      DatasetKind kind = step.kind() instanceof SparkStep ? DatasetKind.TABULAR : DatasetKind.FILE;
      DatasetVersion registered = query(() -> store.registerDataset(name.get(), kind, path.toString(), runId,
          step.id(), Instant.now()));
      if (registered != null) {
        logs.note("registered output " + port.name() + " as dataset " + name.get() + " version " + registered.version());
      }
    }
  }

  private void fail(String stepId, String message) {
    if (failure == null) {
      failure = "step '" + stepName(stepId) + "' failed: " + message;
    }
    setStepStatus(stepId, RunStatus.FAILED, message);
  }

  private void finish() {
    if (finalStatus != null) {
      return;
    }
    RunStatus runStatus;
    String message = null;
    if (canceled) {
      for (String id : order) {
        if (!status.get(id).isFinal() && !blocked.contains(id)) {
          setStepStatus(id, RunStatus.CANCELED, "canceled before it started");
        }
      }
      runStatus = RunStatus.CANCELED;
      message = "canceled";
    } else if (failure != null) {
      runStatus = RunStatus.FAILED;
      message = failure;
    } else if (order.stream().filter(id -> !leftOut.contains(id)).allMatch(id -> status.get(id).isSuccess())) {
      runStatus = RunStatus.COMPLETED;
    } else {
      runStatus = RunStatus.FAILED;
      message = "some steps could not run";
    }
    setRunStatus(runStatus, message);
    finalStatus = runStatus;
    finished.countDown();
    ended.accept(this);
    loop.shutdown();
  }

  // ---- recording ----------------------------------------------------------------------------

  private void setStepStatus(String stepId, RunStatus newStatus, String message) {
    status.put(stepId, newStatus);
    Instant now = Instant.now();
    recording.record(() -> store.setChildStatus(runId, stepId, newStatus, message, now));
    recording.emit(new RunEvent(runId, stepId, newStatus, message, now));
  }

  private void setRunStatus(RunStatus newStatus, String message) {
    Instant now = Instant.now();
    recording.record(() -> store.setRunStatus(runId, newStatus, message, now));
    recording.emit(new RunEvent(runId, null, newStatus, message, now));
  }

  private interface SqlQuery<T> {
    T get() throws SQLException;
  }


  private <T> T query(SqlQuery<T> q) {
    try {
      return q.get();
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException("cannot read the run history: " + e.getMessage(), e));
    }
  }

}
