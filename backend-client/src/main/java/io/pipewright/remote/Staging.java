package io.pipewright.remote;

import io.pipewright.model.Placeholders;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.workspace.FileTrees;
import io.pipewright.workspace.SqlDriverArguments;
import io.pipewright.workspace.StepLaunch;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a cluster reads a step's files and writes its outputs.
 *
 * <p>Without a staging folder the cluster uses the workspace's own paths: right for a cluster on
 * this machine, whose workers see the same files. With one (a folder every worker can read and
 * write, such as a shared mount), Pipewright copies there what the step needs (its entry file, jars
 * and other files, the SQL driver jar, its inputs) under {@code pipewright-staging/RUN/STEP/}, the
 * step writes its outputs there, and {@link #collectOutputs} copies them back into the run, where
 * they are checked and registered as they are for a local step.
 */
public final class Staging {
  private final Path root;
  private final Map<String, String> mapped = new LinkedHashMap<>();
  private final Map<Path, Path> outputs = new LinkedHashMap<>();

  private Staging(Path root) {
    this.root = root;
  }

  /**
   * The staging of one step: {@code stagingDir} is a folder or a {@code file:} URI, or empty for the
   * workspace's own paths. Other schemes (hdfs, abfss) are refused with the reason.
   */
  public static Staging of(StepLaunch launch, Optional<String> stagingDir) throws WorkspaceException {
    if (stagingDir.isEmpty()) {
      return new Staging(null);
    }
    String dir = stagingDir.get().strip();
    Path folder;
    if (dir.contains("://") || dir.startsWith("file:")) {
      URI uri = URI.create(dir);
      if (!"file".equalsIgnoreCase(uri.getScheme())) {
        throw new WorkspaceException("the staging folder " + dir + " is a " + uri.getScheme() + ":// location, which"
            + " Pipewright cannot copy to yet: use a folder every worker can read and write (a shared mount)");
      }
      folder = Path.of(uri);
    } else {
      folder = Path.of(dir);
    }
    if (!folder.isAbsolute()) {
      throw new WorkspaceException("the staging folder '" + dir + "' must be an absolute path");
    }
    Path root = folder.resolve("pipewright-staging").resolve(launch.runId()).resolve(launch.step().id());
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new WorkspaceException("cannot create the staging folder " + root + ": " + e.getMessage(), e);
    }
    return new Staging(root);
  }

  /** Whether files are copied to a staging folder (false: the cluster uses the workspace's paths). */
  public boolean copies() {
    return root != null;
  }

  /**
   * The step as a submission, with its files staged. SQL steps run Pipewright's SQL driver jar with
   * the step's SQL written next to the step's work.
   */
  public SparkSubmission submission(StepLaunch launch, Path sqlDriverJar, String tag, Map<String, String> extraConf)
      throws WorkspaceException {
    SparkStep spark = (SparkStep) launch.step().kind();
    SparkSettings settings = spark.settings();
    try {
      launch.inputs().forEach((port, input) -> stage(input.path(), "inputs/" + port));
      launch.outputs().forEach((port, path) -> {
        if (root != null) {
          Path staged = root.resolve("outputs").resolve(port);
          outputs.put(staged, path);
          mapped.put(path.toString(), staged.toString());
        }
      });
      String appResource;
      String mainClass;
      List<String> args;
      if (spark.entry() instanceof SparkEntry.Sql sql) {
        if (sqlDriverJar == null || !Files.isRegularFile(sqlDriverJar)) {
          throw new WorkspaceException("SQL steps run through Pipewright's SQL driver jar, which this installation"
              + " lacks (its Spark runtime is missing: build it with ./mvnw -q install -DskipTests)");
        }
        appResource = uri(stage(sqlDriverJar, "pipewright-spark-driver.jar"));
        mainClass = "io.pipewright.spark.SqlStepDriver";
        Path sqlFile = launch.workDirectory().resolve("step.sql");
        if (root != null) {
          mapped.put(sqlFile.toString(), root.resolve("step.sql").toString());
        }
        args = SqlDriverArguments.of(launch, sql, sqlFile, this::where);
        stage(sqlFile, "step.sql");
      } else {
        appResource = uri(stage(launch.sourceDirectory().resolve(spark.entry().file()), "src/" + spark.entry().file()));
        mainClass = spark.entry() instanceof SparkEntry.Jar jar ? jar.mainClass() : null;
        args = launch.step().arguments().stream().map(a -> resolve(a, launch)).toList();
      }
      Map<String, String> conf = new LinkedHashMap<>(settings.conf());
      conf.putAll(extraConf);
      return new SparkSubmission(launch.step().name(), tag, appResource, mainClass, args, settings, conf,
          files(launch, settings.jars()), files(launch, settings.pyFiles()), files(launch, settings.files()),
          files(launch, settings.archives()), launch.step().environment().variables());
    } catch (UncheckedIOException e) {
      throw new WorkspaceException("cannot copy the step's files to the staging folder " + root + ": "
          + e.getCause().getMessage(), e);
    }
  }

  /** The path the cluster sees for a path of this machine. */
  public String where(String localPath) {
    return mapped.getOrDefault(localPath, localPath);
  }

  /** After the step succeeded: copies the outputs it wrote in the staging folder into the run. */
  public void collectOutputs() throws IOException {
    for (Map.Entry<Path, Path> output : outputs.entrySet()) {
      if (Files.exists(output.getKey())) {
        FileTrees.copy(output.getKey(), output.getValue());
      }
    }
  }

  /** The staged copy of a step's own file, a file of the run's, or the SQL driver jar. */
  private Path stage(Path local, String as) {
    if (root == null) {
      return local;
    }
    Path target = root.resolve(as);
    try {
      FileTrees.copy(local, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    mapped.put(local.toString(), target.toString());
    return target;
  }

  private List<String> files(StepLaunch launch, List<String> names) {
    return names.stream().map(n -> uri(stage(launch.sourceDirectory().resolve(n), "src/" + n))).toList();
  }

  private String resolve(String argument, StepLaunch launch) {
    return Placeholders.substitute(argument, ref -> switch (ref.kind()) {
      case INPUTS -> Optional.ofNullable(launch.inputs().get(ref.name()))
          .map(i -> where(i.path().toString())).orElse("");
      case OUTPUTS -> Optional.ofNullable(launch.outputs().get(ref.name()))
          .map(p -> where(p.toString())).orElse("");
      case PARAMETERS -> launch.parameters().getOrDefault(ref.name(), "");
    });
  }

  private static String uri(Path path) {
    return path.toAbsolutePath().normalize().toUri().toString();
  }
}
