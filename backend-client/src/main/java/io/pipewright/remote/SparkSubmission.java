package io.pipewright.remote;

import io.pipewright.model.SparkSettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Spark step as any cluster takes it, with every path already as the cluster sees it.
 *
 * @param name the application name ({@code spark.app.name}), the step's name
 * @param tag a name chosen by Pipewright, unique to this run, step and attempt: a create call whose
 *     answer was lost is looked up by it before anything is sent again
 * @param appResource the jar (a user's, or Pipewright's SQL driver) or Python file, as a {@code file:}
 *     URI or a path the cluster reads
 * @param mainClass the main class, or null for a Python file
 * @param settings driver and executor resources as the step asks them
 * @param conf Spark properties: the step's own {@code conf} and those Pipewright adds
 * @param jars extra jars, as the cluster sees them (also pyFiles, files, archives)
 */
public record SparkSubmission(
    String name,
    String tag,
    String appResource,
    String mainClass,
    List<String> args,
    SparkSettings settings,
    Map<String, String> conf,
    List<String> jars,
    List<String> pyFiles,
    List<String> files,
    List<String> archives,
    Map<String, String> environment) {

  public SparkSubmission {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(appResource, "appResource");
    args = List.copyOf(args);
    conf = Map.copyOf(conf);
    jars = List.copyOf(jars);
    pyFiles = List.copyOf(pyFiles);
    files = List.copyOf(files);
    archives = List.copyOf(archives);
    environment = Map.copyOf(environment);
  }
}
