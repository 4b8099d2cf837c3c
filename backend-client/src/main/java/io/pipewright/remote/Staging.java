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
 * they are checked and registered as they are for a local step. A backend whose cluster reads another
 * store (Synapse: the workspace's ADLS Gen2 storage) stages there through its own {@link Area}.
 */
public final class Staging {
  /**
   * Where a step's files are copied for the cluster and where it writes its outputs: a folder every
   * worker can read, or a cloud store. Paths are relative to the step's own staging root
   * ({@code inputs/titanic}, {@code step.sql}, {@code outputs/prepared}).
   */
  public interface Area {
    /** Copies a local file, or a folder and all it holds, to {@code relative}. */
    void upload(Path local, String relative) throws IOException;

    /** How the cluster names {@code relative} in arguments and SQL. */
    String path(String relative);

    /** How the cluster names {@code relative} as a file it runs or ships (the entry file, jars): a URI. */
    String uri(String relative);

    /** Copies into {@code local} what the step wrote at {@code relative}; nothing when it wrote nothing there. */
    void download(String relative, Path local) throws IOException;

    /** Where the files are, for the step's log. */
    String describe();
  }

  private final Area area;
  private final Map<String, String> mapped = new LinkedHashMap<>();
  private final Map<String, Path> outputs = new LinkedHashMap<>();

  private Staging(Area area) {
    this.area = area;
  }

  /** The staging of one step in {@code area} (a backend's own store). */
  public static Staging in(Area area) {
    return new Staging(java.util.Objects.requireNonNull(area, "area"));
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
    return new Staging(new Folder(dir, root));
  }

  /** Where files are staged, for the step's log. */
  public String describe() {
    return area == null ? "files read from this workspace's folders" : "files staged in " + area.describe();
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
        if (area != null) {
          String relative = "outputs/" + port;
          outputs.put(relative, path);
          mapped.put(path.toString(), area.path(relative));
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
        appResource = stageUri(sqlDriverJar, "pipewright-spark-driver.jar");
        mainClass = "io.pipewright.spark.SqlStepDriver";
        Path sqlFile = launch.workDirectory().resolve("step.sql");
        if (area != null) {
          mapped.put(sqlFile.toString(), area.path("step.sql"));
        }
        args = SqlDriverArguments.of(launch, sql, sqlFile, this::where);
        stage(sqlFile, "step.sql");
      } else {
        appResource = stageUri(launch.sourceDirectory().resolve(spark.entry().file()), "src/" + spark.entry().file());
        mainClass = spark.entry() instanceof SparkEntry.Jar jar ? jar.mainClass() : null;
        args = launch.step().arguments().stream().map(a -> resolve(a, launch)).toList();
      }
      Map<String, String> conf = new LinkedHashMap<>(settings.conf());
      conf.putAll(extraConf);
      return new SparkSubmission(launch.step().name(), tag, appResource, mainClass, args, settings, conf,
          files(launch, settings.jars()), files(launch, settings.pyFiles()), files(launch, settings.files()),
          files(launch, settings.archives()), launch.step().environment().variables());
    } catch (UncheckedIOException e) {
      throw new WorkspaceException("cannot copy the step's files to the staging area " + area.describe() + ": "
          + e.getCause().getMessage(), e);
    }
  }

  /** The path the cluster sees for a path of this machine. */
  public String where(String localPath) {
    return mapped.getOrDefault(localPath, localPath);
  }

  /** After the step succeeded: copies the outputs it wrote in the staging area into the run. */
  public void collectOutputs() throws IOException {
    for (Map.Entry<String, Path> output : outputs.entrySet()) {
      area.download(output.getKey(), output.getValue());
    }
  }

  /** Stages a step's own file, a file of the run's, or the SQL driver jar; maps its path for arguments and SQL. */
  private void stage(Path local, String as) {
    if (area == null) {
      return;
    }
    try {
      area.upload(local, as);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    mapped.put(local.toString(), area.path(as));
  }

  /** Stages a file the cluster runs or ships; its URI as the cluster sees it. */
  private String stageUri(Path local, String as) {
    if (area == null) {
      return uri(local);
    }
    stage(local, as);
    return area.uri(as);
  }

  private List<String> files(StepLaunch launch, List<String> names) {
    return names.stream().map(n -> stageUri(launch.sourceDirectory().resolve(n), "src/" + n)).toList();
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

  /** A folder every worker can read and write (a shared mount). */
  private record Folder(String configured, Path root) implements Area {
    @Override
    public void upload(Path local, String relative) throws IOException {
      FileTrees.copy(local, root.resolve(relative));
    }

    @Override
    public String path(String relative) {
      return root.resolve(relative).toString();
    }

    @Override
    public String uri(String relative) {
      return Staging.uri(root.resolve(relative));
    }

    @Override
    public void download(String relative, Path local) throws IOException {
      Path staged = root.resolve(relative);
      if (Files.exists(staged)) {
        FileTrees.copy(staged, local);
      }
    }

    @Override
    public String describe() {
      return configured;
    }
  }
}
