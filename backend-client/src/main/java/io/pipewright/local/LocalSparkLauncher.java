package io.pipewright.local;

import io.pipewright.model.MemorySize;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeLauncher;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LaunchedStep;
import io.pipewright.workspace.SparkProgressStep;
import io.pipewright.workspace.SparkUiMonitor;
import io.pipewright.workspace.SqlDriverArguments;
import io.pipewright.workspace.StepLaunch;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs Spark steps on this machine: a child JVM running {@code SparkSubmit} in local mode on the
 * bundled Spark runtime (see docs/decisions/0001-how-spark-is-launched.md).
 *
 * <p>Settings map honestly: driver memory becomes the JVM heap ({@code -Xmx}); executors are
 * threads of the driver ({@code local[N]}, N = executors × executor cores, capped by the
 * compute's cores); what local mode cannot honour is written to the step's pipewright/log.
 */
final class LocalSparkLauncher implements ComputeLauncher {

  /**
   * JVM options of a Spark driver when the compute sets none: C1 only. A desktop Spark job is
   * mostly JVM warm-up, and C2 compiling Spark's classes costs more CPU than it saves: measured on
   * the titanic-jvm sample, user CPU 21.9 s → 13.0 s and wall 18.0 s → 15.1 s (2 cores), which is
   * also what lets two steps share two cores. A compute's {@code jvmOptions} replaces it ("" for
   * the JVM's defaults, better for long jobs on big data).
   */
  static final String DEFAULT_JVM_OPTIONS = "-XX:TieredStopAtLevel=1";

  /** The settings a local-spark compute understands. */
  static final java.util.Set<String> SETTINGS =
      java.util.Set.of("cores", "javaHome", "sparkHome", "pysparkHome", "jvmOptions", "classDataSharing",
          "warmDriver", "warmIdleMinutes");

  private final Map<String, SparkRuntime> runtimes = new ConcurrentHashMap<>();
  private final Map<String, Warming> warming = new ConcurrentHashMap<>();
  private final Path cacheDirectory;

  /** @param cacheDirectory where class-data archives of Spark go (shared by workspaces); null for none */
  LocalSparkLauncher(Path cacheDirectory) {
    this.cacheDirectory = cacheDirectory;
  }

  @Override
  public int coresFor(Step step, ComputeTarget target) {
    return localThreads(step, target);
  }

  static int maxCores(ComputeTarget target) {
    int machine = Runtime.getRuntime().availableProcessors();
    return target.setting("cores").map(Integer::parseInt).map(c -> Math.max(1, c)).orElse(machine);
  }

  /** Threads of local[N]: executors × executor cores, at least 1, at most the compute's cores. */
  private static int localThreads(Step step, ComputeTarget target) {
    if (!(step.kind() instanceof SparkStep spark)) {
      return 1;
    }
    return Math.max(1, Math.min(maxCores(target), spark.settings().requestedExecutorCores()));
  }

  /** Where SQL steps of runs that ask for warm Spark run; null: none (every step cold). */
  private volatile WarmDrivers warmDrivers;

  void useWarmDrivers(WarmDrivers drivers) {
    this.warmDrivers = drivers;
  }

  /**
   * Starts a step; with {@code warm} (a run submitted with warm Spark), a SQL step runs in a warm
   * driver when it can ({@link WarmDrivers}), else cold, its log saying why.
   */
  LaunchedStep launch(StepLaunch launch, boolean warm) throws WorkspaceException {
    WarmDrivers drivers = warmDrivers;
    if (warm && drivers != null) {
      Optional<LaunchedStep> step = drivers.launch(launch, () -> launch(launch));
      if (step.isPresent()) {
        return step.get();
      }
    }
    return launch(launch);
  }

  @Override
  public LaunchedStep launch(StepLaunch launch) throws WorkspaceException {
    if (!(launch.step().kind() instanceof SparkStep spark)) {
      throw new IllegalArgumentException("not a Spark step: " + launch.step().id());
    }
    SparkSettings settings = spark.settings();
    int threads = localThreads(launch.step(), launch.target());
    noteWhatLocalModeDoes(launch, settings, threads);
    Map<String, String> env = new HashMap<>(launch.step().environment().variables());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("PIPEWRIGHT_RUN_ID", launch.runId());
    env.put("PIPEWRIGHT_STEP_ID", launch.step().id());

    if (spark.entry() instanceof SparkEntry.Python python) {
      return launchPython(launch, python, settings, threads, env);
    }
    List<String> jvmOptions = jvmOptions(launch.target());
    Prepared prepared = prepared(launch.target(), jvmOptions, launch);
    SparkRuntime runtime = prepared.runtime();
    ClassDataArchive archive = prepared.archive();
    env.put("SPARK_HOME", runtime.home().toString());
    String heap = MemorySize.parse(settings.driverMemory())
        .orElseThrow(() -> new WorkspaceException("step '" + launch.step().name() + "': driver memory '"
            + settings.driverMemory() + "' is not a Spark memory size such as 512m or 2g"))
        .jvmHeapOption();
    List<String> command = new ArrayList<>();
    command.add(runtime.java().toString());
    command.addAll(runtime.moduleOptions());
    command.addAll(jvmOptions);
    ClassDataArchive.Use cds = archive == null ? new ClassDataArchive.Use(List.of(), false) : archive.use();
    command.addAll(cds.jvmOptions());
    if (cds.writes()) {
      launch.logs().note("note: this driver also writes a class-data archive of Spark's classes when it ends"
          + " (once; later Spark steps start faster): " + archive.path());
    }
    command.add(runtime.logConfigurationOption());
    command.add(heap);
    command.add("-Djava.io.tmpdir=" + tmpDir(launch));
    // The driver counts its own progress (StepProgressListener, in the SQL driver's jar, appended to the
    // class path so that a JAR step has it too) where the driver is ours to know: our runtime, or a SQL
    // step, which needs our jar anyway. Polling its UI instead made Spark start its REST API, about a
    // CPU-second of every step.
    Path progress = ownProgress(launch, spark, runtime) ? launch.workDirectory().resolve("progress") : null;
    command.add("-cp");
    command.add(progress == null ? runtime.classPath()
        : runtime.classPath() + java.io.File.pathSeparator + runtime.sqlDriverJar());
    command.add("org.apache.spark.deploy.SparkSubmit");
    int ui = freePort();
    command.addAll(submitOptions(launch, settings, threads, ui));
    if (progress != null) {
      String listeners = settings.conf().get("spark.extraListeners");
      command.addAll(List.of("--conf", "spark.extraListeners=" + (listeners == null || listeners.isBlank()
          ? ProgressFile.LISTENER : listeners + "," + ProgressFile.LISTENER)));
      command.addAll(List.of("--conf", ProgressFile.FILE_KEY + "=" + progress));
    }
    if (spark.entry() instanceof SparkEntry.Jar jar) {
      command.add("--class");
      command.add(jar.mainClass());
      command.add(launch.sourceDirectory().resolve(jar.file()).toString());
      command.addAll(launch.arguments());
    } else {
      command.add("--class");
      command.add(SparkRuntime.SQL_DRIVER_CLASS);
      command.add(runtime.sqlDriverJar().toString());
      command.addAll(SqlDriverArguments.of(launch, (SparkEntry.Sql) spark.entry(),
          launch.workDirectory().resolve("step.sql"), path -> path));
    }
    launch.logs().note("spark: " + runtime.sparkVersion() + " from " + runtime.home() + ", java " + runtime.java());
    launch.logs().note("Spark UI: http://127.0.0.1:" + ui + " (while the step runs)");
    List<String> recorded = new ArrayList<>(command);
    recorded.set(recorded.indexOf("-cp") + 1, "<the class path of the Spark runtime in " + runtime.home() + ">");
    LaunchedStep step = startDriver(launch, spark, command, recorded, env, cds.writes());
    if (cds.writes()) {
      step.completion().thenAccept(result -> archive.written(result.succeeded()));
    }
    return progress != null ? ProgressFile.watch(step, progress, launch.runId(), launch.step().id())
        : watched(step, launch, ui);
  }

  /**
   * Starts a cold driver, or hands the step to the one started ahead for the same JVM
   * ({@link SparkBootstrap}): SQL steps only (our driver reads no environment variable and no relative
   * path), without environment variables of their own, once the class-data archive exists.
   */
  private ProcessStep startDriver(StepLaunch launch, SparkStep spark, List<String> command, List<String> recorded,
      Map<String, String> env, boolean writesArchive) throws WorkspaceException {
    boolean fits = spark.entry() instanceof SparkEntry.Sql && launch.step().environment().variables().isEmpty()
        && !writesArchive;
    if (fits) {
      Process ahead = SparkBootstrap.take(command, launch.logs().stdoutFile(), launch.logs().stderrFile(),
          launch.workDirectory());
      if (ahead != null) {
        return ProcessStep.adopt(ahead, command, recorded, launch.workDirectory(), launch.logs(), "Spark driver");
      }
      Map<String, String> fixed = new java.util.LinkedHashMap<>(env);
      fixed.keySet().removeIf(name -> name.startsWith("PIPEWRIGHT_"));
      SparkBootstrap.remember(cacheDirectory, command, fixed);
    } else {
      SparkBootstrap.discardWaiting();
    }
    return ProcessStep.start(command, recorded, launch.workDirectory(), env, launch.logs(), "Spark driver");
  }

  /** Whether the driver of this step can count its own progress (see {@link ProgressFile}). */
  private static boolean ownProgress(StepLaunch launch, SparkStep spark, SparkRuntime runtime) {
    if (spark.entry() instanceof SparkEntry.Sql) {
      return true;
    }
    if (launch.target().setting("sparkHome").isPresent()) {
      return false; // another Spark: our listener, built for the bundled one, may not load in it
    }
    try {
      runtime.sqlDriverJar();
      return true;
    } catch (WorkspaceException e) {
      return false;
    }
  }

  /** The runtime of a target and the class-data archive its drivers use (null: none). */
  record Prepared(SparkRuntime runtime, ClassDataArchive archive) {}

  /** A preparation started by {@link #warmUp}, used by a launch within {@link #WARM_NANOS} of its start. */
  private record Warming(long startedNanos, CompletableFuture<Prepared> prepared) {
    boolean fresh() {
      return System.nanoTime() - startedNanos < WARM_NANOS;
    }
  }

  private static final long WARM_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);

  /**
   * Starts finding the Spark runtime of a target and naming its class-data archive (which stats
   * every Spark jar) in the background, so that a step launched soon after does not wait for it.
   * A launch that finds no preparation, or a failed one, does the work itself and reports failures.
   */
  void warmUp(ComputeTarget target) {
    List<String> jvmOptions = jvmOptions(target);
    warming.compute(preparedKey(target, jvmOptions), (key, earlier) -> earlier != null && earlier.fresh()
        ? earlier
        : new Warming(System.nanoTime(), CompletableFuture.supplyAsync(() -> {
          try {
            SparkRuntime runtime = runtime(target);
            return new Prepared(runtime, usesArchive(target) ? ClassDataArchive.of(cacheDirectory, runtime.java(),
                runtime.home().resolve("jars"), archiveKey(runtime, jvmOptions)) : null);
          } catch (WorkspaceException | IOException e) {
            throw new CompletionException(e);
          }
        })));
  }

  Prepared prepared(ComputeTarget target, List<String> jvmOptions, StepLaunch launch)
      throws WorkspaceException {
    Warming warm = warming.remove(preparedKey(target, jvmOptions));
    if (warm != null && warm.fresh()) {
      try {
        return warm.prepared().join();
      } catch (CompletionException | CancellationException e) {
        // Done again below, where a failure is reported as it should be.
      }
    }
    SparkRuntime runtime = runtime(target);
    return new Prepared(runtime, classDataArchive(runtime, jvmOptions, launch));
  }

  private String preparedKey(ComputeTarget target, List<String> jvmOptions) {
    return runtimeKey(target) + "|" + jvmOptions + "|" + usesArchive(target);
  }

  private boolean usesArchive(ComputeTarget target) {
    return cacheDirectory != null && !"false".equals(target.settings().get("classDataSharing"));
  }

  private static List<String> archiveKey(SparkRuntime runtime, List<String> jvmOptions) {
    List<String> key = new ArrayList<>(runtime.moduleOptions());
    key.addAll(jvmOptions);
    return key;
  }

  private ClassDataArchive classDataArchive(SparkRuntime runtime, List<String> jvmOptions, StepLaunch launch) {
    if (!usesArchive(launch.target())) {
      return null;
    }
    try {
      return ClassDataArchive.of(cacheDirectory, runtime.java(), runtime.home().resolve("jars"),
          archiveKey(runtime, jvmOptions));
    } catch (IOException e) {
      launch.logs().note("note: no class-data archive (" + e.getMessage() + "); Spark starts without one");
      return null;
    }
  }

  static List<String> jvmOptions(ComputeTarget target) {
    String options = target.settings().getOrDefault("jvmOptions", DEFAULT_JVM_OPTIONS);
    return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
  }

  private SparkRuntime runtime(ComputeTarget target) throws WorkspaceException {
    String key = runtimeKey(target);
    SparkRuntime cached = runtimes.get(key);
    if (cached != null) {
      return cached;
    }
    SparkRuntime located = SparkRuntime.locate(target.setting("sparkHome").orElse(null),
        target.setting("javaHome").orElse(null), cacheDirectory);
    runtimes.put(key, located);
    return located;
  }

  private static String runtimeKey(ComputeTarget target) {
    return target.setting("sparkHome").orElse(null) + "|" + target.setting("javaHome").orElse(null);
  }

  private static Path tmpDir(StepLaunch launch) throws WorkspaceException {
    Path tmp = launch.workDirectory().resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new WorkspaceException("cannot create " + tmp + ": " + e.getMessage(), e);
    }
    return tmp;
  }

  /**
   * The driver's UI, on this machine only, at a port chosen here so that its monitoring API can be
   * polled for the step's progress, and kept small: it remembers the last 100 jobs and stages
   * instead of 1,000 (a long step does not grow the driver's heap for a UI nobody browses). Spark
   * enables its UI by default, so this adds no work to a driver, only the polling's two small
   * requests a second.
   */
  static List<String> uiOptions(int port) {
    return List.of(
        "--conf", "spark.ui.enabled=true",
        "--conf", "spark.ui.port=" + port,
        "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.ui.retainedJobs=100",
        "--conf", "spark.ui.retainedStages=100",
        "--conf", "spark.ui.retainedTasks=10000",
        "--conf", "spark.sql.ui.retainedExecutions=50",
        "--conf", "spark.ui.showConsoleProgress=false");
  }

  /** The step's progress from its driver's UI at {@code port}, while it runs. */
  private static LaunchedStep watched(LaunchedStep step, StepLaunch launch, int port) {
    return SparkProgressStep.watch(step, SparkUiMonitor.find(), new SparkUiMonitor.Target(launch.runId(),
        launch.step().id(), "http://127.0.0.1:" + port, launch.step().name(), "Spark UI"));
  }

  /**
   * A port free on 127.0.0.1 now. Another process may take it before the driver binds it; Spark then
   * takes the next one and the progress stays unknown (the watch checks the application's name).
   */
  static int freePort() throws WorkspaceException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new WorkspaceException("cannot find a free port on 127.0.0.1 for the Spark UI: " + e.getMessage(), e);
    }
  }

  private static List<String> submitOptions(StepLaunch launch, SparkSettings settings, int threads, int uiPort)
      throws WorkspaceException {
    List<String> options = new ArrayList<>(List.of(
        "--master", "local[" + threads + "]",
        "--name", launch.step().name(),
        "--conf", "spark.driver.memory=" + settings.driverMemory(),
        "--conf", "spark.local.dir=" + tmpDir(launch)));
    options.addAll(uiOptions(uiPort));
    settings.conf().forEach((k, v) -> {
      options.add("--conf");
      options.add(k + "=" + v);
    });
    addFileList(options, "--jars", settings.jars(), launch);
    addFileList(options, "--py-files", settings.pyFiles(), launch);
    addFileList(options, "--files", settings.files(), launch);
    addFileList(options, "--archives", settings.archives(), launch);
    return options;
  }

  private static void addFileList(List<String> options, String flag, List<String> files, StepLaunch launch) {
    if (!files.isEmpty()) {
      options.add(flag);
      options.add(String.join(",", files.stream().map(f -> launch.sourceDirectory().resolve(f).toString()).toList()));
    }
  }

  private static void noteWhatLocalModeDoes(StepLaunch launch, SparkSettings settings, int threads) {
    int asked = settings.requestedExecutorCores();
    launch.logs().note("local mode: executors run as " + threads + " thread" + (threads == 1 ? "" : "s")
        + " in the driver JVM (local[" + threads + "]), heap = driver memory " + settings.driverMemory());
    if (asked > threads) {
      launch.logs().note("not honoured: " + asked + " executor cores asked (" + settings.requestedExecutors()
          + " × " + settings.executorCores() + "); this compute has " + maxCores(launch.target()) + " cores");
    }
    if (!settings.executorMemory().equals(settings.driverMemory())) {
      launch.logs().note("not honoured: executor memory " + settings.executorMemory()
          + " (local executors share the driver's heap of " + settings.driverMemory() + ")");
    }
    if (settings.dynamicAllocation() != null) {
      launch.logs().note("not honoured: dynamic allocation (local mode has a fixed thread pool)");
    }
    if (settings.driverCores() > 1) {
      launch.logs().note("not honoured: driver cores " + settings.driverCores()
          + " (in local mode the driver has no core limit of its own)");
    }
  }

  /**
   * Python Spark steps need PySpark, which the bundled runtime does not have: they run through
   * {@code $SPARK_HOME/bin/spark-submit} (the compute's sparkHome, else SPARK_HOME) or fail at once.
   */
  private static LaunchedStep launchPython(StepLaunch launch, SparkEntry.Python python, SparkSettings settings,
      int threads, Map<String, String> env) throws WorkspaceException {
    Optional<Path> sparkHome = launch.target().setting("pysparkHome")
        .or(() -> Optional.ofNullable(System.getenv("SPARK_HOME")).filter(s -> !s.isBlank()))
        .map(Path::of)
        .filter(home -> Files.isExecutable(home.resolve("bin/spark-submit")));
    if (sparkHome.isEmpty()) {
      throw new WorkspaceException("Python Spark steps need PySpark, and none was found: install Apache Spark 4.x"
          + " (or pip install pyspark) and set SPARK_HOME to it, or set the compute's pysparkHome."
          + " JAR and SQL Spark steps run without it.");
    }
    env.put("SPARK_HOME", sparkHome.get().toString());
    List<String> command = new ArrayList<>();
    command.add(sparkHome.get().resolve("bin/spark-submit").toString());
    command.add("--driver-memory");
    command.add(settings.driverMemory());
    int ui = freePort();
    command.addAll(submitOptions(launch, settings, threads, ui));
    command.add(launch.sourceDirectory().resolve(python.file()).toString());
    command.addAll(launch.arguments());
    return watched(ProcessStep.start(command, launch.workDirectory(), env, launch.logs(), "PySpark driver"), launch, ui);
  }
}
