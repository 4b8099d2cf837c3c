package io.pipewright.local;

import io.pipewright.model.Edge;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.PipelineBackend;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunTargets;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepSelection;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and tracks the runs of the embedded workspace. The orchestrator stays local whatever the
 * targets (docs/decisions/0006-remote-launchers.md): it resolves each step's compute, orders the
 * steps, records the run in the history, and hands the run to a {@link LocalRun}, which sends each
 * step to the launcher of its compute. It keeps the set of active runs (a compute they use cannot
 * be detached; closing cancels them) and, at open, finishes runs left behind by a Pipewright that
 * died.
 */
final class RunOrchestrator {

  private static final Logger LOG = LoggerFactory.getLogger(RunOrchestrator.class);

  private final HistoryStore store;
  private final WorkspaceLayout layout;
  private final ComputeRegistry computes;
  private final LocalRun.Services services;
  private final Set<LocalRun> active = ConcurrentHashMap.newKeySet();
  /** Runs a {@link PipelineBackend} runs as a whole (Azure ML pipeline jobs). */
  private final Set<DelegatedRun> delegated = ConcurrentHashMap.newKeySet();
  private final SecureRandom random = new SecureRandom();
  /** Draws of a run id before giving up; a second draw is already rare (20 runs in one second: 0.3 %). */
  private static final int MAX_RUN_ID_ATTEMPTS = 50;

  RunOrchestrator(HistoryStore store, WorkspaceLayout layout, ComputeRegistry computes, DatasetCatalog catalog) {
    this.store = store;
    this.layout = layout;
    this.computes = computes;
    this.services = new LocalRun.Services(store, layout, computes, catalog, new FileHashes(store), this::runEnded);
  }

  // ---- crash recovery -----------------------------------------------------------------------

  /**
   * Finishes runs left unfinished by a process that died: kills their leftover step processes and
   * their jobs on remote engines, marks running steps Failed and pending ones not run, and the run
   * Failed.
   */
  void recover() throws SQLException {
    for (HistoryStore.UnfinishedRun run : store.unfinishedRuns()) {
      if (isAlive(run.ownerPid(), run.ownerStarted())) {
        continue; // still running in its process (perhaps this one, through another workspace object)
      }
      // Read again now that its process is known to be gone: it may have finished the run between
      // the list above and its end (another `pipewright run` on this workspace), and that stays.
      if (store.run(run.runId()).map(r -> r.status().isFinal()).orElse(true)) {
        continue;
      }
      Instant now = Instant.now();
      String why = "Pipewright (process " + run.ownerPid() + ") stopped while the run was in progress";
      Map<String, List<String>> remoteSteps = new HashMap<>();
      for (HistoryStore.ChildProcess child : store.childProcesses(run.runId())) {
        Optional<String[]> remoteRun = DelegatedRun.parseRemote(child.remoteJob());
        if (remoteRun.isPresent() && !child.status().isFinal()) {
          // The whole pipeline job is canceled once, when this session can reach Azure (signed in).
          String target = remoteRun.get()[0];
          String job = remoteRun.get()[1];
          List<String> steps = remoteSteps.computeIfAbsent(job, k -> new ArrayList<>());
          steps.add(child.stepId());
          if (steps.size() == 1) {
            String runId = run.runId();
            computes.whenSignedInToAzure(() -> {
              String said = computes.cancelRemoteRun(target, job);
              LOG.info("run {}: {}", runId, said);
              steps.forEach(step -> new LocalStepLogs(layout, runId, step).note("recovery: " + said));
            });
          }
          new LocalStepLogs(layout, run.runId(), child.stepId()).note("recovery: its pipeline job " + job
              + " on '" + target + "' is canceled once this session is signed in to Azure");
          store.setChildStatus(run.runId(), child.stepId(), RunStatus.CANCELED, "interrupted: " + why, now);
          continue;
        }
        if (child.status().isFinal()) {
          continue;
        }
        if (child.pid() > 0 && isAlive(child.pid(), child.pidStarted())) {
          ProcessHandle.of(child.pid()).ifPresent(ProcessStep::killTree);
        }
        if (child.remoteJob() != null) {
          String killed = computes.killRemoteJob(child.compute(), child.remoteJob());
          LOG.info("run {} step {}: {}", run.runId(), child.stepId(), killed);
          new LocalStepLogs(layout, run.runId(), child.stepId()).note("recovery: " + killed);
        }
        boolean started = child.status() == RunStatus.PREPARING || child.status() == RunStatus.RUNNING
            || child.status() == RunStatus.FINALIZING;
        if (started) {
          store.setChildStatus(run.runId(), child.stepId(), RunStatus.FAILED, "interrupted: " + why, now);
        } else {
          store.setChildStatus(run.runId(), child.stepId(), RunStatus.NOT_STARTED, "not run: " + why, now);
        }
      }
      store.setRunStatus(run.runId(), RunStatus.FAILED, why, now);
      LOG.info("marked run {} Failed: {}", run.runId(), why);
    }
  }

