package io.pipewright.local;

import io.pipewright.io.AtomicFiles;
import io.pipewright.workspace.JavaHome;
import io.pipewright.workspace.WorkspaceException;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Spark that local Spark steps run on: a Spark home laid out as {@code jars/}, {@code conf/}
 * and Pipewright's SQL driver under {@code pipewright/}, and a Java 17–21 to run it with.
 *
 * <p>The home comes from the compute target's {@code sparkHome} setting, else the system property
 * {@code pipewright.spark.runtime}, else the environment variable {@code PIPEWRIGHT_SPARK_RUNTIME}
 * (the {@code ./pipewright} launcher sets the property to the checkout's {@code
 * spark-runtime/target/spark-home}).
 */
final class SparkRuntime {

  static final String HOME_PROPERTY = "pipewright.spark.runtime";
  static final String HOME_VARIABLE = "PIPEWRIGHT_SPARK_RUNTIME";
  static final String SQL_DRIVER_CLASS = "io.pipewright.spark.SqlStepDriver";

  private final Path home;
  private final Path java;
  private final List<String> moduleOptions;

  private SparkRuntime(Path home, Path java, List<String> moduleOptions) {
    this.home = home;
    this.java = java;
    this.moduleOptions = moduleOptions;
  }

  /**
   * Finds the Spark home and a Java for it.
   *
   * @param configuredHome the compute target's sparkHome, or null
   * @param configuredJava the compute target's javaHome, or null
   */
  static SparkRuntime locate(String configuredHome, String configuredJava) throws WorkspaceException {
    return locate(configuredHome, configuredJava, null);
  }

  /**
   * Finds the Spark home and a Java for it, remembering the home's module options in {@code
   * cacheDirectory} (null: read them every time).
   */
  static SparkRuntime locate(String configuredHome, String configuredJava, Path cacheDirectory)
      throws WorkspaceException {
    Path home = homeFrom(configuredHome);
    Path java = javaFor(configuredJava);
    return new SparkRuntime(home, java, moduleOptionsOf(home, cacheDirectory));
  }

