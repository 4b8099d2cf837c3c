package io.pipewright.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** What {@link SparkCluster} and {@link LivyServer} share: ports, the Spark home, child JVMs, logs. */
final class ServerProcesses {

  static final String SPARK_HOME_PROPERTY = "pipewright.spark.runtime";
  static final String LIVY_HOME_PROPERTY = "pipewright.livy.home";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  /** Ports handed out by this JVM, so that two servers started together never get the same one. */
  private static final Set<Integer> GIVEN = new HashSet<>();

  private ServerProcesses() {}

  /** A port nothing listens on at 127.0.0.1 now, never the same twice in this JVM. */
  static synchronized int freePort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (GIVEN.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      }
    }
    throw new IOException("no free port on 127.0.0.1 after 50 attempts");
  }

  /** The project's Spark home (spark-runtime/target/spark-home), from -Dpipewright.spark.runtime. */
  static Path sparkHome() {
    return homeFrom(SPARK_HOME_PROPERTY, "jars", "./mvnw -o package -pl spark-runtime");
  }

  /** The Livy jars laid out by test-servers/livy (target/livy), from -Dpipewright.livy.home. */
  static Path livyHome() {
    return homeFrom(LIVY_HOME_PROPERTY, "jars", "./mvnw -o package -pl test-servers/livy");
  }

  private static Path homeFrom(String property, String mustHold, String build) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("-D" + property + " is not set (Maven's surefire sets it for backend-client"
          + " and app; in an IDE, set it to the folder that '" + build + "' makes)");
    }
    Path home = Path.of(value).toAbsolutePath().normalize();
    if (!Files.isDirectory(home.resolve(mustHold))) {
      throw new IllegalStateException(home + " (-D" + property + ") has no " + mustHold + "/ folder: build it with "
          + build);
    }
    return home;
  }

  /** The Java that runs the tests (JDK 17–21, as the build enforces): the servers run on it too. */
  static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * The options Spark's own launcher adds on Java 17 ({@code --add-opens …} and a few {@code -D}),
   * read from the home's spark-launcher jar, as {@code io.pipewright.local.SparkRuntime} does.
   */
  static List<String> moduleOptions(Path sparkHome) throws IOException {
    Path launcherJar;
    try (Stream<Path> jars = Files.list(sparkHome.resolve("jars"))) {
      launcherJar = jars.filter(p -> p.getFileName().toString().startsWith("spark-launcher_"))
          .findFirst()
          .orElseThrow(() -> new IOException(sparkHome + "/jars has no spark-launcher jar"));
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {launcherJar.toUri().toURL()}, null)) {
      Class<?> options = Class.forName("org.apache.spark.launcher.JavaModuleOptions", true, loader);
      Method array = options.getMethod("defaultModuleOptionArray");
      return List.copyOf(Arrays.asList((String[]) array.invoke(null)));
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IOException("cannot read Java module options from " + launcherJar + ": " + e, e);
    }
  }

  /** Spark's version, from the spark-core jar's name (4.1.3). */
  static String sparkVersion(Path sparkHome) throws IOException {
    try (Stream<Path> jars = Files.list(sparkHome.resolve("jars"))) {
      return jars.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("spark-core_"))
          .map(n -> n.substring(n.indexOf('-', "spark-core_".length()) + 1).replace(".jar", ""))
          .findFirst()
          .orElseThrow(() -> new IOException(sparkHome + "/jars has no spark-core jar"));
    }
  }

  /** {@code <home>/jars/*}, the class path entry for every jar of a home. */
  static String allJars(Path home) {
    return home.resolve("jars") + File.separator + "*";
  }

  /**
   * Starts a child JVM logging stdout and stderr to {@code log}, with the test JVM's environment
   * minus every Spark, PySpark, Hadoop, YARN and Livy variable, plus {@code environment}.
   */
  static Process start(List<String> command, Map<String, String> environment, Path directory, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("SPARK_") || name.startsWith("PYSPARK_")
        || name.startsWith("HADOOP_") || name.startsWith("YARN_") || name.startsWith("LIVY_"));
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** A folder for a server started without one: under the module's target/test-servers when there is a target/. */
  static Path newFolder(String prefix) throws IOException {
    Path target = Path.of("target");
    Path parent = Files.isDirectory(target) ? target.resolve("test-servers") : Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(parent);
    return Files.createTempDirectory(parent, prefix).toAbsolutePath();
  }

  /** The last {@code lines} lines of each log, headed by its path, for failure messages. */
  static String tails(int lines, Path... logs) {
    StringBuilder text = new StringBuilder();
    for (Path log : logs) {
      text.append("\n---- last ").append(lines).append(" lines of ").append(log).append(" ----\n");
      try {
        List<String> all = List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n", -1));
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(line -> text.append(line).append('\n'));
      } catch (IOException e) {
        text.append("(unreadable: ").append(e).append(")\n");
      }
    }
    return text.toString();
  }

  /** GET {@code url}: the response, or null when nothing answers (yet). */
  static HttpResponse<String> getOrNull(String url, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
    headers.forEach(request::header);
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The JSON body of a 200 answer to GET {@code url}, or null. */
  static JsonNode jsonOrNull(String url) {
    HttpResponse<String> response = getOrNull(url, Map.of());
    if (response == null || response.statusCode() != 200) {
      return null;
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Stops a process and all its descendants (the drivers and executors a worker started, the
   * spark-submit JVMs of Livy): SIGTERM to all, then SIGKILL to what still runs after {@code grace},
   * waiting for the exits at most {@code grace} again.
   */
  static void stopTree(Process process, Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>();
    process.descendants().forEach(tree::add);
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    awaitExits(tree, grace);
    process.descendants().forEach(tree::add); // anything started while stopping
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    awaitExits(tree, grace);
  }

  private static void awaitExits(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle process : processes) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        process.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Sleeps a moment between two polls. */
  static void pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a server", e);
    }
  }
}
