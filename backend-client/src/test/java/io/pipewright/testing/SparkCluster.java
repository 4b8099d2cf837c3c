package io.pipewright.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on loopback, from the project's own Spark home ({@code
 * -Dpipewright.spark.runtime}): a master with its REST submission server and one worker (2 cores,
 * 2g, its own work folder), each a child JVM of the Java running the tests, with Spark's module
 * options, {@code SPARK_HOME}, {@code SPARK_SCALA_VERSION=2.13} and {@code
 * SPARK_LOCAL_IP=127.0.0.1}. Every port is a free one bound to 127.0.0.1; nothing listens on
 * another interface.
 *
 * <p>Starting takes 4–10 s: tests that only need <em>a</em> cluster take {@link #shared()}. A job in
 * cluster mode gets its driver on the worker (1 core and its memory): submit with driver 1g,
 * executor 1g and {@code spark.cores.max=1} so that an executor still fits beside it.
 *
 * <pre>{@code
 * SparkCluster cluster = SparkCluster.shared();
 * // POST cluster.restUrl() + "/v1/submissions/create" with "spark.master": cluster.masterUrl()
 * }</pre>
 */
public final class SparkCluster implements AutoCloseable {

  /** How long {@link #start} waits for the master to show its worker and its REST server to answer. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private static SparkCluster shared;
  private static Exception sharedFailure;

  private final Path sparkHome;
  private final Path folder;
  private final Path logs;
  private final Path workerWorkDir;
  private final int masterPort;
  private final int restPort;
  private final int webPort;
  private final String sparkVersion;
  private final List<Process> processes = new ArrayList<>();
  private String workerWebUrl;
  private boolean closed;

  private SparkCluster(Path sparkHome, Path folder) throws IOException {
    this.sparkHome = sparkHome;
    this.folder = folder;
    this.logs = Files.createDirectories(folder.resolve("logs"));
    this.workerWorkDir = Files.createDirectories(folder.resolve("worker"));
    this.masterPort = ServerProcesses.freePort();
    this.restPort = ServerProcesses.freePort();
    this.webPort = ServerProcesses.freePort();
    this.sparkVersion = ServerProcesses.sparkVersion(sparkHome);
  }

  /**
   * The cluster of this test JVM: started at the first call (4–10 s), then the same one for every
   * test class; a shutdown hook stops it when the JVM exits. Its folder is a new one under the
   * module's {@code target/test-servers} and stays for reading its logs after a failure. Do not
   * close it. When it did not start, every later call fails at once with that first failure.
   */
  public static synchronized SparkCluster shared() {
    if (sharedFailure != null) {
      throw new IllegalStateException("the shared Spark cluster did not start (see the first failure)", sharedFailure);
    }
    if (shared == null || shared.closed) {
      try {
        shared = start(ServerProcesses.newFolder("spark-cluster-"));
      } catch (IOException | RuntimeException e) {
        sharedFailure = e; // the next test class fails at once instead of waiting two minutes again
        throw e instanceof IOException io ? new UncheckedIOException("cannot start the shared Spark cluster", io)
            : (RuntimeException) e;
      }
      SparkCluster cluster = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop shared Spark cluster"));
    }
    return shared;
  }

  /**
   * Starts a master and one worker on the project's Spark home, with logs and the worker's work
   * folder under {@code folder}, and returns once the master shows one alive worker and its REST
   * server is ready.
   *
   * @throws IllegalStateException when that takes longer than {@link #START_TIMEOUT} or a process
   *     ends, with the tail of both logs
   */
  public static SparkCluster start(Path folder) throws IOException {
    return start(ServerProcesses.sparkHome(), folder);
  }

  /** As {@link #start(Path)}, on another Spark home (one with {@code jars/}). */
  public static SparkCluster start(Path sparkHome, Path folder) throws IOException {
    SparkCluster cluster = new SparkCluster(sparkHome.toAbsolutePath(), Files.createDirectories(folder.toAbsolutePath()));
    try {
      cluster.launch();
      cluster.awaitReady();
      return cluster;
    } catch (IOException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void launch() throws IOException {
    List<String> jvm = new ArrayList<>();
    jvm.add(ServerProcesses.java().toString());
    jvm.addAll(ServerProcesses.moduleOptions(sparkHome));
    jvm.add("-Xmx512m");
    // No conf/ on the daemons' class path: Spark's own log4j2 defaults log them at INFO (the
    // home's conf says WARN, which is for jobs); the drivers the worker starts do get conf/.
    jvm.addAll(List.of("-cp", ServerProcesses.allJars(sparkHome)));
    Map<String, String> environment = Map.of(
        "SPARK_HOME", sparkHome.toString(),
        "SPARK_SCALA_VERSION", "2.13",
        "SPARK_LOCAL_IP", "127.0.0.1",
        "SPARK_PUBLIC_DNS", "127.0.0.1");

    List<String> master = new ArrayList<>(jvm);
    master.addAll(List.of(
        "-Dspark.master.rest.enabled=true",
        "-Dspark.master.rest.host=127.0.0.1",
        "-Dspark.master.rest.port=" + restPort,
        "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(webPort)));
    processes.add(ServerProcesses.start(master, environment, folder, masterLog()));

    List<String> worker = new ArrayList<>(jvm);
    worker.addAll(List.of(
        "org.apache.spark.deploy.worker.Worker",
        "--host", "127.0.0.1", "--port", Integer.toString(ServerProcesses.freePort()),
        "--webui-port", Integer.toString(ServerProcesses.freePort()),
        "--cores", "2", "--memory", "2g", "--work-dir", workerWorkDir.toString(),
        masterUrl()));
    processes.add(ServerProcesses.start(worker, environment, folder, workerLog()));
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String state = "nothing answers at " + webUrl() + "/json/";
    while (true) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new IllegalStateException("a Spark cluster process ended with " + process.exitValue()
              + " while starting (" + state + ")" + logTails());
        }
      }
      JsonNode master = ServerProcesses.jsonOrNull(webUrl() + "/json/");
      if (master != null) {
        state = "the master shows " + master.path("aliveworkers").asInt() + " alive workers";
        if (master.path("aliveworkers").asInt() == 1) {
          HttpResponse<String> ready = ServerProcesses.getOrNull(restUrl() + "/v1/submissions/readyz", Map.of());
          state += ready == null ? "; its REST server does not answer" : "; its REST server's readyz answers "
              + ready.statusCode();
          if (ready != null && ready.statusCode() == 200) {
            workerWebUrl = master.path("workers").path(0).path("webuiaddress").asText();
            return;
          }
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the Spark cluster was not ready after " + START_TIMEOUT.toSeconds() + " s ("
            + state + ")" + logTails());
      }
      ServerProcesses.pause(Duration.ofMillis(250));
    }
  }

  /** The master's URL for {@code spark.master}: {@code spark://127.0.0.1:<port>}. */
  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The master's REST submission server: {@code http://127.0.0.1:<port>} (append {@code /v1/submissions/…}). */
  public String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  /** The master's web UI: {@code http://127.0.0.1:<port>} ({@code GET /json/} describes the cluster). */
  public String webUrl() {
    return "http://127.0.0.1:" + webPort;
  }

  /**
   * The worker's web UI as the master reports it ({@code workers[0].webuiaddress}), which serves
   * driver logs at {@code /log/?driverId=…&logType=stdout&offset=…&byteLength=…}.
   */
  public String workerWebUrl() {
    return workerWebUrl;
  }

  /** The worker's work folder: one sub-folder per driver ({@code driver-…}) and per application. */
  public Path workerWorkDir() {
    return workerWorkDir;
  }

  /** The folder of {@code master.log} and {@code worker.log} (stdout and stderr of each). */
  public Path logs() {
    return logs;
  }

  /** The Spark home the cluster runs. */
  public Path sparkHome() {
    return sparkHome;
  }

  /** Spark's version (4.1.3), for {@code clientSparkVersion} in REST submissions. */
  public String sparkVersion() {
    return sparkVersion;
  }

  /** The last lines of the master's and the worker's logs, for failure messages. */
  public String logTails() {
    return ServerProcesses.tails(40, masterLog(), workerLog());
  }

  private Path masterLog() {
    return logs.resolve("master.log");
  }

  private Path workerLog() {
    return logs.resolve("worker.log");
  }

  /** Stops the worker with its drivers and executors, then the master (SIGTERM, then SIGKILL after 15 s). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = processes.size() - 1; i >= 0; i--) {
      ServerProcesses.stopTree(processes.get(i), STOP_GRACE);
    }
  }

  @Override
  public String toString() {
    return "SparkCluster[" + masterUrl() + ", rest " + restUrl() + ", web " + webUrl() + ", " + folder + "]";
  }
}
