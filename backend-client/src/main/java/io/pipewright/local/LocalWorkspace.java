package io.pipewright.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pipewright.model.Capacity;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.Edge;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.model.SynapseNodeSize;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeLauncher;
import io.pipewright.workspace.ComputeSetting;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import io.pipewright.workspace.ConnectionTester;
import io.pipewright.workspace.DatasetPreview;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.Datastore;
import io.pipewright.workspace.DatastoreEntry;
import io.pipewright.workspace.FieldProblem;
import io.pipewright.workspace.InvalidFieldsException;
import io.pipewright.workspace.JavaHome;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.PasswordPrompt;
import io.pipewright.workspace.Passwords;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.Workspace;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded workspace: a directory (default {@code ~/.pipewright}, or {@code
 * PIPEWRIGHT_HOME}) with a SQLite history, datastores and per-run directories. Runs execute on
 * this machine: Spark steps on the bundled Spark in local mode, script steps as processes.
 *
 * <p>Opening it recovers from a Pipewright that died mid-run: runs whose owning process is gone
 * are marked Failed, their leftover step processes killed, and finished steps keep their results.
 */
public final class LocalWorkspace implements Workspace {

  private static final Logger LOG = LoggerFactory.getLogger(LocalWorkspace.class);
  public static final String DEFAULT_DATASTORE = "default";
  public static final String HOME_VARIABLE = "PIPEWRIGHT_HOME";

  private final WorkspaceLayout layout;
  private final HistoryStore store;
  private final ObjectMapper json = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private final Map<String, ComputeLauncher> launchers = new ConcurrentHashMap<>();
  private final Set<LocalRun> active = ConcurrentHashMap.newKeySet();
  private final SecureRandom random = new SecureRandom();
  private final FileHashes fileHashes;
  /** Testers of remote kinds, found as services so that this package needs no network backend. */
  private final Map<String, ConnectionTester> connectionTesters = new HashMap<>();
  /** Backends of remote kinds (standalone, Livy), found as services likewise. */
  private final Map<String, RemoteBackend> remoteBackends = new HashMap<>();
  private final Passwords passwords = new Passwords();
  private volatile RemoteBackend.Context remoteContext;
  static final java.time.Duration CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(3);

  private LocalWorkspace(WorkspaceLayout layout, HistoryStore store) {
    this.layout = layout;
    this.store = store;
    this.fileHashes = new FileHashes(store);
    for (ConnectionTester tester : java.util.ServiceLoader.load(ConnectionTester.class, LocalWorkspace.class.getClassLoader())) {
      connectionTesters.putIfAbsent(tester.kind(), tester);
    }
    for (RemoteBackend backend : java.util.ServiceLoader.load(RemoteBackend.class, LocalWorkspace.class.getClassLoader())) {
      remoteBackends.putIfAbsent(backend.kind(), backend);
      connectionTesters.putIfAbsent(backend.kind(), backend);
    }
    launchers.put(ComputeTarget.LOCAL_SPARK, new LocalSparkLauncher(UserCache.directory()));
    launchers.put(ComputeTarget.LOCAL_PROCESS, new LocalProcessLauncher());
  }

