package io.pipewright.local;

import io.pipewright.model.Capacity;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.Pipeline;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import io.pipewright.workspace.DatasetPreview;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.Datastore;
import io.pipewright.workspace.DatastoreEntry;
import io.pipewright.workspace.ExperimentSummary;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.PasswordPrompt;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunPage;
import io.pipewright.workspace.RunQuery;
import io.pipewright.workspace.StepDetails;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.Workspace;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded workspace: a directory (default {@code ~/.pipewright}, or {@code
 * PIPEWRIGHT_HOME}) with a SQLite history, datastores and per-run directories. Runs execute on
 * this machine: Spark steps on the bundled Spark in local mode, script steps as processes; steps
 * on a remote compute go to its launcher, while the run itself stays orchestrated and recorded here.
 *
 * <p>Opening it recovers from a Pipewright that died mid-run: runs whose owning process is gone
 * are marked Failed, their leftover step processes killed, and finished steps keep their results.
 *
 * <p>This class opens the workspace and wires its parts, to which every call is delegated:
 * {@link ComputeRegistry} (compute targets, linked services, connection tests, launchers),
 * {@link DatasetCatalog} (datastores and datasets), {@link RunOrchestrator} (submitting runs, active
 * runs, crash recovery) and {@link HistoryQueries} (runs, child runs, transitions, logs).
 */
public final class LocalWorkspace implements Workspace {

  /**
   * Starts the Spark driver JVM of the last cold local SQL step, to be handed this process's first
   * step that fits it (docs/decisions/0001, amendment of 2026-12-05); call it first thing in a
   * command that runs a pipeline cold. Returns at once; does nothing if no driver is remembered.
   */
  public static void startSparkDriverAhead() {
    SparkBootstrap.startAhead(UserCache.directory());
  }

  public static final String DEFAULT_DATASTORE = DatasetCatalog.DEFAULT_DATASTORE;
  public static final String HOME_VARIABLE = "PIPEWRIGHT_HOME";

  private final WorkspaceLayout layout;
  private final HistoryStore store;
  private final ComputeRegistry computes;
  private final DatasetCatalog catalog;
  private final RunOrchestrator runs;
  private final HistoryQueries history;
  private final WarmDrivers warmDrivers;

  private LocalWorkspace(WorkspaceLayout layout, HistoryStore store) {
    this.layout = layout;
    this.store = store;
    this.computes = new ComputeRegistry(store);
    this.catalog = new DatasetCatalog(store, layout.datastores());
    this.runs = new RunOrchestrator(store, layout, computes, catalog);
    this.history = new HistoryQueries(store, layout);
    this.warmDrivers = new WarmDrivers(layout.home().resolve("warm-spark"), computes.localSparkLauncher());
    computes.localSparkLauncher().useWarmDrivers(warmDrivers);
  }

