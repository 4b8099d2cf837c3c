package io.pipewright.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Removes from jars the native libraries built for other platforms than the package's (Linux on
 * x86-64 with glibc), and drops jars left with nothing else: a library for another operating system
 * or processor can never be loaded where the package installs, so the package provably loses
 * nothing by leaving it out. Spark's jars carry such libraries for up to fifteen platforms
 * (RocksDB alone 190 MB of them, uncompressed); the app's jars (SQLite, JNA) some more.
 *
 * <p>An entry is a native library when its name ends in {@code .so}, {@code .dll}, {@code .dylib}
 * or {@code .jnilib}; it is for another platform when it is a Windows or macOS library ({@code
 * .dll}, {@code .dylib}, {@code .jnilib}) or a word of its path names another operating
 * system ({@code osx}, {@code Windows}, {@code FreeBSD}, {@code musl}, …) or processor ({@code
 * aarch64}, {@code ppc64le}, 32-bit {@code x86}, …). A native library whose path names no platform
 * is kept.
 *
 * <p>Usage: {@code java -cp … io.pipewright.installer.PlatformNatives DIRECTORY…}: trims every jar
 * in the directories in place and prints what it removed.
 */
public final class PlatformNatives {

  private static final Pattern NATIVE = Pattern.compile("(?i).*\\.(so(\\.\\d+)*|dll|dylib|jnilib)$");

  /** Windows' and macOS's library formats: never loaded on Linux. */
  private static final Pattern WINDOWS_OR_MACOS = Pattern.compile("(?i).*\\.(dll|dylib|jnilib)$");

  /** Words that name an operating system other than Linux with glibc. */
  private static final Set<String> OTHER_SYSTEMS = Set.of("win", "win32", "win64", "windows", "windows32",
      "windows64", "osx", "darwin", "mac", "macos", "freebsd", "openbsd", "aix", "sunos", "solaris",
      "android", "musl");

  /** Words that name a processor other than x86-64. */
  private static final Set<String> OTHER_PROCESSORS = Set.of("x86", "i386", "i686", "linux32", "arm", "armel",
      "armhf", "armv6", "armv7", "arm64", "aarch64", "ppc", "ppc64", "ppc64le", "s390x", "riscv64",
      "mips64", "mips64el", "loongarch64", "sparcv9");

  private PlatformNatives() {}

  /** Whether a jar entry is a native library built for another platform than Linux x86-64 (glibc). */
  public static boolean isForAnotherPlatform(String entry) {
    if (!NATIVE.matcher(entry).matches()) {
      return false;
    }
    if (WINDOWS_OR_MACOS.matcher(entry).matches()) {
      return true;
    }
    // The spellings of x86-64 first, so that its "x86" and "64" are not read as 32-bit x86.
    String normal = entry.toLowerCase(Locale.ROOT)
        .replaceAll("x86[-_]64", "amd64")
        .replace("aarch_64", "aarch64");
    for (String word : normal.split("[/._-]")) {
      if (OTHER_SYSTEMS.contains(word) || OTHER_PROCESSORS.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** What trimming one jar did. */
  public record Trimmed(Path jar, long bytesBefore, long bytesAfter, int entriesRemoved, boolean dropped) {}

  /**
   * Removes the other platforms' native libraries from a jar, in place; deletes the jar when it held
   * nothing else (no class, no resource outside META-INF/).
   */
  public static Trimmed trim(Path jar) throws IOException {
    long before = Files.size(jar);
    List<String> removed = new ArrayList<>();
    boolean keepsSomething;
    try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
      Path root = zip.getPath("/");
      List<Path> entries;
      try (Stream<Path> walk = Files.walk(root)) {
        entries = walk.filter(Files::isRegularFile).toList();
      }
      for (Path entry : entries) {
        if (isForAnotherPlatform(entry.toString())) {
          Files.delete(entry);
          removed.add(entry.toString());
        }
      }
      keepsSomething = entries.stream().anyMatch(e -> !removed.contains(e.toString())
          && (NATIVE.matcher(e.toString()).matches() || !e.toString().startsWith("/META-INF/")));
    }
    if (!removed.isEmpty() && !keepsSomething) {
      Files.delete(jar);
      return new Trimmed(jar, before, 0, removed.size(), true);
    }
    return new Trimmed(jar, before, Files.size(jar), removed.size(), false);
  }

  /** Trims every jar in the directories given; prints one line per jar changed and a total. */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: PlatformNatives DIRECTORY…  (trims the jars in each, in place)");
      System.exit(2);
    }
    long before = 0;
    long after = 0;
    for (String directory : args) {
      List<Path> jars;
      try (Stream<Path> list = Files.list(Path.of(directory))) {
        jars = list.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
      }
      for (Path jar : jars) {
        Trimmed t;
        try {
          t = trim(jar);
        } catch (IOException | UncheckedIOException e) {
          throw new IOException("cannot trim " + jar + ": " + e.getMessage(), e);
        }
        before += t.bytesBefore();
        after += t.bytesAfter();
        if (t.entriesRemoved() > 0) {
          System.out.printf(Locale.ROOT, "  %-62s %6.1f MB → %s (%d other platforms' libraries)%n",
              jar.getFileName(), mb(t.bytesBefore()), t.dropped() ? "dropped" : String.format(Locale.ROOT,
                  "%.1f MB", mb(t.bytesAfter())), t.entriesRemoved());
        }
      }
    }
    System.out.printf(Locale.ROOT, "other platforms' native libraries removed: %.1f MB → %.1f MB%n",
        mb(before), mb(after));
  }

  private static double mb(long bytes) {
    return bytes / 1048576.0;
  }
}
