package io.pipewright.local;

import io.pipewright.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A JVM class-data archive (AppCDS) of Spark's classes, which makes a Spark driver start about a
 * third faster (docs/decisions/0001-how-spark-is-launched.md). The first Spark step that finds
 * none writes it when it exits ({@code -XX:ArchiveClassesAtExit}); later ones map it ({@code
 * -XX:SharedArchiveFile}). Archives live in the user's cache directory, one per Java, Spark jars
 * and JVM options, so an archive never meets a JVM it does not fit.
 *
 * <p>An installed package writes the archive of its own Java, Spark and default options at install
 * into a directory of its own (the system property {@value #INSTALLED_PROPERTY}; its postinst runs a
 * Spark step with {@code PIPEWRIGHT_CACHE} there): a user's first Spark step then maps it instead of
 * writing one (installer/debian/write-class-data, bench/install).
 */
final class ClassDataArchive {

  /** How many archives a cache directory keeps (the ones used last; see {@link #prune}). */
  static final int KEPT = 3;

  /** A read-only directory of archives written at install, used when the user's cache has none. */
  static final String INSTALLED_PROPERTY = "pipewright.spark.classdata";

  private final Path archive;
  private final Path installed;
  private final Path partial;
  private final Path lock;

  private ClassDataArchive(Path archive, Path installed) {
    this.archive = archive;
    this.installed = installed;
    this.partial = archive.resolveSibling(archive.getFileName() + ".partial");
    this.lock = archive.resolveSibling(archive.getFileName() + ".lock");
  }

  /** The archive for a Java, the jars of a Spark home and the JVM options a driver starts with. */
  static ClassDataArchive of(Path cacheDirectory, Path java, Path sparkJars, List<String> jvmOptions)
      throws IOException {
    String installed = System.getProperty(INSTALLED_PROPERTY);
    return of(cacheDirectory, installed == null || installed.isBlank() ? null : Path.of(installed), java,
        sparkJars, jvmOptions);
  }

  /** As {@link #of(Path, Path, Path, List)}, with the directory of archives written at install (or null). */
  static ClassDataArchive of(Path cacheDirectory, Path installedDirectory, Path java, Path sparkJars,
      List<String> jvmOptions) throws IOException {
    StringBuilder key = new StringBuilder();
    key.append(java.toRealPath()).append('\n').append(Runtime.version()).append('\n');
    Path release = java.toRealPath().getParent().getParent().resolve("release");
    if (Files.isRegularFile(release)) {
      key.append(Files.readString(release, StandardCharsets.UTF_8));
    }
    jvmOptions.forEach(o -> key.append(o).append('\n'));
    try (Stream<Path> jars = Files.list(sparkJars)) {
      for (Path jar : jars.sorted().toList()) {
        key.append(jar).append(':').append(Files.size(jar)).append(':')
            .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
      }
    }
    String name = "spark-" + Fingerprints.sha256(key.toString()).substring(0, 16) + ".jsa";
    return new ClassDataArchive(Files.createDirectories(cacheDirectory).resolve(name),
        installedDirectory == null ? null : installedDirectory.resolve(name));
  }

  /**
   * The JVM options that use the archive, or that write it when this driver exits if no other
   * driver is writing it; none when neither is possible. JVM log output goes to stderr, so that a
   * stale archive's warning never lands in the job's stdout.
   */
  Use use() {
    List<String> options = new ArrayList<>(List.of("-Xlog:disable", "-Xlog:all=warning:stderr"));
    if (Files.isRegularFile(archive)) {
      touch(archive);
      options.add("-XX:SharedArchiveFile=" + archive);
      return new Use(options, false);
    }
    if (installed != null && Files.isRegularFile(installed)) {
      options.add("-XX:SharedArchiveFile=" + installed);
      return new Use(options, false);
    }
    if (takeLock()) {
      options.add("-XX:ArchiveClassesAtExit=" + partial);
      return new Use(options, true);
    }
    return new Use(options, false);
  }

  /** JVM options, and whether this driver writes the archive (then call {@link #written}). */
  record Use(List<String> jvmOptions, boolean writes) {}

  /** After a writing driver exited: keeps the archive if it was written whole, and unlocks. */
  void written(boolean driverSucceeded) {
    try {
      if (driverSucceeded && Files.isRegularFile(partial) && Files.size(partial) > 0) {
        AtomicFiles.publish(partial, archive);
        prune(archive.getParent(), KEPT);
      } else {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      // Without an archive drivers only start slower; the next one tries again.
    } finally {
      try {
        Files.deleteIfExists(lock);
      } catch (IOException e) {
        // A leftover lock is taken over once its process is gone (see takeLock).
      }
    }
  }

  /**
   * Marks an archive as used now: the cache keeps the archives used last ({@link #prune}), not the
   * ones written last. Best effort: an archive whose time cannot be set is only pruned sooner.
   */
  private static void touch(Path archive) {
    try {
      Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
    } catch (IOException e) {
      // Pruning then goes by when it was written.
    }
  }

  /**
   * Deletes all but the {@code kept} archives used last in {@code directory}: each Java, Spark home and
   * set of JVM options has its own (about 150 MB), and an upgrade or another Java leaves the old ones
   * behind. A driver that maps one keeps it until it exits (the file is unlinked, not its pages); one
   * that starts with a pruned archive's option runs without it.
   */
  static void prune(Path directory, int kept) {
    List<Path> archives;
    try (Stream<Path> files = Files.list(directory)) {
      archives = files.filter(p -> p.getFileName().toString().matches("spark-[0-9a-f]+\\.jsa"))
          .map(p -> java.util.Map.entry(p, lastUsed(p))) // each archive's time read once
          .sorted(java.util.Map.Entry.<Path, java.nio.file.attribute.FileTime>comparingByValue().reversed())
          .map(java.util.Map.Entry::getKey)
          .toList();
    } catch (IOException e) {
      return;
    }
    for (Path old : archives.subList(Math.min(kept, archives.size()), archives.size())) {
      try {
        Files.deleteIfExists(old);
      } catch (IOException e) {
        // Left for the next pruning.
      }
    }
  }

  private static java.nio.file.attribute.FileTime lastUsed(Path archive) {
    try {
      return Files.getLastModifiedTime(archive);
    } catch (IOException e) {
      return java.nio.file.attribute.FileTime.fromMillis(0);
    }
  }

  /** One writer at a time, across processes: a lock file holding the writer's pid. */
  private boolean takeLock() {
    try {
      Files.writeString(lock, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      try {
        long owner = Long.parseLong(Files.readString(lock).strip());
        if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
          return false;
        }
        Files.deleteIfExists(lock);
        return takeLock();
      } catch (IOException | NumberFormatException stale) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
  }

  Path path() {
    return archive;
  }
}
