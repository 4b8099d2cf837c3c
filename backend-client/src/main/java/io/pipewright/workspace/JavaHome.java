package io.pipewright.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What a Java home directory is: its feature version, from its {@code release} file. */
public final class JavaHome {
  public static final int OLDEST_FOR_SPARK = 17;
  public static final int NEWEST_FOR_SPARK = 21;

  private JavaHome() {}

  /** The feature version (17) of the Java at {@code home}; empty when it is no JDK or JRE. */
  public static Optional<Integer> featureVersion(Path home) {
    if (home.toAbsolutePath().normalize().equals(Path.of(System.getProperty("java.home")).toAbsolutePath().normalize())) {
      return Optional.of(Runtime.version().feature());
    }
    return releaseVersion(home).flatMap(v -> {
      try {
        String first = v.split("[.+-]")[0];
        return Optional.of(Integer.parseInt(first.equals("1") ? v.split("\\.")[1] : first));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    });
  }

  /** The full version ({@code 17.0.15}) of the Java at {@code home}, from its release file. */
  public static Optional<String> fullVersion(Path home) {
    if (home.toAbsolutePath().normalize().equals(Path.of(System.getProperty("java.home")).toAbsolutePath().normalize())) {
      return Optional.of(Runtime.version().toString());
    }
    return releaseVersion(home);
  }

  private static Optional<String> releaseVersion(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return Optional.empty();
    }
    try {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("JAVA_VERSION=")) {
          return Optional.of(line.substring("JAVA_VERSION=".length()).replace("\"", "").trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Why {@code home} cannot run Spark (not a Java, or not 17–21); empty when it can. */
  public static Optional<String> problemForSpark(String setting, Path home) {
    if (!Files.isDirectory(home)) {
      return Optional.of(setting + " " + home + " is not a directory");
    }
    Optional<Integer> feature = featureVersion(home);
    if (feature.isEmpty()) {
      return Optional.of(setting + " " + home + " is not a JDK or JRE (no release file)");
    }
    if (feature.get() < OLDEST_FOR_SPARK || feature.get() > NEWEST_FOR_SPARK) {
      return Optional.of(setting + " " + home + " is Java " + feature.get() + "; Spark needs Java "
          + OLDEST_FOR_SPARK + " to " + NEWEST_FOR_SPARK);
    }
    return Optional.empty();
  }
}