  /** {@code PIPEWRIGHT_HOME}, else {@code ~/.pipewright}. */
  public static Path defaultHome() {
    String env = System.getenv(HOME_VARIABLE);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".pipewright");
  }

  /** Opens (creating it on first use) the workspace at {@code home}. */
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
      workspace.seed();
      workspace.recover();
    } catch (SQLException e) {
      store.close();
      throw new WorkspaceException("cannot prepare the run history " + layout.database() + ": " + e.getMessage(), e);
    }
    return workspace;
  }

  private void seed() throws SQLException {
    Instant now = Instant.now();
    int cores = Runtime.getRuntime().availableProcessors();
    ComputeTarget spark = new ComputeTarget(ComputeTarget.LOCAL_SPARK, ComputeTarget.LOCAL_SPARK,
        Map.of("cores", Integer.toString(cores), "jvmOptions", LocalSparkLauncher.DEFAULT_JVM_OPTIONS));
    ComputeTarget process = new ComputeTarget(ComputeTarget.LOCAL_PROCESS, ComputeTarget.LOCAL_PROCESS, Map.of());
    store.addComputeIfAbsent(spark, json(spark.settings()), now);
    store.addComputeIfAbsent(process, json(process.settings()), now);
    store.addDatastoreIfAbsent(DEFAULT_DATASTORE, "local",
        layout.datastores().resolve(DEFAULT_DATASTORE).toString(), true, now);
  }

  /**
   * Finishes runs left unfinished by a process that died: kills their leftover step processes,
   * marks running steps Failed and pending ones not run, and the run Failed.
   */
  private void recover() throws SQLException {
    for (HistoryStore.UnfinishedRun run : store.unfinishedRuns()) {
      if (isAlive(run.ownerPid(), run.ownerStarted())) {
        continue; // still running in its process (perhaps this one, through another workspace object)
      }
      Instant now = Instant.now();
      String why = "Pipewright (process " + run.ownerPid() + ") stopped while the run was in progress";
      for (HistoryStore.ChildProcess child : store.childProcesses(run.runId())) {
        if (child.status().isFinal()) {
          continue;
        }
        if (child.pid() > 0 && isAlive(child.pid(), child.pidStarted())) {
          ProcessHandle.of(child.pid()).ifPresent(ProcessStep::killTree);
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

  FileHashes fileHashes() {
    return fileHashes;
  }

  public Path home() {
    return layout.home();
  }

  @Override
  public String description() {
    return layout.home().toString();
  }

  // ---- computes, datastores, datasets --------------------------------------------------------

  @Override
  public List<ComputeTarget> computes() throws WorkspaceException {
    try {
      List<ComputeTarget> list = new ArrayList<>();
      for (HistoryStore.ComputeRow row : store.computes()) {
        list.add(new ComputeTarget(row.name(), row.kind(), jsonMap(row.settingsJson())));
      }
      return list;
    } catch (SQLException e) {
      throw historyError(e);
    }
  }

  @Override
  public ComputeTarget attachCompute(String name, String kind, Map<String, String> settings) throws WorkspaceException {
    List<FieldProblem> problems = new ArrayList<>();
    ComputeKind.checkName(name).ifPresent(m -> problems.add(new FieldProblem(FieldProblem.NAME, m)));
    Optional<ComputeKind> computeKind = ComputeKind.of(kind);
    if (computeKind.isEmpty()) {
      problems.add(new FieldProblem("kind", "there is no compute kind '" + kind + "' (kinds: "
          + String.join(", ", ComputeKind.all().stream().map(ComputeKind::id).toList()) + ")"));
      throw new InvalidFieldsException(problems);
    }
    Map<String, String> values = given(settings == null ? Map.of() : settings);
    problems.addAll(computeKind.get().check(values));
    problems.addAll(linkedServiceProblems(kind, values.get("linkedService")));
    if (problems.isEmpty() && compute(name).isPresent()) {
      problems.add(nameTaken(name));
    }
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    ComputeTarget target = new ComputeTarget(name, kind, values);
    try {
      if (!store.addCompute(target, json(target.settings()), Instant.now())) {
        throw new InvalidFieldsException(List.of(nameTaken(name)));
      }
    } catch (SQLException e) {
      throw historyError(e);
    }
    return target;
  }

  private static FieldProblem nameTaken(String name) {
    return new FieldProblem(FieldProblem.NAME, "a compute target named '" + name + "' already exists: choose another name");
  }

  /** The values that were given: blank ones dropped, except an empty jvmOptions, which means none. */
  private static Map<String, String> given(Map<String, String> settings) {
    Map<String, String> values = new TreeMap<>();
    settings.forEach((key, value) -> {
      if (value != null && !value.isBlank()) {
        values.put(key, value);
      } else if ("jvmOptions".equals(key)) {
        values.put(key, "");
      }
    });
    return values;
  }

  private List<FieldProblem> linkedServiceProblems(String kind, String linkedService) throws WorkspaceException {
    if (!ComputeKind.SYNAPSE_SPARK_POOL.equals(kind) || linkedService == null || linkedService.isBlank()) {
      return List.of();
    }
    List<LinkedService> services = linkedServices();
    if (services.stream().anyMatch(l -> l.name().equals(linkedService))) {
      return List.of();
    }
    return List.of(new FieldProblem("linkedService", "there is no linked service '" + linkedService + "'"
        + (services.isEmpty() ? ": add the Synapse workspace's linked service first"
            : " (there are: " + String.join(", ", services.stream().map(LinkedService::name).toList()) + ")")));
  }

  /**
   * Changes settings of a compute target; an empty value removes a setting (an empty {@code
   * jvmOptions} means none). Values are checked (cores 1 to this machine's, javaHome a Java 17–21,
   * sparkHome a Spark home, URLs with scheme, host and port) before anything is saved.
   */
  @Override
  public ComputeTarget updateCompute(String name, Map<String, String> changes) throws WorkspaceException {
    ComputeTarget target = compute(name).orElseThrow(() -> unknownCompute(name));
    ComputeKind kind = ComputeKind.of(target.kind()).orElseThrow(() -> new WorkspaceException(
        "compute '" + name + "' is of kind '" + target.kind() + "', which this version of Pipewright does not know"));
    Map<String, String> settings = new TreeMap<>(target.settings());
    List<FieldProblem> problems = new ArrayList<>();
    for (Map.Entry<String, String> change : new TreeMap<>(changes).entrySet()) {
      String key = change.getKey();
      String value = change.getValue() == null ? "" : change.getValue().strip();
      Optional<ComputeSetting> setting = kind.setting(key);
      if (setting.isEmpty()) {
        problems.add(new FieldProblem(key, kind.check(key, value).orElseThrow()));
        continue;
      }
      setting.get().check(value).ifPresent(m -> problems.add(new FieldProblem(key, m)));
      if (value.isEmpty() && !key.equals("jvmOptions")) {
        settings.remove(key);
      } else {
        settings.put(key, value);
      }
    }
    if (changes.containsKey("linkedService")) {
      problems.addAll(linkedServiceProblems(target.kind(), settings.get("linkedService")));
    }
    if (problems.isEmpty()) {
      kind.check(settings).stream().filter(p -> !changes.containsKey(p.field()) || p.field().equals("user"))
          .filter(p -> p.message().contains("required with")).forEach(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    try {
      store.setComputeSettings(name, json(settings));
    } catch (SQLException e) {
      throw historyError(e);
    }
    return new ComputeTarget(name, target.kind(), settings);
  }

  @Override
  public void detachCompute(String name) throws WorkspaceException {
    ComputeTarget target = compute(name).orElseThrow(() -> unknownCompute(name));
    if (target.isBuiltIn()) {
      throw new WorkspaceException("'" + name + "' is built in: it is how steps run on this machine"
          + (ComputeTarget.LOCAL_SPARK.equals(name) ? " with Spark" : " as processes")
          + ", and cannot be detached (change its settings instead)");
    }
    for (LocalRun run : active) {
      if (run.usesCompute(name)) {
        throw new WorkspaceException("'" + name + "' cannot be detached while run " + run.runId() + " uses it");
      }
    }
    try {
      store.removeCompute(name);
    } catch (SQLException e) {
      throw historyError(e);
    }
  }

  private static WorkspaceException unknownCompute(String name) {
    return new WorkspaceException("there is no compute target '" + name + "' (see: pipewright computes list)");
  }

  @Override
  public ConnectionTest testConnection(ComputeTarget target) {
    Optional<ComputeKind> kind = ComputeKind.of(target.kind());
    if (kind.isEmpty()) {
      return ConnectionTest.failed("there is no compute kind '" + target.kind() + "'", List.of());
    }
    List<FieldProblem> problems = kind.get().check(target.settings());
    if (!problems.isEmpty()) {
      return ConnectionTest.failed("the settings are not valid, so nothing was tried",
          problems.stream().map(FieldProblem::message).toList());
    }
    switch (target.kind()) {
      case ComputeTarget.LOCAL_SPARK:
        return testLocalSpark(target);
      case ComputeTarget.LOCAL_PROCESS:
        return ConnectionTest.ok("steps run as processes on this machine (" + System.getProperty("os.name") + ", "
            + Runtime.getRuntime().availableProcessors() + " cores)", List.of());
      default:
        ConnectionTester tester = connectionTesters.get(target.kind());
        if (tester == null) {
          return ConnectionTest.notAvailableYet("connecting to a " + kind.get().label() + " comes with the remote"
              + " backends: the target is saved and pipelines can name it, but Pipewright cannot reach it yet");
        }
        ConnectionTest test = tester instanceof RemoteBackend backend
            ? backend.test(target, CONNECTION_TIMEOUT, remoteContext()) : tester.test(target, CONNECTION_TIMEOUT);
        if (test.isOk()) {
          rememberTested(target);
        }
        return test;
    }
  }

  /** Records a passed test when the tested settings are those the attached target has. */
  private void rememberTested(ComputeTarget tested) {
    try {
      Optional<ComputeTarget> attached = compute(tested.name());
      if (attached.isPresent() && attached.get().kind().equals(tested.kind())
          && attached.get().settings().equals(tested.settings())) {
        store.setComputeTested(tested.name(), Instant.now());
      }
    } catch (WorkspaceException | SQLException e) {
      LOG.warn("cannot record the connection test of {}: {}", tested.name(), e.getMessage());
    }
  }

  @Override
  public Set<String> testedComputes() throws WorkspaceException {
    Set<String> tested = new java.util.TreeSet<>(history(store::testedComputes));
    tested.add(ComputeTarget.LOCAL_SPARK);
    tested.add(ComputeTarget.LOCAL_PROCESS);
    return tested;
  }

  @Override
  public void setPasswordPrompt(PasswordPrompt prompt) {
    passwords.setPrompt(prompt);
  }

  /**
   * What remote launchers get from this workspace: Pipewright's SQL driver jar and Spark version of
   * the bundled runtime (null and "unknown" when it is missing: SQL steps then fail saying so).
   */
  private RemoteBackend.Context remoteContext() {
    RemoteBackend.Context context = remoteContext;
    if (context == null) {
      Path driver = null;
      String version = "unknown";
      try {
        SparkRuntime runtime = SparkRuntime.locate(null, null);
        driver = runtime.sqlDriverJar();
        version = runtime.sparkVersion();
      } catch (WorkspaceException e) {
        LOG.warn("no Spark runtime for remote SQL steps: {}", e.getMessage());
      }
      context = new RemoteBackend.Context(driver, version, passwords);
      remoteContext = context;
    }
    return context;
  }

  private static ConnectionTest testLocalSpark(ComputeTarget target) {
    try {
      SparkRuntime runtime = SparkRuntime.locate(target.setting("sparkHome").orElse(null),
          target.setting("javaHome").orElse(null));
      Path javaHome = runtime.java().getParent().getParent();
      String javaVersion = JavaHome.fullVersion(javaHome).orElse("unknown version");
      return ConnectionTest.ok("Spark " + runtime.sparkVersion() + " runs on Java " + javaVersion, List.of(
          "Spark home: " + runtime.home(),
          "Spark version: " + runtime.sparkVersion(),
          "Java for Spark: " + runtime.java() + " (Java " + javaVersion + ")",
          "cores: " + LocalSparkLauncher.maxCores(target) + " of this machine's " + Runtime.getRuntime().availableProcessors()));
    } catch (WorkspaceException e) {
      return ConnectionTest.failed(e.getMessage(), List.of());
    }
  }

  @Override
  public Optional<Capacity> capacityOf(ComputeTarget target) {
    if (ComputeTarget.LOCAL_SPARK.equals(target.kind())) {
      return Optional.of(Capacity.localMachine(LocalSparkLauncher.maxCores(target), physicalMemory()));
    }
    RemoteBackend backend = remoteBackends.get(target.kind());
    if (backend != null) {
      return backend.capacity(target, CONNECTION_TIMEOUT);
    }
    if (ComputeKind.SYNAPSE_SPARK_POOL.equals(target.kind())) {
      Optional<SynapseNodeSize> size = target.setting("nodeSize").flatMap(SynapseNodeSize::fromLabel);
      Optional<Integer> count = target.setting("nodeCount").flatMap(LocalWorkspace::wholeNumber);
      if (size.isPresent() && count.isPresent()) {
        return Optional.of(Capacity.synapsePool(size.get(), count.get()));
      }
    }
    return Optional.empty();
  }

  private static Optional<Integer> wholeNumber(String text) {
    try {
      return Optional.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** This machine's physical memory, or the JVM's maximum heap where the platform does not say. */
  static long physicalMemory() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getTotalMemorySize();
    }
    return Runtime.getRuntime().maxMemory();
  }

  // ---- linked services ----------------------------------------------------------------------

  @Override
  public List<LinkedService> linkedServices() throws WorkspaceException {
    List<LinkedService> list = new ArrayList<>();
    for (HistoryStore.LinkedServiceRow row : history(store::linkedServices)) {
      Map<String, String> settings = jsonMap(row.settingsJson());
      list.add(new LinkedService(row.name(), settings.get("subscriptionId"), settings.get("resourceGroup"),
          settings.get("synapseWorkspace")));
    }
    return list;
  }

  @Override
  public LinkedService addLinkedService(LinkedService service) throws WorkspaceException {
    List<FieldProblem> problems = new ArrayList<>(service.problems());
    if (problems.isEmpty() && linkedServices().stream().anyMatch(l -> l.name().equals(service.name()))) {
      problems.add(linkedServiceTaken(service.name()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    Map<String, String> settings = new TreeMap<>(Map.of("subscriptionId", service.subscriptionId(),
        "resourceGroup", service.resourceGroup(), "synapseWorkspace", service.synapseWorkspace()));
    if (!history(() -> store.addLinkedService(service.name(), LinkedService.KIND, json(settings), Instant.now()))) {
      throw new InvalidFieldsException(List.of(linkedServiceTaken(service.name())));
    }
    return service;
  }

  private static FieldProblem linkedServiceTaken(String name) {
    return new FieldProblem(FieldProblem.NAME, "a linked service named '" + name + "' already exists: choose another name");
  }

  @Override
  public void removeLinkedService(String name) throws WorkspaceException {
    if (linkedServices().stream().noneMatch(l -> l.name().equals(name))) {
      throw new WorkspaceException("there is no linked service '" + name + "'");
    }
    List<String> users = computes().stream()
        .filter(c -> ComputeKind.SYNAPSE_SPARK_POOL.equals(c.kind()))
        .filter(c -> name.equals(c.settings().get("linkedService")))
        .map(ComputeTarget::name)
        .toList();
    if (!users.isEmpty()) {
      throw new WorkspaceException("linked service '" + name + "' cannot be removed while Synapse pool "
          + (users.size() == 1 ? "target " : "targets ") + String.join(", ", users) + " use" + (users.size() == 1 ? "s" : "")
          + " it: detach " + (users.size() == 1 ? "that target" : "those targets") + " first");
    }
    history(() -> store.removeLinkedService(name));
  }

  Optional<ComputeTarget> compute(String name) throws WorkspaceException {
    return computes().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * The compute each step runs on, by step id, checked against the launchers; one history read.
   * {@code sparkTarget}, when given, replaces the compute of every Spark step.
   */
  private Map<String, ComputeTarget> computesOf(Pipeline pipeline, String sparkTarget) throws WorkspaceException {
    Map<String, ComputeTarget> byName = new HashMap<>();
    for (ComputeTarget target : computes()) {
      byName.put(target.name(), target);
    }
    if (sparkTarget != null && (!byName.containsKey(sparkTarget) || !byName.get(sparkTarget).runsSpark())) {
      throw new WorkspaceException((byName.containsKey(sparkTarget)
          ? "compute '" + sparkTarget + "' (" + byName.get(sparkTarget).kind() + ") does not run Spark"
          : "there is no compute target '" + sparkTarget + "'") + ": Spark steps can run on "
          + String.join(", ", byName.values().stream().filter(ComputeTarget::runsSpark).map(ComputeTarget::name).toList()));
    }
    Map<String, ComputeTarget> byStep = new HashMap<>();
    for (Step step : pipeline.steps()) {
      String name = sparkTarget != null && step.isSpark() ? sparkTarget : ComputeTarget.nameFor(pipeline, step);
      ComputeTarget target = byName.get(name);
      if (target == null) {
        throw new WorkspaceException("step '" + step.name() + "' runs on compute '" + name
            + "', which this workspace does not have (see: pipewright computes list)");
      }
      launcherFor(step, target);
      byStep.put(step.id(), target);
    }
    return byStep;
  }

  ComputeLauncher launcherFor(Step step, ComputeTarget target) throws WorkspaceException {
    if (step.kind() instanceof ScriptStep
        && (target.kind().equals(ComputeTarget.LOCAL_SPARK) || target.kind().equals(ComputeTarget.LOCAL_PROCESS))) {
      return launchers.get(ComputeTarget.LOCAL_PROCESS);
    }
    ComputeLauncher launcher = launchers.get(target.kind());
    if (launcher == null && remoteBackends.containsKey(target.kind())) {
      launcher = launchers.computeIfAbsent(target.kind(), k -> remoteBackends.get(k).launcher(remoteContext()));
    }
    if (launcher == null) {
      throw new WorkspaceException("compute '" + target.name() + "' is a " + target.kind()
          + " target, which the embedded workspace cannot run yet");
    }
    if (step.isSpark() && !target.runsSpark()) {
      throw new WorkspaceException("step '" + step.name() + "' is a Spark step but compute '" + target.name()
          + "' (" + target.kind() + ") does not run Spark");
    }
    return launcher;
  }

  /**
   * The cores local steps share: the local-spark compute's {@code cores} (the machine's by
   * default). A run starts a ready step only while the cores it needs are free.
   */
  int localCores() {
    try {
      return compute(ComputeTarget.LOCAL_SPARK).map(LocalSparkLauncher::maxCores)
          .orElse(Runtime.getRuntime().availableProcessors());
    } catch (WorkspaceException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }

  /** What identifies the Spark a step runs on, for fingerprints. */
  String sparkRuntimeIdentity(ComputeTarget target) {
    String home = target.setting("sparkHome").orElseGet(() -> Optional.ofNullable(System.getProperty(
        SparkRuntime.HOME_PROPERTY)).orElse(Optional.ofNullable(System.getenv(SparkRuntime.HOME_VARIABLE)).orElse("")));
    Path driver = Path.of(home, "pipewright", "pipewright-spark-driver.jar");
    String driverHash = Files.isRegularFile(driver) ? fileHashes.of(driver) : "none";
    try (Stream<Path> jars = Files.list(Path.of(home, "jars"))) {
      return "jars=" + jars.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("spark-core_")).toList()
          + " driver=" + driverHash;
    } catch (IOException e) {
      return "unknown:" + home;
    }
  }

  /** The root directory of a datastore. */
  public Path datastoreRoot(String name) throws WorkspaceException {
    try {
      String root = store.datastoreRoots().get(name);
      if (root == null) {
        throw new WorkspaceException("datastore '" + name + "' does not exist in this workspace (it has: "
            + String.join(", ", store.datastoreRoots().keySet()) + ")");
      }
      return Path.of(root);
    } catch (SQLException e) {
      throw historyError(e);
    }
  }

  @Override
  public List<Datastore> datastores() throws WorkspaceException {
    return history(() -> store.datastores().stream()
        .map(row -> new Datastore(row.name(), row.kind(), row.root(), row.isDefault()))
        .toList());
  }

  @Override
  public List<DatastoreEntry> browse(String datastore, String folder) throws WorkspaceException {
    Path root = datastoreRoot(datastore);
    Path directory = DatastorePaths.resolve(root, datastore, folder);
    if (!Files.isDirectory(directory)) {
      throw new WorkspaceException("'" + folder + "' is not a folder of datastore '" + datastore + "'");
    }
    List<DatastoreEntry> entries = new ArrayList<>();
    try (Stream<Path> children = Files.list(directory)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        java.nio.file.attribute.BasicFileAttributes attributes =
            Files.readAttributes(child, java.nio.file.attribute.BasicFileAttributes.class);
        entries.add(new DatastoreEntry(DatastorePaths.relative(root, child), child.getFileName().toString(),
            attributes.isDirectory(), attributes.isDirectory() ? 0 : attributes.size(),
            attributes.lastModifiedTime().toInstant()));
      }
    } catch (IOException e) {
      throw new WorkspaceException("cannot list " + directory + ": " + e.getMessage(), e);
    }
    entries.sort(java.util.Comparator.comparing((DatastoreEntry e) -> !e.folder()).thenComparing(DatastoreEntry::name));
    return entries;
  }

  /** Dataset names: a letter or digit first, then letters, digits, '-', '_' or '.'; at most 128. */
  private static final java.util.regex.Pattern DATASET_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  @Override
  public DatasetVersion registerDataset(String name, DatasetKind kind, String datastore, String path, char delimiter)
      throws WorkspaceException {
    if (name == null || !DATASET_NAME.matcher(name).matches()) {
      throw InvalidFieldsException.of(FieldProblem.NAME, "dataset name '" + name + "' is not allowed: use letters,"
          + " digits, '.', '-' or '_', starting with a letter or digit, at most 128");
    }
    if (kind == DatasetKind.TABULAR) {
      checkDelimiter(delimiter);
    }
    Path root = datastoreRoot(datastore);
    Path data = DatastorePaths.resolve(root, datastore, path);
    if (!Files.exists(data)) {
      throw InvalidFieldsException.of("path", "datastore '" + datastore + "' has no file or folder '" + path + "'");
    }
    if (data.equals(root)) {
      throw InvalidFieldsException.of("path", "choose a file or folder inside datastore '" + datastore
          + "', not the whole datastore");
    }
    if (kind == DatasetKind.TABULAR) {
      DelimitedText.preview(data, delimiter, 0); // reads the header: refuses what is not delimited text
    }
    Character stored = kind == DatasetKind.TABULAR ? delimiter : null;
    return history(() -> store.registerDataset(name, kind.wireName(), data.toString(), null, null, Instant.now(), stored));
  }

  private static void checkDelimiter(char delimiter) throws InvalidFieldsException {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw InvalidFieldsException.of("delimiter", "the delimiter cannot be a quote or a line break");
    }
  }

  @Override
  public DatasetPreview previewDataset(String name, Integer version, int maxRows) throws WorkspaceException {
    checkRows(maxRows);
    DatasetVersion dataset = history(() -> store.dataset(name, version)).orElseThrow(() -> new WorkspaceException(
        "dataset '" + name + "'" + (version == null ? "" : " version " + version) + " is not registered in this workspace"));
    if (!DatasetKind.TABULAR.wireName().equals(dataset.kind())) {
      throw new WorkspaceException("dataset '" + name + "' version " + dataset.version() + " is a " + dataset.kind()
          + " dataset: only tabular datasets have rows to preview");
    }
    Path location = Path.of(dataset.location());
    if (!Files.exists(location)) {
      throw new WorkspaceException("dataset '" + name + "' version " + dataset.version() + " is gone: "
          + location + " does not exist any more");
    }
    return DelimitedText.preview(location, dataset.delimiterOrDefault(), maxRows);
  }

  @Override
  public DatasetPreview previewDatastorePath(String datastore, String path, char delimiter, int maxRows)
      throws WorkspaceException {
    checkRows(maxRows);
    checkDelimiter(delimiter);
    Path data = DatastorePaths.resolve(datastoreRoot(datastore), datastore, path);
    if (!Files.exists(data)) {
      throw new WorkspaceException("datastore '" + datastore + "' has no file or folder '" + path + "'");
    }
    return DelimitedText.preview(data, delimiter, maxRows);
  }

  private static void checkRows(int maxRows) throws WorkspaceException {
    if (maxRows < 0 || maxRows > 10_000) {
      throw new WorkspaceException("a preview shows 0 to 10000 rows, not " + maxRows);
    }
  }

  @Override
  public List<DatasetVersion> datasets() throws WorkspaceException {
    return history(() -> store.datasets());
  }

  // ---- runs ---------------------------------------------------------------------------------

  @Override
  public RunHandle submit(Pipeline pipeline, SubmitOptions options) throws WorkspaceException {
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
    Map<String, ComputeTarget> targets = computesOf(pipeline, options.sparkTarget());
    warmUpSpark(pipeline, targets);
    String runId = newRunId();
    String experiment = options.experiment() == null || options.experiment().isBlank()
        ? pipeline.id() : options.experiment();
    List<HistoryStore.NewChild> children = new ArrayList<>();
    Map<String, Step> steps = new HashMap<>();
    pipeline.steps().forEach(step -> steps.put(step.id(), step));
    for (String id : order) {
      children.add(new HistoryStore.NewChild(id, steps.get(id).name(), targets.get(id).name()));
    }
    ProcessHandle self = ProcessHandle.current();
    long selfStarted = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    try {
      store.insertRun(new HistoryStore.NewRun(runId, experiment, pipeline.id(), pipeline.name(),
          options.pipelineFile().toAbsolutePath().toString(), PipelineFormat.write(pipeline), json(parameters),
          self.pid(), selfStarted, children), Instant.now());
      Files.createDirectories(layout.run(runId));
    } catch (SQLException e) {
      throw historyError(e);
    } catch (IOException e) {
      throw new WorkspaceException("cannot create the run directory " + layout.run(runId) + ": " + e.getMessage(), e);
    }
    LocalRun run = new LocalRun(this, store, layout, runId, pipeline, options, parameters, order, targets);
    active.add(run);
    run.start();
    return run;
  }

  /**
   * Lets the local Spark launcher find the runtime and name the class-data archive in the
   * background while the run is recorded and its first steps fingerprinted.
   */
  private void warmUpSpark(Pipeline pipeline, Map<String, ComputeTarget> targets) {
    if (!(launchers.get(ComputeTarget.LOCAL_SPARK) instanceof LocalSparkLauncher spark)) {
      return;
    }
    for (Step step : pipeline.steps()) {
      ComputeTarget target = targets.get(step.id());
      if (step.kind() instanceof SparkStep s && !(s.entry() instanceof SparkEntry.Python)
          && ComputeTarget.LOCAL_SPARK.equals(target.kind())) {
        spark.warmUp(target);
      }
    }
  }

  void runEnded(LocalRun run) {
    active.remove(run);
  }

  /** Steps in an order where every step comes after the steps it reads from; rejects cycles. */
  static List<String> topologicalOrder(Pipeline pipeline) throws WorkspaceException {
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
      Set<String> ordered = new java.util.HashSet<>(order);
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

  @Override
  public List<RunSummary> runs(int limit) throws WorkspaceException {
    return history(() -> store.runs(limit));
  }

  @Override
  public Optional<RunSummary> run(String runId) throws WorkspaceException {
    return history(() -> store.run(runId));
  }

  @Override
  public List<ChildRun> childRuns(String runId) throws WorkspaceException {
    return history(() -> store.childRuns(runId));
  }

  /** Every status transition of a run, oldest first. */
  public List<String> transitions(String runId) throws WorkspaceException {
    return history(() -> store.transitions(runId).stream()
          .map(t -> t.at() + " " + (t.stepId() == null ? "run" : t.stepId()) + " " + t.status().label()
              + (t.message() == null ? "" : " — " + t.message()))
          .toList());
  }

  @Override
  public List<String> logStreams(String runId, String stepId) {
    Path logs = layout.logs(runId, stepId);
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(logs)) {
      return files.filter(Files::isRegularFile).map(p -> logs.relativize(p).toString().replace('\\', '/')).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  @Override
  public LogStream log(String runId, String stepId, String stream) throws WorkspaceException {
    if (stream.contains("..")) {
      throw new WorkspaceException("invalid log stream name: " + stream);
    }
    return new FileLogStream(stream, layout.log(runId, stepId, stream));
  }

  /** The directory of a run's step (work, inputs, outputs, logs). */
  public Path stepDirectory(String runId, String stepId) {
    return layout.step(runId, stepId);
  }

  @Override
  public void close() {
    for (LocalRun run : List.copyOf(active)) {
      run.cancel();
      try {
        run.await(java.time.Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    store.close();
  }

  // ---- helpers ------------------------------------------------------------------------------

  String json(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  Map<String, String> jsonMap(String text) {
    try {
      return json.readValue(text, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  private interface HistoryQuery<T> {
    T get() throws SQLException;
  }

  /** Reads the history, turning its failures into a user-facing error. */
  private static <T> T history(HistoryQuery<T> query) throws WorkspaceException {
    try {
      return query.get();
    } catch (SQLException e) {
      throw historyError(e);
    }
  }

  private static WorkspaceException historyError(SQLException e) {
    return new WorkspaceException("the run history failed: " + e.getMessage(), e);
  }
}