  /** {@code PIPEWRIGHT_HOME}, else {@code ~/.pipewright}. */
  public static Path defaultHome() {
    String env = System.getenv(HOME_VARIABLE);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".pipewright");
  }

  /**
   * Pipewright's SQL driver jar of the bundled Spark runtime: what SQL steps run, and what an export
   * for another platform (Azure ML YAML) ships with them.
   *
   * @throws WorkspaceException when no Spark runtime is configured or it has no SQL driver
   */
  public static Path sqlDriverJar() throws WorkspaceException {
    return SparkRuntime.sqlDriverJarOf(null);
  }

  /**
   * The bundled Spark runtime's home as configured (the launcher's {@code -Dpipewright.spark.runtime},
   * else {@code PIPEWRIGHT_SPARK_RUNTIME}), not checked; empty when neither is set.
   */
  public static Optional<Path> configuredSparkHome() {
    return SparkRuntime.configuredHome().map(h -> Path.of(h).toAbsolutePath().normalize());
  }

  /**
   * Opens (creating it on first use) the workspace at {@code home}: adds the built-in computes and
   * the default datastore when missing, then finishes runs left behind by a Pipewright that died.
   */
  public static LocalWorkspace open(Path home) throws WorkspaceException {
    WorkspaceLayout layout = new WorkspaceLayout(home.toAbsolutePath().normalize());
    try {
      Files.createDirectories(layout.runs());
      Files.createDirectories(layout.datastores().resolve(DEFAULT_DATASTORE));
    } catch (IOException e) {
      throw new WorkspaceException("cannot create the workspace at " + layout.home() + ": " + e.getMessage(), e);
    }
    HistoryStore store = HistoryStore.open(layout.database());
    LocalWorkspace workspace = new LocalWorkspace(layout, store);
    try {
      Instant now = Instant.now();
      workspace.computes.seed(now);
      workspace.catalog.seed(now);
      workspace.runs.recover();
    } catch (SQLException e) {
      store.close();
      throw new WorkspaceException("cannot prepare the run history " + layout.database() + ": " + e.getMessage(), e);
    }
    return workspace;
  }

  public Path home() {
    return layout.home();
  }

  @Override
  public String description() {
    return layout.home().toString();
  }

  // ---- computes and linked services: ComputeRegistry ----------------------------------------

  @Override
  public List<ComputeTarget> computes() throws WorkspaceException {
    return computes.computes();
  }

  Optional<ComputeTarget> compute(String name) throws WorkspaceException {
    return computes.compute(name);
  }

  @Override
  public ComputeTarget attachCompute(String name, String kind, Map<String, String> settings) throws WorkspaceException {
    return computes.attachCompute(name, kind, settings);
  }

  /**
   * Changes settings of a compute target; an empty value removes a setting (an empty {@code
   * jvmOptions} means none). Values are checked (cores 1 to this machine's, javaHome a Java 17–21,
   * sparkHome a Spark home, URLs with scheme, host and port) before anything is saved.
   */
  @Override
  public ComputeTarget updateCompute(String name, Map<String, String> changes) throws WorkspaceException {
    return computes.updateCompute(name, changes);
  }

  @Override
  public void detachCompute(String name) throws WorkspaceException {
    computes.detachCompute(name, runs::runUsing);
  }

  @Override
  public ConnectionTest testConnection(ComputeTarget target) {
    return computes.testConnection(target);
  }

  @Override
  public Set<String> testedComputes() throws WorkspaceException {
    return computes.testedComputes();
  }

  @Override
  public void setAzureSession(io.pipewright.workspace.AzureSession session) {
    computes.setAzureSession(session);
  }

  @Override
  public void setPasswordPrompt(PasswordPrompt prompt) {
    computes.setPasswordPrompt(prompt);
  }

  @Override
  public Optional<Capacity> capacityOf(ComputeTarget target) {
    return computes.capacityOf(target);
  }

  @Override
  public List<LinkedService> linkedServices() throws WorkspaceException {
    return computes.linkedServices();
  }

  @Override
  public LinkedService addLinkedService(LinkedService service) throws WorkspaceException {
    return computes.addLinkedService(service);
  }

  @Override
  public void removeLinkedService(String name) throws WorkspaceException {
    computes.removeLinkedService(name);
  }

  // ---- datastores and datasets: DatasetCatalog ----------------------------------------------

  @Override
  public List<Datastore> datastores() throws WorkspaceException {
    return catalog.datastores();
  }

  /** The root directory of a datastore. */
  public Path datastoreRoot(String name) throws WorkspaceException {
    return catalog.datastoreRoot(name);
  }

  @Override
  public List<DatastoreEntry> browse(String datastore, String folder) throws WorkspaceException {
    return catalog.browse(datastore, folder);
  }

  @Override
  public DatasetVersion registerDataset(String name, DatasetKind kind, String datastore, String path, char delimiter)
      throws WorkspaceException {
    return catalog.registerDataset(name, kind, datastore, path, delimiter);
  }

  @Override
  public DatasetPreview previewDataset(String name, Integer version, int maxRows) throws WorkspaceException {
    return catalog.previewDataset(name, version, maxRows);
  }

  @Override
  public DatasetPreview previewDatastorePath(String datastore, String path, char delimiter, int maxRows)
      throws WorkspaceException {
    return catalog.previewDatastorePath(datastore, path, delimiter, maxRows);
  }

  @Override
  public List<DatasetVersion> datasets() throws WorkspaceException {
    return catalog.datasets();
  }

  // ---- runs: RunOrchestrator and HistoryQueries ---------------------------------------------

  @Override
  public RunHandle submit(Pipeline pipeline, SubmitOptions options) throws WorkspaceException {
    return runs.submit(pipeline, options);
  }

  @Override
  public List<RunSummary> runs(int limit) throws WorkspaceException {
    return history.runs(limit);
  }

  /** A page of the history, paged, filtered and counted in the database. */
  @Override
  public RunPage runs(RunQuery query) throws WorkspaceException {
    return history.runs(query);
  }

  @Override
  public List<ExperimentSummary> experiments() throws WorkspaceException {
    return history.experiments();
  }

  @Override
  public Optional<String> recordedPipeline(String runId) throws WorkspaceException {
    return history.recordedPipeline(runId);
  }

  @Override
  public StepDetails stepDetails(String runId, String stepId) throws WorkspaceException {
    return history.stepDetails(runId, stepId);
  }

  @Override
  public Optional<RunSummary> run(String runId) throws WorkspaceException {
    return history.run(runId);
  }

  @Override
  public List<ChildRun> childRuns(String runId) throws WorkspaceException {
    return history.childRuns(runId);
  }

  @Override
  public DatasetPreview previewOutput(String runId, String stepId, String port, int maxRows) throws WorkspaceException {
    ChildRun child = childRuns(runId).stream().filter(c -> c.stepId().equals(stepId)).findFirst()
        .orElseThrow(() -> new WorkspaceException("run " + runId + " has no step '" + stepId + "'"));
    return OutputPreview.of(child, port, maxRows, this::compute);
  }

  /** Every status transition of a run, oldest first. */
  public List<String> transitions(String runId) throws WorkspaceException {
    return history.transitions(runId);
  }

  @Override
  public List<String> logStreams(String runId, String stepId) {
    return history.logStreams(runId, stepId);
  }

  @Override
  public LogStream log(String runId, String stepId, String stream) throws WorkspaceException {
    return history.log(runId, stepId, stream);
  }

  /** The directory of a run's step (work, inputs, outputs, logs). */
  public Path stepDirectory(String runId, String stepId) {
    return history.stepDirectory(runId, stepId);
  }

  /** The warm Spark drivers, where SQL steps of runs submitted with warm Spark run. */
  @Override
  public Optional<io.pipewright.workspace.WarmSpark> warmSpark() {
    return Optional.of(warmDrivers);
  }

  /**
   * Cancels the runs still in progress (up to 10 seconds each), stops the warm Spark drivers (up to
   * 5 seconds each), then closes the history.
   */
  @Override
  public void close() {
    runs.close();
    warmDrivers.close();
    store.close();
  }
}