  /**
   * The bundled Spark home as configured ({@code -D}{@value #HOME_PROPERTY}, else {@value
   * #HOME_VARIABLE}), not checked; empty when neither is set.
   */
  static Optional<String> configuredHome() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null || home.isBlank()) {
      home = System.getenv(HOME_VARIABLE);
    }
    return Optional.ofNullable(home).filter(h -> !h.isBlank());
  }

  private static Path homeFrom(String configuredHome) throws WorkspaceException {
    String candidate = configuredHome;
    String origin = "the compute target's Spark home";
    if (candidate == null || candidate.isBlank()) {
      candidate = System.getProperty(HOME_PROPERTY);
      origin = "-D" + HOME_PROPERTY;
    }
    if (candidate == null || candidate.isBlank()) {
      candidate = System.getenv(HOME_VARIABLE);
      origin = HOME_VARIABLE;
    }
    if (candidate == null || candidate.isBlank()) {
      throw new WorkspaceException("no Spark runtime is configured: start Pipewright with ./pipewright, or set "
          + HOME_VARIABLE + " to a Spark home (the build makes one in spark-runtime/target/spark-home)");
    }
    Path home = Path.of(candidate).toAbsolutePath().normalize();
    if (!Files.isDirectory(home.resolve("jars"))) {
      throw new WorkspaceException("the Spark runtime " + home + " (from " + origin + ") has no jars/ directory;"
          + " build it with ./mvnw -pl spark-runtime package");
    }
    return home;
  }

  /** A Java 17–21: the configured one, this JVM, JAVA_HOME, or one under /usr/lib/jvm. */
  static Path javaFor(String configuredJava) throws WorkspaceException {
    if (configuredJava != null && !configuredJava.isBlank()) {
      Path javaHome = Path.of(configuredJava);
      int feature = featureVersion(javaHome).orElseThrow(() -> new WorkspaceException(
          "Java home " + javaHome + " is not a JDK or JRE (no release file)"));
      if (feature < 17 || feature > 21) {
        throw new WorkspaceException("Java home " + javaHome + " is Java " + feature + "; Spark needs Java 17 to 21");
      }
      return javaHome.resolve("bin/java");
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of(System.getProperty("java.home")));
    Optional.ofNullable(System.getenv("JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
    Path jvmDir = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvmDir)) {
      try (Stream<Path> dirs = Files.list(jvmDir)) {
        dirs.sorted().forEach(candidates::add);
      } catch (IOException e) {
        // An unreadable /usr/lib/jvm only means fewer candidates.
      }
    }
    for (Path candidate : candidates) {
      Optional<Integer> feature = featureVersion(candidate);
      if (feature.isPresent() && feature.get() >= 17 && feature.get() <= 21
          && Files.isExecutable(candidate.resolve("bin/java"))) {
        return candidate.resolve("bin/java");
      }
    }
    throw new WorkspaceException("Spark needs Java 17 to 21 and none was found (this app runs on Java "
        + Runtime.version().feature() + "): install a JDK 17 and set the local-spark compute's javaHome, or JAVA_HOME");
  }

  private static Optional<Integer> featureVersion(Path javaHome) {
    return JavaHome.featureVersion(javaHome);
  }

  /**
   * The JVM options Spark's own launcher adds on Java 17 ({@code --add-opens …}), read from the
   * home's spark-launcher jar so that they match the Spark version that runs. Reading them loads
   * the jar in a class loader (~50–90 ms at every start), so they are remembered in the cache
   * directory under the jar's path, size and modification time: another jar, another entry.
   */
  private static List<String> moduleOptionsOf(Path home, Path cacheDirectory) throws WorkspaceException {
    Path launcherJar;
    try (Stream<Path> jars = Files.list(home.resolve("jars"))) {
      launcherJar = jars.filter(p -> p.getFileName().toString().startsWith("spark-launcher_"))
          .findFirst()
          .orElseThrow(() -> new WorkspaceException("the Spark runtime " + home + " has no spark-launcher jar"));
    } catch (IOException e) {
      throw new WorkspaceException("cannot list " + home.resolve("jars") + ": " + e.getMessage(), e);
    }
    Path remembered = null;
    if (cacheDirectory != null) {
      try {
        BasicFileAttributes jar = Files.readAttributes(launcherJar, BasicFileAttributes.class);
        String key = launcherJar.toAbsolutePath() + "\n" + jar.size() + "\n" + jar.lastModifiedTime().toMillis();
        remembered = cacheDirectory.resolve("spark-module-options")
            .resolve(Fingerprints.sha256(key).substring(0, 16) + ".txt");
        if (Files.isRegularFile(remembered)) {
          List<String> options = Files.readAllLines(remembered, StandardCharsets.UTF_8);
          if (!options.isEmpty()) {
            return List.copyOf(options);
          }
        }
      } catch (IOException e) {
        remembered = null; // read them from the jar
      }
    }
    List<String> options = readModuleOptions(launcherJar);
    if (remembered != null) {
      try {
        Files.createDirectories(remembered.getParent());
        Path partial = Files.createTempFile(remembered.getParent(), remembered.getFileName().toString(), ".partial");
        Files.write(partial, options, StandardCharsets.UTF_8);
        AtomicFiles.publish(partial, remembered);
      } catch (IOException e) {
        // Not remembered: the next start reads the jar again.
      }
    }
    return options;
  }

  private static List<String> readModuleOptions(Path launcherJar) throws WorkspaceException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {launcherJar.toUri().toURL()}, null)) {
      Class<?> options = Class.forName("org.apache.spark.launcher.JavaModuleOptions", true, loader);
      Method array = options.getMethod("defaultModuleOptionArray");
      return List.copyOf(Arrays.asList((String[]) array.invoke(null)));
    } catch (ReflectiveOperationException | IOException | ClassCastException e) {
      throw new WorkspaceException("cannot read Java module options from " + launcherJar + ": " + e, e);
    }
  }

  Path home() {
    return home;
  }

  Path java() {
    return java;
  }

  List<String> moduleOptions() {
    return moduleOptions;
  }

  /**
   * The class path of a SparkSubmit JVM: every jar, and only jars (a class-data archive cannot
   * cover a directory on the class path, so conf/ is named by {@link #logConfigurationOption}).
   */
  String classPath() {
    return home.resolve("jars") + File.separator + "*";
  }

  /** Points log4j2 at the home's conf/log4j2.properties. */
  String logConfigurationOption() {
    return "-Dlog4j2.configurationFile=" + home.resolve("conf").resolve("log4j2.properties").toUri();
  }

  /** The SQL driver jar of the configured Spark home (see {@link #locate}), without looking for a Java. */
  static Path sqlDriverJarOf(String configuredHome) throws WorkspaceException {
    return new SparkRuntime(homeFrom(configuredHome), null, List.of()).sqlDriverJar();
  }

  Path sqlDriverJar() throws WorkspaceException {
    Path jar = home.resolve("pipewright/pipewright-spark-driver.jar");
    if (!Files.isRegularFile(jar)) {
      throw new WorkspaceException("the Spark runtime " + home + " has no Pipewright SQL driver ("
          + jar + "); build it with ./mvnw -pl spark-runtime package");
    }
    return jar;
  }

  /** Spark's version, from the spark-core jar's name. */
  String sparkVersion() {
    try (Stream<Path> jars = Files.list(home.resolve("jars"))) {
      return jars.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("spark-core_"))
          .map(n -> n.substring(n.indexOf('-', "spark-core_".length()) + 1).replace(".jar", ""))
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
