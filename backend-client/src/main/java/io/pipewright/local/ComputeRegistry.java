package io.pipewright.local;

import io.pipewright.model.Capacity;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.Step;
import io.pipewright.model.SynapseNodeSize;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeLauncher;
import io.pipewright.workspace.ComputeSetting;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import io.pipewright.workspace.ConnectionTester;
import io.pipewright.workspace.FieldProblem;
import io.pipewright.workspace.InvalidFieldsException;
import io.pipewright.workspace.JavaHome;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.PasswordPrompt;
import io.pipewright.workspace.Passwords;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compute targets of the embedded workspace and how to reach them: the targets and linked
 * services kept in the history (list, attach, update, detach), connection tests, capacity, and the
 * launcher of each compute kind. The built-in kinds run on this machine; remote kinds (standalone,
 * Livy) are {@link RemoteBackend} services found by {@link ServiceLoader}, so this package needs no
 * network code. Passwords for remote targets are asked through the {@link PasswordPrompt} once per
 * session and kept in memory only.
 */
final class ComputeRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(ComputeRegistry.class);
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

  private final HistoryStore store;
  private final LocalSparkLauncher localSpark = new LocalSparkLauncher(UserCache.directory());
  private final Map<String, ComputeLauncher> launchers = new ConcurrentHashMap<>();
  /** Testers of remote kinds, found as services so that this package needs no network backend. */
  private final Map<String, ConnectionTester> connectionTesters = new HashMap<>();
  /** Backends of remote kinds (standalone, Livy), found as services likewise. */
  private final Map<String, RemoteBackend> remoteBackends = new HashMap<>();
  private final Passwords passwords = new Passwords();
  /** Work waiting for an Azure session (see {@link #whenSignedInToAzure}). */
  private final List<Runnable> afterSignIn = new ArrayList<>();
  /** Services that run a whole pipeline (Azure ML), found as services likewise. */
  private final List<io.pipewright.workspace.PipelineBackend> pipelineBackends = new ArrayList<>();
  /** The session's Azure sign-in; launchers see it through {@link #azure}, so that signing in later reaches them. */
  private volatile AzureSession azureSession = AzureSession.NONE;
  private final AzureSession azure = new AzureSession() {
    @Override
    public String token(String scope, boolean refresh) throws java.io.IOException {
      return azureSession.token(scope, refresh);
    }

    @Override
    public java.util.Optional<Account> account() {
      return azureSession.account();
    }

    @Override
    public java.net.URI managementUrl() {
      return azureSession.managementUrl();
    }

    @Override
    public java.net.URI endpoint(java.net.URI documented) {
      return azureSession.endpoint(documented);
    }
  };
  private volatile RemoteBackend.Context remoteContext;

  ComputeRegistry(HistoryStore store) {
    this.store = store;
    // A backend tests its own kind; a plain tester serves only kinds no backend runs yet.
    for (RemoteBackend backend : ServiceLoader.load(RemoteBackend.class, ComputeRegistry.class.getClassLoader())) {
      remoteBackends.putIfAbsent(backend.kind(), backend);
      connectionTesters.putIfAbsent(backend.kind(), backend);
    }
    for (ConnectionTester tester : ServiceLoader.load(ConnectionTester.class, ComputeRegistry.class.getClassLoader())) {
      connectionTesters.putIfAbsent(tester.kind(), tester);
    }
    ServiceLoader.load(io.pipewright.workspace.PipelineBackend.class, ComputeRegistry.class.getClassLoader())
        .forEach(pipelineBackends::add);
    launchers.put(ComputeTarget.LOCAL_SPARK, localSpark);
    launchers.put(ComputeTarget.LOCAL_PROCESS, new LocalProcessLauncher());
  }

  /** Adds the built-in targets (local Spark with this machine's cores, local processes) when missing. */
  void seed(Instant now) throws SQLException {
    int cores = Runtime.getRuntime().availableProcessors();
    ComputeTarget spark = new ComputeTarget(ComputeTarget.LOCAL_SPARK, ComputeTarget.LOCAL_SPARK,
        Map.of("cores", Integer.toString(cores), "jvmOptions", LocalSparkLauncher.DEFAULT_JVM_OPTIONS));
    ComputeTarget process = new ComputeTarget(ComputeTarget.LOCAL_PROCESS, ComputeTarget.LOCAL_PROCESS, Map.of());
    store.addComputeIfAbsent(spark, Json.write(spark.settings()), now);
    store.addComputeIfAbsent(process, Json.write(process.settings()), now);
  }

  // ---- compute targets ----------------------------------------------------------------------

  List<ComputeTarget> computes() throws WorkspaceException {
    List<ComputeTarget> list = new ArrayList<>();
    for (HistoryStore.ComputeRow row : HistoryCalls.read(store::computes)) {
      list.add(new ComputeTarget(row.name(), row.kind(), Json.stringMap(row.settingsJson())));
    }
    return list;
  }

  Optional<ComputeTarget> compute(String name) throws WorkspaceException {
    return computes().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  ComputeTarget attachCompute(String name, String kind, Map<String, String> settings) throws WorkspaceException {
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
    if (problems.isEmpty()) {
      problems.addAll(jvmOptionProblems(kind, values));
    }
    if (problems.isEmpty() && compute(name).isPresent()) {
      problems.add(nameTaken(name));
    }
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    ComputeTarget target = new ComputeTarget(name, kind, values);
    if (!HistoryCalls.read(() -> store.addCompute(target, Json.write(target.settings()), Instant.now()))) {
      throw new InvalidFieldsException(List.of(nameTaken(name)));
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

  /** How long the Java of a local Spark target may take to say whether it accepts the JVM options. */
  private static final Duration JVM_OPTIONS_CHECK = Duration.ofSeconds(20);

  /**
   * The JVM options of a local Spark target, as its Java sees them. Spark's own start options make
   * the JVM skip options it does not know ({@code -XX:+IgnoreUnrecognizedVMOptions}), so a typo would
   * silently do nothing: the options are given to that Java with {@code -version} first, and what it
   * refuses is refused here, in its words.
   */
  private static List<FieldProblem> jvmOptionProblems(String kind, Map<String, String> settings) {
    String options = settings.getOrDefault("jvmOptions", "");
    if (!ComputeTarget.LOCAL_SPARK.equals(kind) || options.isBlank()) {
      return List.of();
    }
    Path jvm;
    try {
      jvm = SparkRuntime.locate(settings.get("sparkHome"), settings.get("javaHome")).java();
    } catch (WorkspaceException e) {
      return List.of(); // the Java itself is refused by its own setting's check, or when a step starts
    }
    List<String> command = new ArrayList<>(List.of(jvm.toString(), "-XX:-IgnoreUnrecognizedVMOptions"));
    command.addAll(List.of(options.strip().split("\\s+")));
    command.add("-version");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      java.util.concurrent.CompletableFuture<byte[]> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try (java.io.InputStream in = process.getInputStream()) {
          return in.readAllBytes();
        } catch (IOException e) {
          return new byte[0];
        }
      });
      if (!process.waitFor(JVM_OPTIONS_CHECK.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return List.of(new FieldProblem("jvmOptions", "JVM options: " + jvm + " did not answer within "
            + JVM_OPTIONS_CHECK.toSeconds() + " s with them"));
      }
      if (process.exitValue() == 0) {
        return List.of();
      }
      String said = new String(output.get(5, java.util.concurrent.TimeUnit.SECONDS),
          java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("Error: Could not create the Java Virtual Machine")
              && !l.startsWith("Error: A fatal exception has occurred")
              && !l.startsWith("Error occurred during initialization of VM"))
          .findFirst().orElse("it exits with code " + process.exitValue());
      return List.of(new FieldProblem("jvmOptions", "JVM options are refused by the Java Spark runs on: " + said));
    } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("cannot check the JVM options with {}: {}", jvm, e.toString());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
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

  /** Changes settings of a compute target; every value is checked before anything is saved. */
  ComputeTarget updateCompute(String name, Map<String, String> changes) throws WorkspaceException {
    // Another process (the designer, a second command) may change this compute meanwhile: the
    // changes are applied to the settings as last read, and read and applied again if they changed.
    for (int attempt = 1; ; attempt++) {
      Optional<ComputeTarget> updated = updateComputeOnce(name, changes);
      if (updated.isPresent()) {
        return updated.get();
      }
      if (attempt == MAX_UPDATE_ATTEMPTS) {
        throw new WorkspaceException("compute '" + name + "' kept changing while its settings were saved;"
            + " nothing was changed, try again");
      }
    }
  }

  private static final int MAX_UPDATE_ATTEMPTS = 20;

  /** The changes applied to the compute's current settings; empty when they changed before they were saved. */
  private Optional<ComputeTarget> updateComputeOnce(String name, Map<String, String> changes)
      throws WorkspaceException {
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
    if (problems.isEmpty() && (changes.containsKey("jvmOptions") || changes.containsKey("javaHome"))) {
      problems.addAll(jvmOptionProblems(target.kind(), settings));
    }
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    boolean saved = HistoryCalls.writeReturning(
        () -> store.replaceComputeSettings(name, target.settings(), Json.write(settings)));
    return saved ? Optional.of(new ComputeTarget(name, target.kind(), settings)) : Optional.empty();
  }

  /**
   * Removes an attached target; built-in targets stay. {@code runUsing} names an active run that
   * uses a compute, if any: a target cannot be detached while a run uses it.
   */
  void detachCompute(String name, Function<String, Optional<String>> runUsing) throws WorkspaceException {
    ComputeTarget target = compute(name).orElseThrow(() -> unknownCompute(name));
    if (target.isBuiltIn()) {
      throw new WorkspaceException("'" + name + "' is built in: it is how steps run on this machine"
          + (ComputeTarget.LOCAL_SPARK.equals(name) ? " with Spark" : " as processes")
          + ", and cannot be detached (change its settings instead)");
    }
    Optional<String> run = runUsing.apply(name);
    if (run.isPresent()) {
      throw new WorkspaceException("'" + name + "' cannot be detached while run " + run.get() + " uses it");
    }
    HistoryCalls.write(() -> store.removeCompute(name));
  }

  private static WorkspaceException unknownCompute(String name) {
    return new WorkspaceException("there is no compute target '" + name + "' (see: pipewright computes list)");
  }

  // ---- connection tests and capacity --------------------------------------------------------

  ConnectionTest testConnection(ComputeTarget target) {
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
        ConnectionTest test = tester.test(target, CONNECTION_TIMEOUT, remoteContext());
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

  /** The targets whose current settings passed a connection test; the built-in ones always. */
  Set<String> testedComputes() throws WorkspaceException {
    Set<String> tested = new TreeSet<>(HistoryCalls.read(store::testedComputes));
    tested.add(ComputeTarget.LOCAL_SPARK);
    tested.add(ComputeTarget.LOCAL_PROCESS);
    return tested;
  }

  void setAzureSession(AzureSession session) {
    azureSession = session == null ? AzureSession.NONE : session;
    if (azureSession != AzureSession.NONE) {
      runAfterSignIn();
    }
  }

  /** Work that needs Azure (canceling a pipeline job left behind), done once a session is set, off the caller's thread. */
  void whenSignedInToAzure(Runnable work) {
    synchronized (afterSignIn) {
      afterSignIn.add(work);
    }
    if (azureSession != AzureSession.NONE) {
      runAfterSignIn();
    }
  }

  private void runAfterSignIn() {
    List<Runnable> work = new ArrayList<>();
    synchronized (afterSignIn) {
      work.addAll(afterSignIn);
      afterSignIn.clear();
    }
    if (work.isEmpty()) {
      return;
    }
    Thread thread = new Thread(() -> work.forEach(w -> {
      try {
        w.run();
      } catch (RuntimeException e) {
        LOG.warn("work after signing in to Azure failed", e);
      }
    }), "pipewright-after-azure-sign-in");
    thread.setDaemon(true);
    thread.start();
  }

  AzureSession azure() {
    return azure;
  }

  void setPasswordPrompt(PasswordPrompt prompt) {
    passwords.setPrompt(prompt);
  }

  /**
   * What remote launchers get from this workspace: Pipewright's SQL driver jar and Spark version of
   * the bundled runtime (null and "unknown" when it is missing: SQL steps then fail saying so).
   */
  /**
   * Kills a job left on a remote engine by a Pipewright that died (see {@link
   * io.pipewright.workspace.LaunchedStep#remoteJob()}); says what happened, in one sentence.
   */
  String killRemoteJob(String computeName, String jobId) {
    try {
      Optional<ComputeTarget> target = compute(computeName);
      RemoteBackend backend = target.map(t -> remoteBackends.get(t.kind())).orElse(null);
      if (backend == null) {
        return "its job " + jobId + " on '" + computeName + "' could not be killed: that compute target is gone";
      }
      return backend.kill(target.get(), jobId, CONNECTION_TIMEOUT, remoteContext());
    } catch (WorkspaceException e) {
      return "its job " + jobId + " on '" + computeName + "' could not be killed: " + e.getMessage();
    }
  }

  /** The services that run a whole pipeline themselves (Azure ML), in the order found. */
  List<io.pipewright.workspace.PipelineBackend> pipelineBackends() {
    return pipelineBackends;
  }

  /** What {@link io.pipewright.workspace.PipelineBackend}s get: the SQL driver jar, the Azure session. */
  RemoteBackend.Context remoteContextForBackends() {
    return remoteContext();
  }

  /**
   * Cancels a pipeline run a {@link io.pipewright.workspace.PipelineBackend} submitted, found after a
   * Pipewright died; says what happened, in one sentence.
   */
  String cancelRemoteRun(String workspaceTarget, String remoteRun) {
    try {
      Optional<ComputeTarget> target = compute(workspaceTarget);
      if (target.isEmpty()) {
        return "its pipeline job " + remoteRun + " could not be canceled: compute target '" + workspaceTarget
            + "' is gone";
      }
      for (io.pipewright.workspace.PipelineBackend backend : pipelineBackends) {
        return backend.cancel(target.get(), remoteRun, CONNECTION_TIMEOUT, remoteContext());
      }
      return "its pipeline job " + remoteRun + " could not be canceled: this Pipewright has no backend for it";
    } catch (WorkspaceException e) {
      return "its pipeline job " + remoteRun + " could not be canceled: " + e.getMessage();
    }
  }

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
      context = new RemoteBackend.Context(driver, version, passwords, azure,
          name -> linkedServices().stream().filter(l -> l.name().equals(name)).findFirst(), this::compute);
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

  Optional<Capacity> capacityOf(ComputeTarget target) {
    if (ComputeTarget.LOCAL_SPARK.equals(target.kind())) {
      return Optional.of(Capacity.localMachine(LocalSparkLauncher.maxCores(target), physicalMemory()));
    }
    RemoteBackend backend = remoteBackends.get(target.kind());
    if (backend != null) {
      return backend.capacity(target, CONNECTION_TIMEOUT);
    }
    if (ComputeKind.SYNAPSE_SPARK_POOL.equals(target.kind())) {
      Optional<SynapseNodeSize> size = target.setting("nodeSize").flatMap(SynapseNodeSize::fromLabel);
      Optional<Integer> count = target.setting("nodeCount").flatMap(ComputeRegistry::wholeNumber);
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
  private static long physicalMemory() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getTotalMemorySize();
    }
    return Runtime.getRuntime().maxMemory();
  }

  // ---- linked services ----------------------------------------------------------------------

  List<LinkedService> linkedServices() throws WorkspaceException {
    List<LinkedService> list = new ArrayList<>();
    for (HistoryStore.LinkedServiceRow row : HistoryCalls.read(store::linkedServices)) {
      Map<String, String> settings = Json.stringMap(row.settingsJson());
      list.add(new LinkedService(row.name(), settings.get("subscriptionId"), settings.get("resourceGroup"),
          settings.get("synapseWorkspace")));
    }
    return list;
  }

  LinkedService addLinkedService(LinkedService service) throws WorkspaceException {
    List<FieldProblem> problems = new ArrayList<>(service.problems());
    if (problems.isEmpty() && linkedServices().stream().anyMatch(l -> l.name().equals(service.name()))) {
      problems.add(linkedServiceTaken(service.name()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    Map<String, String> settings = new TreeMap<>(Map.of("subscriptionId", service.subscriptionId(),
        "resourceGroup", service.resourceGroup(), "synapseWorkspace", service.synapseWorkspace()));
    if (!HistoryCalls.read(() -> store.addLinkedService(service.name(), LinkedService.KIND, Json.write(settings),
        Instant.now()))) {
      throw new InvalidFieldsException(List.of(linkedServiceTaken(service.name())));
    }
    return service;
  }

  private static FieldProblem linkedServiceTaken(String name) {
    return new FieldProblem(FieldProblem.NAME, "a linked service named '" + name + "' already exists: choose another name");
  }

  void removeLinkedService(String name) throws WorkspaceException {
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
    HistoryCalls.write(() -> store.removeLinkedService(name));
  }

  // ---- launchers ----------------------------------------------------------------------------

  /**
   * The launcher that runs {@code step} on {@code target}: script steps on a local target run as
   * processes; a remote kind's launcher is made by its backend on first use.
   */
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

  /** The launcher of the {@code local-spark} kind, which can warm up before a run's first step. */
  LocalSparkLauncher localSparkLauncher() {
    return localSpark;
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
}
