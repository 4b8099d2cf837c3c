package io.pipewright.local;

import io.pipewright.model.Placeholders;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.IgnoreFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A step's fingerprint: what must be equal for an earlier result to be reused. It is made of
 * named parts (definition, sources, inputs, environment, runtime), each a SHA-256, so that when a
 * step is not reused Pipewright can say which part changed; and each part keeps the detail it was
 * made from (setting to value, source file to hash, input file to hash, size and time), so that it
 * can say which field changed ({@link ReuseChanges}).
 *
 * <p>A source directory's files are those of its snapshot ({@link IgnoreFiles}: {@code .amlignore},
 * else {@code .gitignore}), less build output, caches and Pipewright workspaces.
 */
final class Fingerprints {

  /** Directories and files in a source directory that are not part of a step's sources. */
  private static final Set<String> IGNORED_DIRECTORIES =
      Set.of(".git", "target", "__pycache__", ".idea", ".venv", "node_modules", ".pipewright");

  private Fingerprints() {}

  /**
   * Parts of a fingerprint, in a fixed order, their combined hash, and the detail of each part
   * (part name to field to value) that explains a change.
   */
  record Fingerprint(Map<String, String> parts, String value, Map<String, Map<String, String>> details) {

    static Fingerprint of(Map<String, String> parts) {
      return of(parts, Map.of());
    }

    static Fingerprint of(Map<String, String> parts, Map<String, Map<String, String>> details) {
      StringBuilder all = new StringBuilder();
      parts.forEach((k, v) -> all.append(k).append('=').append(v).append('\n'));
      return new Fingerprint(Map.copyOf(parts), sha256(all.toString()), details);
    }

    /** The names of the parts that differ from an earlier fingerprint's. */
    List<String> changedSince(Map<String, String> earlier) {
      List<String> changed = new ArrayList<>();
      new TreeMap<>(parts).forEach((k, v) -> {
        if (!v.equals(earlier.get(k))) {
          changed.add(k);
        }
      });
      return changed;
    }
  }

  /**
   * The definition part: what the step does, with parameter values in place of parameter
   * placeholders. Name, description and output registrations do not change the result.
   */
  static String definition(Step step, String computeName, Map<String, String> parameters) {
    StringBuilder d = new StringBuilder();
    d.append("kind=").append(step.kind()).append('\n');
    d.append("compute=").append(computeName).append('\n');
    for (String argument : step.arguments()) {
      d.append("arg=").append(Placeholders.substitute(argument, ref -> ref.kind() == Placeholders.Kind.PARAMETERS
          ? "{parameters=" + parameters.getOrDefault(ref.name(), "") + "}"
          : ref.toString())).append('\n');
    }
    step.inputs().forEach(p -> d.append("input=").append(p.name()).append(':').append(p.mode()).append('\n'));
    step.outputs().forEach(p -> d.append("output=").append(p.name()).append('\n'));
    if (step.kind() instanceof SparkStep spark && spark.entry() instanceof SparkEntry.Sql) {
      // SQL text may use {parameters.X}: their values are part of what the step does.
      d.append("parameters=").append(new TreeMap<>(parameters)).append('\n');
    }
    return sha256(d.toString());
  }

