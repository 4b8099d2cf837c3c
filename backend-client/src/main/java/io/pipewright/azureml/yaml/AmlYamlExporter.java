package io.pipewright.azureml.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.Edge;
import io.pipewright.model.Environment;
import io.pipewright.model.InputMode;
import io.pipewright.model.InputPort;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Parameter;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Placeholders;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.Severity;
import io.pipewright.model.SourceLocation;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Writes a pipeline as an Azure ML CLI v2 pipeline job ({@code az ml job create -f pipeline.yml}):
 * dataset nodes become pipeline {@code inputs}, parameters literal pipeline inputs, steps inline
 * {@code spark} or {@code command} jobs bound to them with {@code ${{parent.inputs.x}}} and to each
 * other with {@code ${{parent.jobs.J.outputs.O}}}. Each step gets a code folder next to the YAML
 * with a copy of its source directory (and, for a SQL step, Pipewright's SQL driver jar). A step
 * that must not be reused gets a component file, because {@code is_deterministic} is a component's
 * field. docs/azureml-yaml.md has the whole mapping.
 */
public final class AmlYamlExporter {

  public static final String PIPELINE_SCHEMA = "https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json";
  public static final String SPARK_COMPONENT_SCHEMA =
      "https://azuremlschemas.azureedge.net/latest/sparkComponent.schema.json";
  public static final String COMMAND_COMPONENT_SCHEMA =
      "https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json";
  /** The file name of the pipeline job in the export directory. */
  public static final String PIPELINE_FILE = "pipeline.yml";
  /** Pipewright's SQL step driver: the entry class of a SQL step's Spark job. */
  public static final String SQL_DRIVER_CLASS = "io.pipewright.spark.SqlStepDriver";
  /** The name of the SQL driver jar in a SQL step's code folder. */
  public static final String SQL_DRIVER_JAR = "pipewright-spark-driver.jar";
  /** Pipewright's datastore {@code default} is the workspace's default datastore in Azure ML. */
  public static final String DEFAULT_DATASTORE = "workspaceblobstore";
  /** The environment of command jobs that ask for no packages: Azure ML's curated scikit-learn one. */
  public static final String DEFAULT_ENVIRONMENT =
      "azureml://registries/azureml/environments/sklearn-1.5/labels/latest";
  /** The image of command jobs that list pip packages (with a conda file next to it). */
  public static final String DEFAULT_IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04";

  private static final Pattern SPARK_MEMORY = Pattern.compile("^\\d+[kKmMgGtTpP]$");
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .build();

  /**
   * @param pipelineDirectory the directory of the pipeline file: step source directories are relative to it
   * @param sqlDriverJar Pipewright's SQL driver jar, copied into the code folder of each SQL step;
   *     null when the pipeline has no SQL step
   * @param environment the Azure ML environment of command jobs that list no pip packages; null for
   *     {@link #DEFAULT_ENVIRONMENT}
   */
  public record Options(Path pipelineDirectory, Path sqlDriverJar, String environment, String sourceName,
      Function<String, SourceLocation> locate) {
    public Options {
      Objects.requireNonNull(pipelineDirectory, "pipelineDirectory");
      environment = environment == null || environment.isBlank() ? DEFAULT_ENVIRONMENT : environment;
    }

    /** Warnings about the pipeline point at the written pipeline.yml (its start). */
    public Options(Path pipelineDirectory, Path sqlDriverJar, String environment) {
      this(pipelineDirectory, sqlDriverJar, environment, null, null);
    }

    /**
     * Warnings point into the pipeline file {@code source} was read from, at the field of each (as
     * {@link io.pipewright.model.LoadedPipeline#location} finds it).
     */
    public Options located(io.pipewright.model.LoadedPipeline source) {
      return new Options(pipelineDirectory, sqlDriverJar, environment, source.sourceName(),
          pointer -> source.locations().of(pointer));
    }
  }

  /** What an export wrote: the pipeline job file, every file written, and what could not be said exactly. */
  public record Result(Path pipelineFile, List<Path> written, List<AmlYamlProblem> warnings) {
    public Result {
      written = List.copyOf(written);
      warnings = List.copyOf(warnings);
    }
  }

  private final Pipeline pipeline;
  private final Options options;
  private final Path out;
  private final List<AmlYamlProblem> warnings = new ArrayList<>();
  private final List<Path> written = new ArrayList<>();
  private final Map<String, String> jobNames = new HashMap<>();
  private final Map<String, String> inputNames = new HashMap<>();
  private final Map<String, String> parameterNames = new HashMap<>();
  private final Map<String, Map<String, String>> portNames = new HashMap<>();

  private AmlYamlExporter(Pipeline pipeline, Options options, Path out) {
    this.pipeline = pipeline;
    this.options = options;
    this.out = out.toAbsolutePath().normalize();
  }

  /**
   * Writes {@code pipeline.yml}, the steps' code folders and any component and conda files into
   * {@code outDirectory} (created when missing; files of an earlier export are overwritten).
   *
   * @throws AmlYamlException when the pipeline cannot be exported (a SQL step without the SQL driver jar)
   */
  public static Result export(Pipeline pipeline, Options options, Path outDirectory) throws AmlYamlException, IOException {
    return new AmlYamlExporter(pipeline, options, outDirectory).run();
  }

  private Result run() throws AmlYamlException, IOException {
    checkSqlDriver();
    try {
      Files.createDirectories(out);
      Map<String, Object> document = document(true);
      Path file = out.resolve(PIPELINE_FILE);
      write(file, yaml(document));
      return new Result(file, written, warnings);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void checkSqlDriver() throws AmlYamlException {
    boolean hasSql = pipeline.steps().stream()
        .anyMatch(s -> s.kind() instanceof SparkStep spark && spark.entry() instanceof SparkEntry.Sql);
    if (hasSql && (options.sqlDriverJar() == null || !Files.isRegularFile(options.sqlDriverJar()))) {
      throw new AmlYamlException(new AmlYamlProblem(Severity.ERROR, AmlYamlCodes.NOT_COPIED,
          "SQL steps need Pipewright's SQL driver jar in their code folder, and it was not found"
              + (options.sqlDriverJar() == null ? "" : " (" + options.sqlDriverJar() + ")")
              + ": build it with ./mvnw -pl spark-runtime package",
          out.resolve(PIPELINE_FILE).toString(), SourceLocation.START));
    }
  }

  // ---- the document ------------------------------------------------------------------------------

  private Map<String, Object> document(boolean writeFiles) throws AmlYamlException {
    nameEverything();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("$schema", PIPELINE_SCHEMA);
    doc.put("type", "pipeline");
    doc.put("experiment_name", pipeline.id());
    doc.put("display_name", pipeline.name());
    if (!pipeline.description().isBlank()) {
      doc.put("description", pipeline.description());
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    if (pipeline.defaultCompute() != null && !pipeline.defaultCompute().isBlank()) {
      settings.put("default_compute", "azureml:" + pipeline.defaultCompute());
    }
    // Pipewright stops only the dependants of a failed step; the others run to their end.
    settings.put("continue_on_step_failure", true);
    boolean noneReused = !pipeline.steps().isEmpty() && pipeline.steps().stream().noneMatch(Step::allowReuse);
    if (noneReused) {
      settings.put("force_rerun", true);
    }
    doc.put("settings", settings);

    Map<String, Object> inputs = new LinkedHashMap<>();
    for (DatasetNode d : pipeline.datasets()) {
      inputs.put(inputNames.get(d.id()), datasetInput(d));
    }
    for (Parameter p : pipeline.parameters()) {
      inputs.put(parameterNames.get(p.name()), literal(p.defaultValue()));
    }
    if (!inputs.isEmpty()) {
      doc.put("inputs", inputs);
    }
    Map<String, Object> jobs = new LinkedHashMap<>();
    for (Step step : pipeline.steps()) {
      jobs.put(jobNames.get(step.id()), job(step, !noneReused && !step.allowReuse(), writeFiles));
    }
    doc.put("jobs", jobs);
    return doc;
  }

  /** Gives every job, pipeline input and port a name Azure ML accepts, warning where one changes. */
  private void nameEverything() {
    Set<String> taken = new HashSet<>();
    for (Step s : pipeline.steps()) {
      String at = stepPointer(s);
      jobNames.put(s.id(), unique(AmlText.identifier(s.id(), true), taken, "step '" + s.name() + "'", s.id(),
          at + "/id"));
      Set<String> ports = new HashSet<>();
      Map<String, String> names = new HashMap<>();
      for (InputPort p : s.inputs()) {
        names.put("in:" + p.name(), unique(AmlText.identifier(p.name(), false), ports,
            "input '" + p.name() + "' of step '" + s.name() + "'", p.name(),
            at + "/inputs/" + s.inputs().indexOf(p) + "/name"));
      }
      for (OutputPort p : s.outputs()) {
        names.put("out:" + p.name(), unique(AmlText.identifier(p.name(), false), ports,
            "output '" + p.name() + "' of step '" + s.name() + "'", p.name(),
            at + "/outputs/" + s.outputs().indexOf(p) + "/name"));
      }
      portNames.put(s.id(), names);
    }
    Set<String> inputs = new HashSet<>();
    for (DatasetNode d : pipeline.datasets()) {
      inputNames.put(d.id(), unique(AmlText.identifier(d.id(), false), inputs, "dataset '" + d.name() + "'", d.id(),
          "/datasets/" + pipeline.datasets().indexOf(d) + "/id"));
    }
    for (Parameter p : pipeline.parameters()) {
      parameterNames.put(p.name(), unique(AmlText.identifier(p.name(), false), inputs,
          "parameter '" + p.name() + "'", p.name(), "/parameters/" + pipeline.parameters().indexOf(p) + "/name"));
    }
  }

  private String unique(String wanted, Set<String> taken, String what, String original, String pointer) {
    String name = wanted;
    for (int i = 2; taken.contains(name.toLowerCase(java.util.Locale.ROOT)); i++) {
      name = wanted + "_" + i;
    }
    taken.add(name.toLowerCase(java.util.Locale.ROOT));
    if (!name.equals(original)) {
      warn(AmlYamlCodes.RENAMED, "the " + what + " is named '" + name + "' in Azure ML, which allows only letters, "
          + "digits and underscores there" + (wanted.equals(name) ? "" : ", and each name once"), pointer);
    }
    return name;
  }

  private Map<String, Object> datasetInput(DatasetNode d) {
    Map<String, Object> input = new LinkedHashMap<>();
    if (d.source() instanceof DatasetSource.DatastorePath p) {
      input.put("type", looksLikeFile(p.path()) ? "uri_file" : "uri_folder");
      input.put("path", datastoreUri(p.datastore(), p.path()));
    } else if (d.source() instanceof DatasetSource.Registered r) {
      input.put("type", "uri_folder");
      input.put("path", "azureml:" + r.name() + (r.version() == null ? "@latest" : ":" + r.version()));
    }
    return input;
  }

  static String datastoreUri(String datastore, String path) {
    String store = "default".equals(datastore) ? DEFAULT_DATASTORE : datastore;
    String p = path.replace('\\', '/');
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    return "azureml://datastores/" + store + "/paths/" + p;
  }

  static boolean looksLikeFile(String path) {
    if (path.endsWith("/") || path.endsWith("\\")) {
      return false;
    }
    String last = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    int dot = last.lastIndexOf('.');
    return dot > 0 && dot < last.length() - 1;
  }

  /** A parameter's default as the YAML scalar it reads as: a number or a boolean when it is one. */
  static Object literal(String value) {
    if (value.matches("-?(0|[1-9][0-9]{0,17})")) {
      return Long.parseLong(value);
    }
    if (value.matches("-?(0|[1-9][0-9]*)\\.[0-9]+")) {
      return Double.parseDouble(value);
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    return value;
  }

  // ---- jobs ----------------------------------------------------------------------------------

  private Map<String, Object> job(Step step, boolean ownComponent, boolean writeFiles) throws AmlYamlException {
    String job = jobNames.get(step.id());
    boolean spark = step.kind() instanceof SparkStep;
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("type", spark ? "spark" : "command");
    if (!step.name().equals(step.id())) {
      node.put("display_name", step.name());
    }
    if (!step.description().isBlank()) {
      node.put("description", step.description());
    }
    // The inputs as the job receives them (bindings) and as a component declares them (types).
    Map<String, Object> bindings = new LinkedHashMap<>();
    Map<String, Object> declared = new LinkedHashMap<>();
    Map<String, String> placeholderNames = new HashMap<>();
    for (InputPort port : step.inputs()) {
      String name = portNames.get(step.id()).get("in:" + port.name());
      placeholderNames.put("inputs." + port.name(), name);
      Edge edge = pipeline.edgesInto(step.id()).stream()
          .filter(e -> port.name().equals(e.to().port())).findFirst().orElse(null);
      if (edge == null) {
        warn(AmlYamlCodes.NOT_MAPPED, "the input '" + port.name() + "' of step '" + step.name()
            + "' has no edge into it: it is left out (an inline Azure ML job declares only the inputs it is given)",
            stepPointer(step) + "/inputs/" + step.inputs().indexOf(port));
        continue;
      }
      String mode = mode(port.mode());
      if (spark && port.mode() != InputMode.DIRECT) {
        warn(AmlYamlCodes.SPARK_INPUT_MODE, "the input '" + port.name() + "' of Spark step '" + step.name()
            + "' is read in " + port.mode().wireName() + " mode (" + mode + " in Azure ML); Azure ML's Spark examples "
            + "read inputs in direct mode only, so Azure ML may refuse it",
            stepPointer(step) + "/inputs/" + step.inputs().indexOf(port) + "/mode");
      }
      Map<String, Object> binding = new LinkedHashMap<>();
      binding.put("path", source(edge));
      binding.put("mode", mode);
      bindings.put(name, binding);
      Map<String, Object> declaration = new LinkedHashMap<>();
      declaration.put("type", inputType(edge));
      declaration.put("mode", mode);
      declared.put(name, declaration);
    }
    for (OutputPort port : step.outputs()) {
      placeholderNames.put("outputs." + port.name(), portNames.get(step.id()).get("out:" + port.name()));
    }
    // Parameters the step uses become literal inputs bound to the pipeline's.
    Set<String> usedParameters = new LinkedHashSet<>();
    for (String argument : step.arguments()) {
      Placeholders.find(argument).stream().filter(r -> r.kind() == Placeholders.Kind.PARAMETERS)
          .forEach(r -> usedParameters.add(r.name()));
    }
    if (step.kind() instanceof SparkStep s && s.entry() instanceof SparkEntry.Sql sql) {
      usedParameters.addAll(sqlParameters(step, sql));
    }
    Set<String> nodeNames = new HashSet<>(portNames.get(step.id()).values());
    for (String parameter : usedParameters) {
      if (pipeline.parameter(parameter).isEmpty()) {
        continue; // the validator reports it (PW112); nothing to bind
      }
      String name = AmlText.identifier(parameter, false);
      while (nodeNames.contains(name)) {
        name = "parameter_" + name;
      }
      nodeNames.add(name);
      placeholderNames.put("parameters." + parameter, name);
      bindings.put(name, "${{parent.inputs." + parameterNames.get(parameter) + "}}");
      Map<String, Object> declaration = new LinkedHashMap<>();
      declaration.put("type", literalType(pipeline.parameter(parameter).get().defaultValue()));
      declared.put(name, declaration);
    }
    Map<String, Object> outputs = new LinkedHashMap<>();
    Map<String, Object> declaredOutputs = new LinkedHashMap<>();
    for (OutputPort port : step.outputs()) {
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("type", "uri_folder");
      output.put("mode", spark ? "direct" : "rw_mount");
      declaredOutputs.put(portNames.get(step.id()).get("out:" + port.name()), new LinkedHashMap<>(output));
      port.registration().ifPresent(asset -> output.put("name", asset));
      outputs.put(portNames.get(step.id()).get("out:" + port.name()), output);
    }

    Map<String, Object> definition = spark
        ? sparkDefinition(step, (SparkStep) step.kind(), job, placeholderNames, writeFiles)
        : commandDefinition(step, (ScriptStep) step.kind(), job, placeholderNames, writeFiles);

    if (ownComponent) {
      Map<String, Object> component = new LinkedHashMap<>();
      component.put("$schema", spark ? SPARK_COMPONENT_SCHEMA : COMMAND_COMPONENT_SCHEMA);
      component.put("type", spark ? "spark" : "command");
      component.put("name", job);
      component.put("display_name", step.name());
      component.put("is_deterministic", false);
      component.put("inputs", declared);
      component.put("outputs", declaredOutputs);
      definition.forEach((k, v) -> component.put(k, "code".equals(k) ? "../" + job : v));
      if (definition.containsKey("environment") && definition.get("environment") instanceof Map<?, ?> env
          && env.get("conda_file") instanceof String conda) {
        Map<String, Object> rebased = new LinkedHashMap<>();
        env.forEach((k, v) -> rebased.put(String.valueOf(k), v));
        rebased.put("conda_file", "." + conda);
        component.put("environment", rebased);
      }
      if (writeFiles) {
        write(out.resolve("components").resolve(job + ".yml"), yaml(component));
      }
      node.put("component", "./components/" + job + ".yml");
    } else {
      node.putAll(definition);
    }
    if (step.compute() != null && !step.compute().isBlank()) {
      node.put("compute", "azureml:" + step.compute());
    }
    if (!bindings.isEmpty()) {
      node.put("inputs", bindings);
    }
    if (!outputs.isEmpty()) {
      node.put("outputs", outputs);
    }
    return node;
  }

  private Map<String, Object> sparkDefinition(Step step, SparkStep spark, String job, Map<String, String> names,
      boolean writeFiles) throws AmlYamlException {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("code", "./" + job);
    SparkSettings settings = spark.settings();
    List<String> jars = new ArrayList<>();
    List<String> files = new ArrayList<>(settings.files());
    Map<String, Object> entry = new LinkedHashMap<>();
    String args;
    if (spark.entry() instanceof SparkEntry.Sql sql) {
      entry.put("class_name", SQL_DRIVER_CLASS);
      jars.add(SQL_DRIVER_JAR);
      files.add(0, sql.file());
      args = AmlText.join(sqlArguments(step, sql, names));
      if (!step.arguments().isEmpty()) {
        warn(AmlYamlCodes.NOT_MAPPED, "the arguments of SQL step '" + step.name() + "' are left out: the SQL "
            + "driver takes none but its own", stepPointer(step) + "/arguments");
      }
    } else if (spark.entry() instanceof SparkEntry.Jar j) {
      entry.put("class_name", j.mainClass());
      jars.add(j.file());
      args = AmlText.join(amlWords(step.arguments(), names));
    } else {
      entry.put("file", spark.entry().file());
      args = AmlText.join(amlWords(step.arguments(), names));
    }
    d.put("entry", entry);
    jars.addAll(settings.jars());
    if (!settings.pyFiles().isEmpty()) {
      d.put("py_files", settings.pyFiles());
    }
    if (!jars.isEmpty()) {
      d.put("jars", jars);
    }
    if (!files.isEmpty()) {
      d.put("files", files);
    }
    if (!settings.archives().isEmpty()) {
      d.put("archives", settings.archives());
    }
    if (!args.isEmpty()) {
      d.put("args", args);
    }
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put("spark.driver.cores", settings.driverCores());
    conf.put("spark.driver.memory", memory(step, "driver memory", settings.driverMemory(), "driverMemory"));
    conf.put("spark.executor.cores", settings.executorCores());
    conf.put("spark.executor.memory", memory(step, "executor memory", settings.executorMemory(), "executorMemory"));
    if (settings.dynamicAllocation() != null) {
      conf.put("spark.dynamicAllocation.enabled", true);
      conf.put("spark.dynamicAllocation.minExecutors", settings.dynamicAllocation().minExecutors());
      conf.put("spark.dynamicAllocation.maxExecutors", settings.dynamicAllocation().maxExecutors());
    } else {
      conf.put("spark.executor.instances", settings.executors());
    }
    step.environment().variables().forEach((k, v) -> {
      conf.put("spark.yarn.appMasterEnv." + k, v);
      conf.put("spark.executorEnv." + k, v);
    });
    settings.conf().forEach((k, v) -> {
      if (conf.containsKey(k)) {
        warn(AmlYamlCodes.NOT_MAPPED, "the Spark conf " + k + " of step '" + step.name()
            + "' is left out: the step's own setting writes it", stepPointer(step) + "/spark/conf/" + k);
      } else {
        conf.put(k, literal(v));
      }
    });
    d.put("conf", conf);
    if (!step.environment().pipPackages().isEmpty()) {
      // Azure ML's Spark runtime brings its own image: a Spark job's environment is its conda file.
      Map<String, Object> env = new LinkedHashMap<>();
      env.put("conda_file", condaFile(step, job, writeFiles));
      d.put("environment", env);
    }
    if (writeFiles) {
      copyCode(step, job, spark.entry() instanceof SparkEntry.Sql);
    }
    return d;
  }

  private Object memory(Step step, String what, String value, String field) {
    if (!SPARK_MEMORY.matcher(value).matches()) {
      warn(AmlYamlCodes.BAD_VALUE, "the " + what + " of step '" + step.name() + "' (" + value
          + ") is not a whole number and a unit (such as 7g), the only form Azure ML takes",
          stepPointer(step) + "/spark/" + field);
    }
    return value;
  }

  private Map<String, Object> commandDefinition(Step step, ScriptStep script, String job, Map<String, String> names,
      boolean writeFiles) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("code", "./" + job);
    List<String> words = amlWords(step.arguments(), names);
    String command = script.command().strip();
    d.put("command", words.isEmpty() ? command : command + " " + AmlText.join(words));
    Environment environment = step.environment();
    if (environment.pipPackages().isEmpty()) {
      d.put("environment", options.environment());
    } else {
      Map<String, Object> env = new LinkedHashMap<>();
      env.put("image", DEFAULT_IMAGE);
      env.put("conda_file", condaFile(step, job, writeFiles));
      d.put("environment", env);
    }
    if (!environment.variables().isEmpty()) {
      d.put("environment_variables", new LinkedHashMap<>(environment.variables()));
    }
    if (writeFiles) {
      copyCode(step, job, false);
    }
    return d;
  }

  /** Writes a conda file with the step's pip packages; returns its path as the pipeline YAML names it. */
  private String condaFile(Step step, String job, boolean writeFiles) {
    String relative = "./environments/" + job + ".yml";
    if (writeFiles) {
      Map<String, Object> conda = new LinkedHashMap<>();
      conda.put("name", job);
      conda.put("channels", List.of("conda-forge"));
      List<Object> dependencies = new ArrayList<>();
      dependencies.add("python=3.11");
      dependencies.add("pip");
      dependencies.add(Map.of("pip", step.environment().pipPackages()));
      conda.put("dependencies", dependencies);
      write(out.resolve("environments").resolve(job + ".yml"), yaml(conda));
    }
    return relative;
  }

  /** Pipewright's argument words with placeholders as Azure ML expressions. */
  private static List<String> amlWords(List<String> arguments, Map<String, String> names) {
    List<String> words = new ArrayList<>();
    for (String argument : arguments) {
      words.add(Placeholders.substitute(argument, ref -> {
        String key = ref.kind().name().toLowerCase(java.util.Locale.ROOT) + "." + ref.name();
        String name = names.get(key);
        if (name == null) {
          return ref.toString(); // unknown: the validator reports it; keep it visible
        }
        return ref.kind() == Placeholders.Kind.OUTPUTS ? "${{outputs." + name + "}}" : "${{inputs." + name + "}}";
      }));
    }
    return words;
  }

  /** The SQL driver's arguments, as the brief of issue 11 fixes them (see SqlStepDriver). */
  private List<String> sqlArguments(Step step, SparkEntry.Sql sql, Map<String, String> names) {
    List<String> args = new ArrayList<>(List.of("--sql", Path.of(sql.file()).getFileName().toString(),
        "--app-name", step.name()));
    for (InputPort port : step.inputs()) {
      String name = names.get("inputs." + port.name());
      boolean bound = pipeline.edgesInto(step.id()).stream().anyMatch(e -> port.name().equals(e.to().port()));
      if (name == null || !bound) {
        continue;
      }
      if (isTabular(step, port)) {
        args.add("--view");
        args.add(port.name() + "=${{inputs." + name + "}}");
      }
    }
    for (InputPort port : step.inputs()) {
      String name = names.get("inputs." + port.name());
      boolean bound = pipeline.edgesInto(step.id()).stream().anyMatch(e -> port.name().equals(e.to().port()));
      if (name != null && bound) {
        args.add("--set");
        args.add("inputs." + port.name() + "=${{inputs." + name + "}}");
      }
    }
    for (OutputPort port : step.outputs()) {
      String name = names.get("outputs." + port.name());
      args.add("--output");
      args.add(port.name() + "=${{outputs." + name + "}}");
      args.add("--set");
      args.add("outputs." + port.name() + "=${{outputs." + name + "}}");
    }
    for (String parameter : sqlParameters(step, sql)) {
      String name = names.get("parameters." + parameter);
      if (name != null) {
        args.add("--set");
        args.add("parameters." + parameter + "=${{inputs." + name + "}}");
      }
    }
    return args;
  }

  /** Whether a SQL step reads the input as a table: from a tabular dataset or another step's output. */
  private boolean isTabular(Step step, InputPort port) {
    return pipeline.edgesInto(step.id()).stream()
        .filter(e -> port.name().equals(e.to().port()))
        .findFirst()
        .map(e -> pipeline.dataset(e.from().node()).map(d -> d.kind() == DatasetKind.TABULAR).orElse(true))
        .orElse(false);
  }

  /** The parameters a SQL step's script refers to; none when the script cannot be read. */
  private Set<String> sqlParameters(Step step, SparkEntry.Sql sql) {
    Set<String> names = new LinkedHashSet<>();
    Path file = sourceDirectory(step).resolve(sql.file());
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Placeholders.find(text).stream().filter(r -> r.kind() == Placeholders.Kind.PARAMETERS)
          .forEach(r -> names.add(r.name()));
    } catch (IOException e) {
      // copyCode reports the missing file
    }
    return names;
  }

  private String source(Edge edge) {
    String from = edge.from().node();
    if (pipeline.dataset(from).isPresent()) {
      return "${{parent.inputs." + inputNames.get(from) + "}}";
    }
    String port = portNames.getOrDefault(from, Map.of()).getOrDefault("out:" + edge.from().port(), edge.from().port());
    return "${{parent.jobs." + jobNames.getOrDefault(from, from) + ".outputs." + port + "}}";
  }

  private String inputType(Edge edge) {
    return pipeline.dataset(edge.from().node())
        .map(d -> (String) datasetInput(d).get("type"))
        .orElse("uri_folder");
  }

  static String literalType(String value) {
    Object literal = literal(value);
    if (literal instanceof Long) {
      return "integer";
    }
    if (literal instanceof Double) {
      return "number";
    }
    if (literal instanceof Boolean) {
      return "boolean";
    }
    return "string";
  }

  static String mode(InputMode mode) {
    return switch (mode) {
      case DIRECT -> "direct";
      case MOUNT -> "ro_mount";
      case DOWNLOAD -> "download";
    };
  }

  // ---- files ---------------------------------------------------------------------------------

  private Path sourceDirectory(Step step) {
    return options.pipelineDirectory().resolve(step.sourceDirectory()).toAbsolutePath().normalize();
  }

  /**
   * Copies the step's source directory into its code folder, without hidden files, pipeline files and
   * this export itself; a SQL step also gets the SQL driver jar.
   */
  private void copyCode(Step step, String job, boolean sql) {
    Path source = sourceDirectory(step);
    Path target = out.resolve(job);
    if (!Files.isDirectory(source)) {
      warn(AmlYamlCodes.NOT_COPIED, "the source directory of step '" + step.name() + "' (" + source
          + ") does not exist: its code folder " + job + "/ is empty", stepPointer(step) + "/sourceDirectory");
    } else {
      try {
        copyTree(source, target);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (step.kind() instanceof SparkStep spark && !Files.isRegularFile(target.resolve(spark.entry().file()))) {
      warn(AmlYamlCodes.NOT_COPIED, "the entry file " + spark.entry().file() + " of step '" + step.name()
          + "' is not in its source directory: Azure ML will not find it", stepPointer(step) + "/entry");
    }
    if (sql) {
      try {
        Files.createDirectories(target);
        Path jar = target.resolve(SQL_DRIVER_JAR);
        Files.copy(options.sqlDriverJar(), jar, StandardCopyOption.REPLACE_EXISTING);
        written.add(jar);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void copyTree(Path source, Path target) throws IOException {
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Path normalized = dir.toAbsolutePath().normalize();
        if (normalized.startsWith(out) || (!dir.equals(source) && dir.getFileName().toString().startsWith("."))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(target.resolve(source.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || name.endsWith(".pipeline.json") || !attrs.isRegularFile()) {
          return FileVisitResult.CONTINUE;
        }
        Path copy = target.resolve(source.relativize(file).toString());
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        written.add(copy);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      written.add(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String yaml(Object document) {
    try {
      return YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }

  private String stepPointer(Step step) {
    return "/steps/" + pipeline.steps().indexOf(step);
  }

  /** A warning at the field {@code pointer} of the pipeline file, when the options can locate it. */
  private void warn(String code, String message, String pointer) {
    if (options.locate() != null && options.sourceName() != null) {
      warnings.add(new AmlYamlProblem(Severity.WARNING, code, message, options.sourceName(),
          options.locate().apply(pointer)));
    } else {
      warnings.add(new AmlYamlProblem(Severity.WARNING, code, message, out.resolve(PIPELINE_FILE).toString(),
          SourceLocation.START));
    }
  }
}