  private static boolean isAlive(long pid, long startedMillis) {
    if (pid <= 0) {
      return false;
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(h -> startedMillis == 0 || h.info().startInstant()
            .map(s -> Math.abs(s.toEpochMilli() - startedMillis) < 2000).orElse(true))
        .isPresent();
  }

  // ---- submitting ---------------------------------------------------------------------------

  RunHandle submit(Pipeline pipeline, SubmitOptions options) throws WorkspaceException {
    List<String> order = topologicalOrder(pipeline);
    Map<String, String> parameters = new TreeMap<>();
    pipeline.parameters().forEach(p -> parameters.put(p.name(), p.defaultValue()));
    for (Map.Entry<String, String> override : options.parameters().entrySet()) {
      if (!parameters.containsKey(override.getKey())) {
        throw new WorkspaceException("the pipeline has no parameter '" + override.getKey() + "' (it has: "
            + (parameters.isEmpty() ? "none" : String.join(", ", parameters.keySet())) + ")");
      }
      parameters.put(override.getKey(), override.getValue());
    }
    String experiment = options.experiment() == null || options.experiment().isBlank()
        ? pipeline.id() : options.experiment();
    Map<String, ComputeTarget> byName = new HashMap<>();
    for (ComputeTarget target : computes.computes()) {
      byName.put(target.name(), target);
    }
    Map<String, String> ownComputes = new LinkedHashMap<>();
    pipeline.steps().forEach(step -> ownComputes.put(step.id(), ComputeTarget.nameFor(pipeline, step)));
    for (PipelineBackend backend : computes.pipelineBackends()) {
      Optional<ComputeTarget> workspace = backend.workspaceFor(ownComputes, options.sparkTarget(), byName);
      if (workspace.isPresent()) {
        if (options.selection().mode() != StepSelection.Mode.ALL) {
          throw new WorkspaceException("'" + workspace.get().name() + "' runs the pipeline as one job: running from,"
              + " up to or only one step is not supported there; run the whole pipeline, or run it here with"
              + " --target " + ComputeTarget.LOCAL_SPARK);
        }
        return submitTo(backend, workspace.get(), experiment, pipeline, options, parameters, order, byName,
            ownComputes);
      }
    }
    StepPlan plan = StepPlan.of(pipeline, order, options.selection(), store::latestSuccessful);
    Map<String, ComputeTarget> targets = computesOf(pipeline, options.sparkTarget(), byName);
    warmUpSpark(pipeline, targets);
    List<HistoryStore.NewChild> children = new ArrayList<>();
    Map<String, Step> steps = new HashMap<>();
    pipeline.steps().forEach(step -> steps.put(step.id(), step));
    for (String id : order) {
      children.add(new HistoryStore.NewChild(id, steps.get(id).name(), targets.get(id).name()));
    }
    String runId = insertRun(experiment, pipeline, options, parameters, children);
    LocalRun run = new LocalRun(services, runId, pipeline, options, parameters, order, targets, plan);
    active.add(run);
    run.start();
    return run;
  }

  /**
   * Records a run that {@code backend} runs as a whole and starts submitting it; returns at once.
   * Each child run names its step's own compute target.
   */
  private RunHandle submitTo(PipelineBackend backend, ComputeTarget workspace, String experiment,
      Pipeline pipeline, SubmitOptions options, Map<String, String> parameters, List<String> order,
      Map<String, ComputeTarget> byName, Map<String, String> ownComputes) throws WorkspaceException {
    Map<String, ComputeTarget> stepComputes = new LinkedHashMap<>();
    List<HistoryStore.NewChild> children = new ArrayList<>();
    for (String id : order) {
      String name = ownComputes.get(id);
      ComputeTarget target = byName.get(name);
      Step step = pipeline.step(id).orElseThrow();
      if (target == null) {
        throw new WorkspaceException("step '" + step.name() + "' runs on compute '" + name
            + "', which this workspace does not have (see: pipewright computes list)");
      }
      stepComputes.put(id, target);
      children.add(new HistoryStore.NewChild(id, step.name(), name));
    }
    String runId = insertRun(experiment, pipeline, options, parameters, children);
    DelegatedRun run = new DelegatedRun(store, layout, backend, new PipelineBackend.Submission(runId, experiment,
        pipeline, options, Map.copyOf(parameters), List.copyOf(order), stepComputes, workspace, Map.copyOf(byName),
        computes.linkedServices(), layout.run(runId), computes.remoteContextForBackends()), delegated::remove);
    delegated.add(run);
    run.start();
    return run;
  }

  /**
   * Records a new run under a new id and creates its directory; returns the id. Runs started in the
   * same second by other processes may draw the same id: the history keeps the first, and this run
   * draws another.
   */
  private String insertRun(String experiment, Pipeline pipeline, SubmitOptions options,
      Map<String, String> parameters, List<HistoryStore.NewChild> children) throws WorkspaceException {
    ProcessHandle self = ProcessHandle.current();
    long selfStarted = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    String pipelineJson = PipelineFormat.write(pipeline);
    String parametersJson = Json.write(parameters);
    String runId = null;
    for (int attempt = 0; runId == null; attempt++) {
      if (attempt == MAX_RUN_ID_ATTEMPTS) {
        throw new WorkspaceException("cannot find a free run id in the run history after " + attempt + " attempts");
      }
      String candidate = newRunId();
      boolean inserted = HistoryCalls.writeReturning(() -> store.insertRun(new HistoryStore.NewRun(candidate, experiment,
          pipeline.id(), pipeline.name(), options.pipelineFile().toAbsolutePath().toString(), pipelineJson,
          parametersJson, self.pid(), selfStarted, children, options.sparkTarget(), options.regenerateOutputs()),
          Instant.now()));
      runId = inserted ? candidate : null;
    }
    try {
      Files.createDirectories(layout.run(runId));
    } catch (IOException e) {
      throw new WorkspaceException("cannot create the run directory " + layout.run(runId) + ": " + e.getMessage(), e);
    }
    return runId;
  }

  /**
   * The compute each step runs on, by step id, checked against the launchers. {@code sparkTarget},
   * when given, replaces the compute of every Spark step, and when it is this machine, script steps
   * on remote computes run as local processes ({@link RunTargets}).
   */
  private Map<String, ComputeTarget> computesOf(Pipeline pipeline, String sparkTarget, Map<String, ComputeTarget> byName)
      throws WorkspaceException {
    if (sparkTarget != null && (!byName.containsKey(sparkTarget) || !byName.get(sparkTarget).runsSpark())) {
      throw new WorkspaceException((byName.containsKey(sparkTarget)
          ? "compute '" + sparkTarget + "' (" + byName.get(sparkTarget).kind() + ") does not run Spark"
          : "there is no compute target '" + sparkTarget + "'") + ": Spark steps can run on "
          + String.join(", ", byName.values().stream().filter(ComputeTarget::runsSpark).map(ComputeTarget::name).toList()));
    }
    Map<String, ComputeTarget> byStep = new HashMap<>();
    for (Step step : pipeline.steps()) {
      String name = RunTargets.computeOf(pipeline, step, sparkTarget,
          n -> byName.containsKey(n) ? byName.get(n).kind() : null);
      ComputeTarget target = byName.get(name);
      if (target == null) {
        throw new WorkspaceException("step '" + step.name() + "' runs on compute '" + name
            + "', which this workspace does not have (see: pipewright computes list)");
      }
      computes.launcherFor(step, target);
      byStep.put(step.id(), target);
    }
    return byStep;
  }

  /**
   * Lets the local Spark launcher find the runtime and name the class-data archive in the
   * background while the run is recorded and its first steps fingerprinted.
   */
  private void warmUpSpark(Pipeline pipeline, Map<String, ComputeTarget> targets) {
    LocalSparkLauncher spark = computes.localSparkLauncher();
    boolean sql = false;
    for (Step step : pipeline.steps()) {
      ComputeTarget target = targets.get(step.id());
      if (step.kind() instanceof SparkStep s && !(s.entry() instanceof SparkEntry.Python)
          && ComputeTarget.LOCAL_SPARK.equals(target.kind())) {
        spark.warmUp(target);
        sql |= s.entry() instanceof SparkEntry.Sql;
      }
    }
    if (!sql) {
      SparkBootstrap.discardWaiting(); // a driver started ahead has no step to wait for in this run
    }
  }

  /** Steps in an order where every step comes after the steps it reads from; rejects cycles. */
  private static List<String> topologicalOrder(Pipeline pipeline) throws WorkspaceException {
    Map<String, Integer> indegree = new LinkedHashMap<>();
    Map<String, List<String>> downstream = new HashMap<>();
    pipeline.steps().forEach(s -> indegree.put(s.id(), 0));
    for (Edge e : pipeline.edges()) {
      String from = e.from().node();
      String to = e.to().node();
      if (indegree.containsKey(from) && indegree.containsKey(to)) {
        indegree.merge(to, 1, Integer::sum);
        downstream.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
      }
    }
    Deque<String> ready = new ArrayDeque<>();
    indegree.forEach((id, n) -> {
      if (n == 0) {
        ready.add(id);
      }
    });
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String id = ready.poll();
      order.add(id);
      for (String next : downstream.getOrDefault(id, List.of())) {
        if (indegree.merge(next, -1, Integer::sum) == 0) {
          ready.add(next);
        }
      }
    }
    if (order.size() < indegree.size()) {
      Set<String> ordered = new HashSet<>(order);
      List<String> onCycle = indegree.keySet().stream().filter(id -> !ordered.contains(id)).toList();
      throw new WorkspaceException("the pipeline has a cycle through steps " + String.join(", ", onCycle));
    }
    return order;
  }

  private String newRunId() {
    byte[] bytes = new byte[2];
    random.nextBytes(bytes);
    return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
        + HexFormat.of().formatHex(bytes);
  }

  // ---- active runs --------------------------------------------------------------------------

  private void runEnded(LocalRun run) {
    active.remove(run);
  }

  /** An active run that has a step on the named compute, if there is one. */
  Optional<String> runUsing(String computeName) {
    return active.stream().filter(run -> run.usesCompute(computeName)).map(LocalRun::runId).findFirst()
        .or(() -> delegated.stream().filter(run -> run.usesCompute(computeName)).map(DelegatedRun::runId).findFirst());
  }

  /** Cancels the active runs, giving each up to 10 seconds to end. */
  void close() {
    List<RunHandle> runs = new ArrayList<>(active);
    runs.addAll(delegated);
    for (RunHandle run : runs) {
      run.cancel();
      try {
        run.await(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }
}