  /**
   * The fields of a step's definition as a person reads them, in order: compute, command or Spark
   * entry and settings (by their spark-submit names), arguments as written, the values of the
   * parameters they use (all of them for SQL), input modes and outputs.
   */
  static Map<String, String> definitionFields(Step step, String computeName, Map<String, String> parameters) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("compute", computeName);
    java.util.Set<String> usedParameters = new java.util.TreeSet<>();
    if (step.kind() instanceof ScriptStep script) {
      f.put("command", script.command());
      Placeholders.find(script.command()).stream().filter(r -> r.kind() == Placeholders.Kind.PARAMETERS)
          .forEach(r -> usedParameters.add(r.name()));
    } else if (step.kind() instanceof SparkStep spark) {
      SparkEntry entry = spark.entry();
      f.put("entry", entry instanceof SparkEntry.Jar jar ? "JAR " + jar.file() + " (main class " + jar.mainClass() + ")"
          : (entry instanceof SparkEntry.Sql ? "SQL " : "Python ") + entry.file());
      SparkSettings settings = spark.settings();
      f.put("spark.driver.memory", settings.driverMemory());
      f.put("spark.driver.cores", Integer.toString(settings.driverCores()));
      f.put("spark.executor.memory", settings.executorMemory());
      f.put("spark.executor.cores", Integer.toString(settings.executorCores()));
      if (settings.dynamicAllocation() == null) {
        f.put("spark.executor.instances", Integer.toString(settings.executors()));
      } else {
        f.put("spark.dynamicAllocation.minExecutors", Integer.toString(settings.dynamicAllocation().minExecutors()));
        f.put("spark.dynamicAllocation.maxExecutors", Integer.toString(settings.dynamicAllocation().maxExecutors()));
      }
      settings.conf().forEach(f::put);
      putList(f, "--jars", settings.jars());
      putList(f, "--py-files", settings.pyFiles());
      putList(f, "--files", settings.files());
      putList(f, "--archives", settings.archives());
      if (spark.entry() instanceof SparkEntry.Sql) {
        usedParameters.addAll(parameters.keySet());
      }
    }
    for (int i = 0; i < step.arguments().size(); i++) {
      String argument = step.arguments().get(i);
      f.put("argument " + (i + 1), argument);
      Placeholders.find(argument).stream().filter(r -> r.kind() == Placeholders.Kind.PARAMETERS)
          .forEach(r -> usedParameters.add(r.name()));
    }
    usedParameters.forEach(name -> f.put("parameter " + name, parameters.getOrDefault(name, "")));
    step.inputs().forEach(p -> f.put("input " + p.name(), p.mode().wireName()));
    step.outputs().forEach(p -> f.put("output " + p.name(), "written"));
    return f;
  }

  private static void putList(Map<String, String> fields, String name, List<String> values) {
    if (!values.isEmpty()) {
      fields.put(name, String.join(",", values));
    }
  }

  static String environment(Step step) {
    return sha256(step.environment().toString());
  }

  /** The fields of a step's environment: its pip packages and each variable. */
  static Map<String, String> environmentFields(Step step) {
    Map<String, String> f = new LinkedHashMap<>();
    if (!step.environment().pipPackages().isEmpty()) {
      f.put("pip packages", String.join(" ", step.environment().pipPackages()));
    }
    new TreeMap<>(step.environment().variables()).forEach((k, v) -> f.put("environment variable " + k, v));
    return f;
  }

  /**
   * What identifies the Spark a step runs on, for the runtime part: the Spark core jar of the
   * target's Spark home (or the bundled runtime's) and the content of Pipewright's SQL driver there.
   */
  static String runtimeIdentity(ComputeTarget target, FileHashes hashes) {
    String home = target.setting("sparkHome").orElseGet(() -> SparkRuntime.configuredHome().orElse(""));
    Path driver = Path.of(home, "pipewright", "pipewright-spark-driver.jar");
    String driverHash = Files.isRegularFile(driver) ? hashes.of(driver) : "none";
    try (Stream<Path> jars = Files.list(Path.of(home, "jars"))) {
      return "jars=" + jars.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("spark-core_")).toList()
          + " driver=" + driverHash;
    } catch (IOException e) {
      return "unknown:" + home;
    }
  }

  /**
   * The sources part: every file under the source directory (except pipeline files, build output,
   * caches and Pipewright workspaces) plus files the step names outside it, by relative path and
   * content.
   */
  static String sources(Path sourceDirectory, List<Path> extraFiles, FileHashes hashes) {
    return sources(sourceDirectory, extraFiles, hashes, new LinkedHashMap<>());
  }

  /** As above, putting each file's name (relative to the source directory, else absolute) and hash in {@code files}. */
  static String sources(Path sourceDirectory, List<Path> extraFiles, FileHashes hashes, Map<String, String> files) {
    MessageDigest digest = newDigest();
    if (Files.isDirectory(sourceDirectory)) {
      for (Path file : filesUnder(sourceDirectory, true)) {
        String rel = sourceDirectory.relativize(file).toString().replace('\\', '/');
        if (rel.endsWith(".pipeline.json")) {
          continue;
        }
        String hash = hashes.of(file);
        update(digest, rel, hash);
        files.put(rel, hash);
      }
    }
    for (Path extra : extraFiles) {
      if (!extra.normalize().startsWith(sourceDirectory.normalize()) && Files.exists(extra)) {
        for (Path file : Files.isDirectory(extra) ? filesUnder(extra, false) : List.of(extra)) {
          String hash = hashes.of(file);
          update(digest, file.toString(), hash);
          files.put(file.toString(), hash);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The content of a file or directory: relative paths and bytes, Spark's checksum files left out. */
  static String content(Path data, FileHashes hashes) {
    return content(data, hashes, new LinkedHashMap<>());
  }

  /**
   * As above, putting each file's name (its path in the folder, or the file's name) and {@code
   * "HASH SIZE MODIFIED"} (bytes, epoch milliseconds) in {@code files}.
   */
  static String content(Path data, FileHashes hashes, Map<String, String> files) {
    MessageDigest digest = newDigest();
    if (Files.isRegularFile(data)) {
      String hash = hashes.of(data);
      update(digest, data.getFileName().toString(), hash);
      files.put(data.getFileName().toString(), fileDetail(data, hash));
    } else if (Files.isDirectory(data)) {
      for (Path file : filesUnder(data, false)) {
        String name = file.getFileName().toString();
        if (name.endsWith(".crc")) {
          continue;
        }
        String rel = data.relativize(file).toString().replace('\\', '/');
        String hash = hashes.of(file);
        update(digest, rel, hash);
        files.put(rel, fileDetail(file, hash));
      }
    } else {
      digest.update("missing".getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String fileDetail(Path file, String hash) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return hash + " " + a.size() + " " + a.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return hash;
    }
  }

  /**
   * Regular files under {@code root}, sorted. With {@code skipIgnored} (a source directory), leaves
   * out what its {@code .amlignore} or {@code .gitignore} files name ({@link IgnoreFiles}), build
   * output, caches and any directory holding a Pipewright workspace ({@code history.db}): a pipeline
   * file kept in a home directory must not make every step hash the user's whole home. Data
   * directories are taken whole.
   */
  private static List<Path> filesUnder(Path root, boolean skipIgnored) {
    if (skipIgnored) {
      return IgnoreFiles.files(root, (path, directory) -> directory
          ? IGNORED_DIRECTORIES.contains(path.getFileName().toString()) || Files.exists(path.resolve("history.db"))
          : path.getFileName().toString().endsWith(".pyc"));
    }
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            files.add(file);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.sort(null);
    return files;
  }

  private static void update(MessageDigest digest, String name, String contentHash) {
    digest.update(name.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(contentHash.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  static String sha256(String text) {
    return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
