package io.pipewright.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The fixture pipelines under src/test/resources/pipelines and the computes they are checked against. */
final class Fixtures {

  /**
   * A machine with two cores: local Spark, plain processes, a remote Spark cluster that passed its
   * connection test, one just attached that never did, and one on another machine with no staging folder.
   */
  static final Map<String, ComputeProfile> COMPUTES = Map.of(
      "local-spark", new ComputeProfile("local-spark", "local-spark", true, 2, true, false),
      "local-process", new ComputeProfile("local-process", "local-process", false, 2, false, false),
      "cluster", new ComputeProfile("cluster", "spark-standalone", true, 0, false, true),
      "new-cluster", new ComputeProfile("new-cluster", "livy", true, 0, false, false),
      "far-cluster", new ComputeProfile("far-cluster", "spark-standalone", true, 0, false, true, false));

  private Fixtures() {}

  static Path dir(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/pipelines/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> valid() {
    return list("valid");
  }

  static List<Path> invalid() {
    return list("invalid");
  }

  static Path invalid(String fileNameStart) {
    return invalid().stream()
        .filter(p -> p.getFileName().toString().startsWith(fileNameStart))
        .findFirst()
        .orElseThrow();
  }

  static Path valid(String fileNameStart) {
    return valid().stream()
        .filter(p -> p.getFileName().toString().startsWith(fileNameStart))
        .findFirst()
        .orElseThrow();
  }

  /** The workspace's datastores: "default", a folder holding titanic/Titanic.csv, and a remote one. */
  static Map<String, Path> datastores() {
    Map<String, Path> roots = new java.util.HashMap<>();
    roots.put("default", dir("datastore"));
    roots.put("lake", null); // not a folder of this machine: its paths are not checked
    return roots;
  }

  static ValidationContext contextFor(Path fixture) {
    return new ValidationContext(fixture.getParent(), COMPUTES, datastores());
  }

  static LoadedPipeline load(Path fixture) {
    try {
      return PipelineFormat.read(fixture);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(String name) {
    try (Stream<Path> files = Files.list(dir(name))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".pipeline.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
