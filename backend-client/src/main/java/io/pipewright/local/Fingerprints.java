package io.pipewright.local;

import io.pipewright.model.Placeholders;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeTarget;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A step's fingerprint: what must be equal for an earlier result to be reused. It is made of
 * named parts (definition, sources, inputs, environment, runtime), each a SHA-256, so that when a
 * step is not reused Pipewright can say which part changed.
 */
final class Fingerprints {

  /** Directories and files in a source directory that are not part of a step's sources. */
  private static final Set<String> IGNORED_DIRECTORIES =
      Set.of(".git", "target", "__pycache__", ".idea", ".venv", "node_modules", ".pipewright");

  private Fingerprints() {}

  /** Parts of a fingerprint, in a fixed order, and their combined hash. */
  record Fingerprint(Map<String, String> parts, String value) {

    static Fingerprint of(Map<String, String> parts) {
      StringBuilder all = new StringBuilder();
      parts.forEach((k, v) -> all.append(k).append('=').append(v).append('\n'));
      return new Fingerprint(Map.copyOf(parts), sha256(all.toString()));
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

  static String environment(Step step) {
    return sha256(step.environment().toString());
  }

  /**
   * What identifies the Spark a step runs on, for the runtime part: the Spark core jar of the
   * target's Spark home (or the bundled runtime's) and the content of Pipewright's SQL driver there.
   */
  static String runtimeIdentity(ComputeTarget target, FileHashes hashes) {
    String home = target.setting("sparkHome").orElseGet(() -> Optional.ofNullable(System.getProperty(
        SparkRuntime.HOME_PROPERTY)).orElse(Optional.ofNullable(System.getenv(SparkRuntime.HOME_VARIABLE)).orElse("")));
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
    MessageDigest digest = newDigest();
    if (Files.isDirectory(sourceDirectory)) {
      for (Path file : filesUnder(sourceDirectory, true)) {
        String rel = sourceDirectory.relativize(file).toString().replace('\\', '/');
        if (rel.endsWith(".pipeline.json")) {
          continue;
        }
        update(digest, rel, hashes.of(file));
      }
    }
    for (Path extra : extraFiles) {
      if (!extra.normalize().startsWith(sourceDirectory.normalize()) && Files.exists(extra)) {
        for (Path file : Files.isDirectory(extra) ? filesUnder(extra, false) : List.of(extra)) {
          update(digest, file.toString(), hashes.of(file));
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The content of a file or directory: relative paths and bytes, Spark's checksum files left out. */
  static String content(Path data, FileHashes hashes) {
    MessageDigest digest = newDigest();
    if (Files.isRegularFile(data)) {
      update(digest, data.getFileName().toString(), hashes.of(data));
    } else if (Files.isDirectory(data)) {
      for (Path file : filesUnder(data, false)) {
        String name = file.getFileName().toString();
        if (name.endsWith(".crc")) {
          continue;
        }
        update(digest, data.relativize(file).toString().replace('\\', '/'), hashes.of(file));
      }
    } else {
      digest.update("missing".getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Regular files under {@code root}, sorted. With {@code skipIgnored}, leaves out build output,
   * caches and any directory holding a Pipewright workspace ({@code history.db}): a pipeline file
   * kept in a home directory must not make every step hash the user's whole home.
   */
  private static List<Path> filesUnder(Path root, boolean skipIgnored) {
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (skipIgnored && !dir.equals(root)
              && (IGNORED_DIRECTORIES.contains(dir.getFileName().toString()) || Files.exists(dir.resolve("history.db")))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && !(skipIgnored && file.getFileName().toString().endsWith(".pyc"))) {
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
