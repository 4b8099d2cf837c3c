package io.pipewright.local;

import io.pipewright.model.MemorySize;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.CommandLines;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LaunchedStep;
import io.pipewright.workspace.SqlDriverArguments;
import io.pipewright.workspace.StepLaunch;
import io.pipewright.workspace.WarmSpark;
import io.pipewright.workspace.WorkspaceException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The warm Spark drivers of an embedded workspace: long-lived local Spark drivers in which SQL
 * steps of runs submitted with warm Spark run as Spark jobs (see {@link WarmSpark}). At most one
 * driver per start key (Java, Spark home, JVM options, class-data archive, heap, cores) and {@link
 * #MAX_DRIVERS} in all; a driver starting is shared by the steps that need it; a driver with
 * nothing to do stops after its compute's {@code warmIdleMinutes}; {@link #close} stops them all.
 */
final class WarmDrivers implements WarmSpark, AutoCloseable {

  /** Drivers at most, all keys together: beyond, an idle one stops, else the step runs cold. */
  static final int MAX_DRIVERS = 2;

  static final String DRIVER_CLASS = "io.pipewright.spark.WarmDriver";

  /**
   * SQL conf that Spark reads only when a driver starts ({@code StaticSQLConf} and the like): a step
   * that sets one runs cold. The driver's refusal ({@code isModifiable}) catches any not named here.
   */
  private static final Set<String> STATIC_SQL_CONF = Set.of(
      "spark.sql.warehouse.dir", "spark.sql.catalogImplementation", "spark.sql.globalTempDatabase",
      "spark.sql.sources.schemaStringLengthThreshold", "spark.sql.filesourceTableRelationCacheSize",
      "spark.sql.codegen.cache.maxEntries", "spark.sql.codegen.comments", "spark.sql.debug",
      "spark.sql.extensions", "spark.sql.queryExecutionListeners", "spark.sql.streaming.streamingQueryListeners",
      "spark.sql.ui.retainedExecutions", "spark.sql.broadcastExchange.maxThreadThreshold",
      "spark.sql.subquery.maxThreadThreshold", "spark.sql.resultQueryStage.maxThreadThreshold",
      "spark.sql.event.truncate.length", "spark.sql.legacy.sessionInitWithConfigDefaults",
      "spark.sql.defaultUrlStreamHandlerFactory.enabled", "spark.sql.metadataCacheTTLSeconds",
      "spark.sql.cache.serializer", "spark.sql.sources.disabledJdbcConnProviderList",
      "spark.sql.hive.thriftServer.singleSession");
  private static final List<String> STATIC_SQL_PREFIXES =
      List.of("spark.sql.hive.metastore.", "spark.sql.streaming.ui.", "spark.sql.connect.", "spark.sql.artifact.");

  private final Path directory;
  private final LocalSparkLauncher launcher;
  private final Map<String, WarmDriverProcess> drivers = new LinkedHashMap<>();
  private final Map<WarmDriverProcess, Duration> idleTimes = new HashMap<>();
  private final Map<WarmDriverProcess, ScheduledFuture<?>> idleStops = new HashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "warm-spark-idle");
    t.setDaemon(true);
    return t;
  });
  private Duration idleOverride;
  private boolean closed;

  /** @param directory {@code <workspace home>/warm-spark}: the drivers' directories and logs */
  WarmDrivers(Path directory, LocalSparkLauncher launcher) {
    this.directory = directory;
    this.launcher = launcher;
  }

  /** For tests: every driver's idle time, instead of its compute's {@code warmIdleMinutes}. */
  synchronized void idleTimeForTests(Duration idle) {
    this.idleOverride = idle;
  }

  // ---- WarmSpark ----------------------------------------------------------------------------

  @Override
  public synchronized List<Driver> drivers() {
    return drivers.values().stream().map(WarmDriverProcess::describe).toList();
  }

  @Override
  public AutoCloseable addListener(Runnable changed) {
    listeners.add(changed);
    return () -> listeners.remove(changed);
  }

  @Override
  public void stopAll() {
    List<WarmDriverProcess> all;
    synchronized (this) {
      all = new ArrayList<>(drivers.values());
    }
    all.forEach(WarmDriverProcess::stop);
  }

  @Override
  public Optional<String> coldReason(Step step, ComputeTarget target) {
    if (!(step.kind() instanceof SparkStep spark)) {
      return Optional.of("only Spark SQL steps run in the warm Spark driver");
    }
    if (!ComputeTarget.LOCAL_SPARK.equals(target.kind())) {
      return Optional.of("the warm Spark driver is for local Spark computes");
    }
    if ("false".equals(target.settings().get("warmDriver"))) {
      return Optional.of("the compute's warm driver setting is off");
    }
    if (spark.entry() instanceof SparkEntry.Jar) {
      return Optional.of("a JAR step runs its own main class");
    }
    if (spark.entry() instanceof SparkEntry.Python) {
      return Optional.of("a Python step runs its own program");
    }
    SparkSettings settings = spark.settings();
    if (!settings.jars().isEmpty() || !settings.pyFiles().isEmpty() || !settings.files().isEmpty()
        || !settings.archives().isEmpty()) {
      return Optional.of("jars, py-files, files and archives only apply when a driver starts");
    }
    if (!step.environment().variables().isEmpty()) {
      return Optional.of("environment variables only apply when a driver starts");
    }
    for (String key : settings.conf().keySet()) {
      if (!runtimeSqlConf(key)) {
        return Optional.of(key + " only applies when a driver starts");
      }
    }
    if (MemorySize.parse(settings.driverMemory()).isEmpty()) {
      return Optional.of("driver memory '" + settings.driverMemory() + "' is not a Spark memory size");
    }
    return Optional.empty();
  }

  static boolean runtimeSqlConf(String key) {
    return key.startsWith("spark.sql.") && !STATIC_SQL_CONF.contains(key)
        && STATIC_SQL_PREFIXES.stream().noneMatch(key::startsWith);
  }

  // ---- launching ----------------------------------------------------------------------------

  /**
   * Sends a SQL step to the warm driver of its start key, starting one when there is none; empty
   * when the step must run cold (its log then says why).
   */
  Optional<LaunchedStep> launch(StepLaunch launch, WarmStep.ColdStart cold) throws WorkspaceException {
    Optional<String> reason = coldReason(launch.step(), launch.target());
    if (reason.isPresent()) {
      launch.logs().note("runs in a JVM of its own: " + reason.get());
      return Optional.empty();
    }
    SparkStep spark = (SparkStep) launch.step().kind();
    SparkSettings settings = spark.settings();
    ComputeTarget target = launch.target();
    List<String> jvmOptions = LocalSparkLauncher.jvmOptions(target);
    LocalSparkLauncher.Prepared prepared = launcher.prepared(target, jvmOptions, launch);
    SparkRuntime runtime = prepared.runtime();
    Path archive = prepared.archive() == null ? null : prepared.archive().path();
    boolean cds = archive != null && Files.isRegularFile(archive);
    String heap = MemorySize.parse(settings.driverMemory()).orElseThrow().jvmHeapOption();
    int cores = LocalSparkLauncher.maxCores(target);
    String key = String.join("|", runtime.java().toString(), runtime.home().toString(), jvmOptions.toString(),
        Boolean.toString(cds), heap, Integer.toString(cores));
    List<String> arguments = SqlDriverArguments.of(launch, (SparkEntry.Sql) spark.entry(),
        launch.workDirectory().resolve("step.sql"), path -> path);
    Map<String, String> conf = new LinkedHashMap<>(settings.conf());
    String id = launch.runId() + "/" + launch.step().id();

    WarmDriverProcess driver;
    boolean started = false;
    List<WarmDriverProcess> toStop = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        launch.logs().note("runs in a JVM of its own: the workspace is closing");
        return Optional.empty();
      }
      driver = drivers.get(key);
      if (driver != null && !driver.alive()) {
        drivers.remove(key);
        driver = null;
      }
      if (driver == null) {
        while (drivers.size() >= MAX_DRIVERS) {
          Optional<WarmDriverProcess> idle = drivers.values().stream().filter(WarmDriverProcess::idle).findFirst();
          if (idle.isEmpty()) {
            launch.logs().note("runs in a JVM of its own: " + MAX_DRIVERS
                + " warm Spark drivers already run other steps");
            return Optional.empty();
          }
          drivers.remove(idle.get().key());
          toStop.add(idle.get());
        }
        try {
          driver = startDriver(key, runtime, jvmOptions, cds ? archive : null, heap, cores, settings.driverMemory());
        } catch (IOException e) {
          launch.logs().note("runs in a JVM of its own: the warm Spark driver could not start: " + e.getMessage());
          return Optional.empty();
        }
        drivers.put(key, driver);
        started = true;
      }
      idleTimes.put(driver, idleTime(target));
      cancelIdleStop(driver);
    }
    toStop.forEach(WarmDriverProcess::stop);
    WarmStep step = new WarmStep(id, launch, arguments, conf, driver, cold);
    launch.logs().note("local mode: runs as Spark jobs of the warm Spark driver (local[" + cores
        + "], shared with other steps), heap = driver memory " + settings.driverMemory());
    launch.logs().note("warm driver pid " + driver.pid() + " (" + (started ? "starting now" : "started "
        + ago(driver.startedAt())) + ", Spark UI http://127.0.0.1:" + driver.uiPort() + ", job group " + id
        + ", its log " + driver.log() + ")");
    List<String> recorded = new ArrayList<>(List.of("warm Spark driver pid " + driver.pid() + ":",
        SparkRuntime.SQL_DRIVER_CLASS));
    recorded.addAll(arguments);
    conf.forEach((k, v) -> {
      recorded.add("--conf");
      recorded.add(k + "=" + v);
    });
    launch.logs().note("runs: " + CommandLines.display(recorded));
    launch.logs().launched(CommandLines.display(recorded));
    if (!driver.submit(step)) {
      launch.logs().note("runs in a JVM of its own: the warm Spark driver stopped as the step was sent to it");
      return Optional.empty();
    }
    changed();
    return Optional.of(step);
  }

  private WarmDriverProcess startDriver(String key, SparkRuntime runtime, List<String> jvmOptions, Path archive,
      String heap, int cores, String driverMemory) throws IOException, WorkspaceException {
    Files.createDirectories(directory);
    Path own = Files.createTempDirectory(directory, "driver-");
    Path tmp = Files.createDirectories(own.resolve("tmp"));
    Path local = Files.createDirectories(own.resolve("local"));
    int ui = LocalSparkLauncher.freePort();
    List<String> command = new ArrayList<>();
    command.add(runtime.java().toString());
    command.addAll(runtime.moduleOptions());
    command.addAll(jvmOptions);
    command.add("-Xlog:disable");
    command.add("-Xlog:all=warning:stderr");
    if (archive != null) {
      // The archive's class path (Spark's jars) is a prefix of this one, so the archive fits.
      command.add("-XX:SharedArchiveFile=" + archive);
    }
    command.add(runtime.logConfigurationOption());
    command.add(heap);
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-Dspark.master=local[" + cores + "]");
    command.add("-Dspark.app.name=pipewright warm Spark");
    command.add("-Dspark.driver.memory=" + driverMemory);
    command.add("-Dspark.scheduler.mode=FAIR");
    command.add("-Dspark.local.dir=" + local);
    List<String> uiConf = LocalSparkLauncher.uiOptions(ui);
    for (int i = 0; i + 1 < uiConf.size(); i += 2) {
      command.add("-D" + uiConf.get(i + 1));
    }
    command.add("-cp");
    command.add(runtime.classPath() + File.pathSeparator + runtime.sqlDriverJar());
    command.add(DRIVER_CLASS);
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_HOME", runtime.home().toString());
    String description = "local-spark · heap " + driverMemory + " · " + cores + " core" + (cores == 1 ? "" : "s");
    return WarmDriverProcess.start(key, description, command, env, own, ui, new WarmDriverProcess.Events() {
      @Override
      public void changed(WarmDriverProcess driver) {
        driverChanged(driver);
      }

      @Override
      public void exited(WarmDriverProcess driver) {
        driverExited(driver);
      }
    });
  }

  private Duration idleTime(ComputeTarget target) {
    if (idleOverride != null) {
      return idleOverride;
    }
    return target.setting("warmIdleMinutes").flatMap(m -> {
      try {
        return Optional.of(Duration.ofMinutes(Math.max(1, Long.parseLong(m.strip()))));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }).orElse(DEFAULT_IDLE);
  }

  private void driverChanged(WarmDriverProcess driver) {
    synchronized (this) {
      if (drivers.get(driver.key()) == driver) {
        if (driver.idle() && driver.ready()) {
          if (!idleStops.containsKey(driver)) {
            Duration idle = idleTimes.getOrDefault(driver, DEFAULT_IDLE);
            Instant at = driver.idleSince().plus(idle);
            driver.stopsAt(at);
            long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
            java.util.concurrent.CompletableFuture<ScheduledFuture<?>> self = new java.util.concurrent.CompletableFuture<>();
            ScheduledFuture<?> stop = timer.schedule(() -> stopIfIdle(driver, self.join()), delay, TimeUnit.MILLISECONDS);
            idleStops.put(driver, stop);
            self.complete(stop);
          }
        } else {
          cancelIdleStop(driver);
        }
      }
    }
    changed();
  }

  private void stopIfIdle(WarmDriverProcess driver, ScheduledFuture<?> stop) {
    synchronized (this) {
      if (idleStops.get(driver) != stop) {
        return; // canceled as a step was sent to it
      }
      idleStops.remove(driver);
      if (!driver.idle() || drivers.get(driver.key()) != driver) {
        return;
      }
      drivers.remove(driver.key());
    }
    driver.stop();
    changed();
  }

  private synchronized void cancelIdleStop(WarmDriverProcess driver) {
    ScheduledFuture<?> stop = idleStops.remove(driver);
    if (stop != null) {
      stop.cancel(false);
    }
    driver.stopsAt(null);
  }

  private void driverExited(WarmDriverProcess driver) {
    synchronized (this) {
      if (drivers.get(driver.key()) == driver) {
        drivers.remove(driver.key());
      }
      idleTimes.remove(driver);
      ScheduledFuture<?> stop = idleStops.remove(driver);
      if (stop != null) {
        stop.cancel(false);
      }
    }
    changed();
  }

  private void changed() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        // A listener's failure is its own; the others still hear of the change.
      }
    }
  }

  private static String ago(Instant at) {
    long seconds = Duration.between(at, Instant.now()).toSeconds();
    if (seconds < 60) {
      return seconds + " s ago";
    }
    long minutes = seconds / 60;
    return minutes < 60 ? minutes + " min ago" : minutes / 60 + " h " + minutes % 60 + " min ago";
  }

  /** Stops every driver: asks, then kills those still up after 5 s. */
  @Override
  public void close() {
    List<WarmDriverProcess> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(drivers.values());
    }
    all.forEach(WarmDriverProcess::stop);
    for (WarmDriverProcess driver : all) {
      if (!driver.awaitExit(Duration.ofSeconds(5))) {
        driver.destroy();
        driver.awaitExit(Duration.ofSeconds(5));
      }
      driver.deleteDirectory(); // also done when its exit is handled, which a JVM ending now may not wait for
    }
    timer.shutdownNow();
  }
}
