package io.pipewright.azureml.yaml;

import io.pipewright.model.TabularFiles;
import io.pipewright.azureml.yaml.YamlTree.Mapping;
import io.pipewright.azureml.yaml.YamlTree.Scalar;
import io.pipewright.azureml.yaml.YamlTree.Sequence;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.DynamicAllocation;
import io.pipewright.model.Edge;
import io.pipewright.model.Environment;
import io.pipewright.model.InputMode;
import io.pipewright.model.InputPort;
import io.pipewright.model.Layout;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Parameter;
import io.pipewright.model.Pipeline;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.Severity;
import io.pipewright.model.SourceLocation;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.model.StepKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Azure ML CLI v2 pipeline job YAML into a pipeline: inline {@code spark} and {@code command}
 * jobs and jobs whose {@code component:} is a local YAML file become steps; pipeline data inputs
 * (and data given to a job directly) become dataset nodes; {@code ${{parent.inputs.x}}} and
 * {@code ${{parent.jobs.J.outputs.O}}} bindings become edges; literal inputs become parameters.
 * Everything that has no place in a pipeline is a warning with the line and column of its YAML
 * node; nothing is dropped without one. A file that is not YAML is an {@link AmlYamlException} with
 * the parser's line and column. The pipeline has no layout: callers arrange it.
 */
public final class AmlYamlImporter {

  private static final Pattern DATASTORE_URI = Pattern.compile("^azureml://datastores/([^/]+)/paths/(.*)$");
  private static final Pattern ASSET = Pattern.compile("^azureml:([^:@/]+)(?::([0-9]+)|@latest)?$");
  private static final Pattern JOB_OUTPUT = Pattern.compile("^(?:parent\\.)?jobs\\.([^.]+)\\.outputs\\.([^.]+)$");
  private static final Pattern PARENT_INPUT = Pattern.compile("^(?:parent\\.)?inputs\\.([^.]+)$");
  private static final Set<String> LITERAL_TYPES = Set.of("string", "integer", "number", "boolean");
  /** The pipeline read and what could not be carried over. */
  public record Result(Pipeline pipeline, List<AmlYamlProblem> warnings) {
    public Result {
      warnings = List.copyOf(warnings);
    }
  }

  /** A YAML value and the file it was read from (the pipeline's or a component's). */
  private record Located(YamlTree value, String file, SourceLocation keyAt) {
    SourceLocation at() {
      return keyAt;
    }
  }

  /** A job's input as the job gets it: a binding, data, a literal, or nothing yet. */
  private record PendingEdge(String step, String port, String job, String output, String file, SourceLocation at) {}

  private final String sourceName;
  private final Path yamlDirectory;
  private final Path pipelineDirectory;
  private final List<AmlYamlProblem> warnings = new ArrayList<>();
  private final Map<String, DatasetNode> datasets = new LinkedHashMap<>();
  private final Map<String, InputMode> datasetModes = new HashMap<>();
  private final Set<String> inferredKinds = new HashSet<>();
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  private final List<Step> steps = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();
  private final List<PendingEdge> pending = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();
  private final Map<String, Set<String>> tabularPorts = new HashMap<>();

  private AmlYamlImporter(String sourceName, Path yamlDirectory, Path pipelineDirectory) {
    this.sourceName = sourceName;
    this.yamlDirectory = yamlDirectory.toAbsolutePath().normalize();
    this.pipelineDirectory = pipelineDirectory.toAbsolutePath().normalize();
  }

  /**
   * Reads a pipeline job file.
   *
   * @param pipelineDirectory where the pipeline file will be: step source directories are made relative to it
   */
  public static Result read(Path yamlFile, Path pipelineDirectory) throws AmlYamlException, IOException {
    String text = Files.readString(yamlFile, StandardCharsets.UTF_8);
    Path dir = yamlFile.toAbsolutePath().getParent();
    return parse(text, yamlFile.toString(), dir, pipelineDirectory, stem(yamlFile));
  }

  /** Reads pipeline job YAML text; {@code yamlDirectory} is where its relative paths start. */
  public static Result parse(String text, String sourceName, Path yamlDirectory, Path pipelineDirectory,
      String fallbackId) throws AmlYamlException {
    return new AmlYamlImporter(sourceName, yamlDirectory, pipelineDirectory).run(text, fallbackId);
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private Result run(String text, String fallbackId) throws AmlYamlException {
    YamlTree root = parseYaml(text, sourceName);
    if (!(root instanceof Mapping doc)) {
      throw notAPipeline("the file is not a YAML mapping of a pipeline job", root.at());
    }
    duplicates(doc, sourceName);
    Optional<String> type = doc.text("type");
    if (type.isPresent() && !"pipeline".equals(type.get())) {
      throw notAPipeline("this is a " + type.get() + " job, not a pipeline job (type: pipeline); "
          + "Pipewright imports pipeline jobs", doc.keyAt("type"));
    }
    if (!(doc.get("jobs") instanceof Mapping jobs) || jobs.entries().isEmpty()) {
      throw notAPipeline("a pipeline job needs jobs: a mapping of job names to jobs", doc.has("jobs")
          ? doc.keyAt("jobs") : doc.at());
    }
    String defaultCompute = null;
    boolean forceRerun = false;
    ids.addAll(jobs.entries().keySet()); // steps keep their job names; datasets and edges take others
    for (Map.Entry<String, YamlTree> e : doc.entries().entrySet()) {
      String key = e.getKey();
      SourceLocation at = doc.keyAt(key);
      switch (key) {
        case "$schema", "type", "jobs", "display_name", "description", "experiment_name", "name" -> { }
        case "compute" -> defaultCompute = computeName(e.getValue()).orElse(null);
        case "settings" -> {
          if (e.getValue() instanceof Mapping settings) {
            for (String setting : settings.entries().keySet()) {
              SourceLocation settingAt = settings.keyAt(setting);
              YamlTree value = settings.get(setting);
              switch (setting) {
                case "default_compute" -> defaultCompute = computeName(value).orElse(defaultCompute);
                case "force_rerun" -> forceRerun = value instanceof Scalar s && s.bool().orElse(false);
                case "continue_on_step_failure" -> {
                  if (value instanceof Scalar s && !s.bool().orElse(true)) {
                    warn(AmlYamlCodes.NOT_MAPPED, "continue_on_step_failure: false is not kept: Pipewright stops "
                        + "only the steps that depend on a failed one", sourceName, settingAt);
                  }
                }
                default -> warn(AmlYamlCodes.NOT_MAPPED, "the setting " + setting + " has no place in a Pipewright "
                    + "pipeline and is left out", sourceName, settingAt);
              }
            }
          } else {
            warn(AmlYamlCodes.BAD_VALUE, "settings should be a mapping; it is left out", sourceName, at);
          }
        }
        case "inputs" -> pipelineInputs(e.getValue(), at);
        case "outputs" -> warn(AmlYamlCodes.NOT_MAPPED, "the pipeline's outputs are left out: Pipewright keeps "
            + "each step's outputs with its run (register an output to keep it as a dataset)", sourceName, at);
        default -> warn(AmlYamlCodes.NOT_MAPPED, "the field " + key + " has no place in a Pipewright pipeline "
            + "and is left out", sourceName, at);
      }
    }
    for (Map.Entry<String, YamlTree> e : jobs.entries().entrySet()) {
      job(e.getKey(), e.getValue(), jobs.keyAt(e.getKey()), forceRerun);
    }
    resolvePendingEdges();
    fixDatasetKinds();

    String id = doc.text("experiment_name").or(() -> doc.text("name")).orElse(fallbackId);
    String name = doc.text("display_name").orElse(id);
    String description = doc.text("description").orElse("");
    Pipeline pipeline = new Pipeline(AmlText.identifier(id, false), name, description,
        List.copyOf(parameters.values()), defaultCompute, List.copyOf(datasets.values()), steps, edges, Layout.EMPTY);
    return new Result(pipeline, warnings);
  }

  private static YamlTree parseYaml(String text, String file) throws AmlYamlException {
    try {
      return YamlTree.parse(text);
    } catch (YamlTree.SyntaxException e) {
      throw new AmlYamlException(new AmlYamlProblem(Severity.ERROR, AmlYamlCodes.MALFORMED_YAML,
          "not valid YAML: " + e.getMessage(), file, e.location()), e);
    }
  }

  private AmlYamlException notAPipeline(String message, SourceLocation at) {
    return new AmlYamlException(new AmlYamlProblem(Severity.ERROR, AmlYamlCodes.NOT_A_PIPELINE, message, sourceName,
        at));
  }

  private void duplicates(YamlTree tree, String file) {
    if (tree instanceof Mapping m) {
      for (YamlTree.Duplicate d : m.duplicates()) {
        warn(AmlYamlCodes.BAD_VALUE, "the key " + d.key() + " is written twice in one mapping; the last one is read",
            file, d.at());
      }
      m.entries().values().forEach(v -> duplicates(v, file));
    } else if (tree instanceof Sequence s) {
      s.items().forEach(v -> duplicates(v, file));
    }
  }

  // ---- pipeline inputs ---------------------------------------------------------------------------

  private void pipelineInputs(YamlTree value, SourceLocation at) {
    if (!(value instanceof Mapping inputs)) {
      warn(AmlYamlCodes.BAD_VALUE, "inputs should be a mapping; they are left out", sourceName, at);
      return;
    }
    for (Map.Entry<String, YamlTree> e : inputs.entries().entrySet()) {
      String name = e.getKey();
      SourceLocation inputAt = inputs.keyAt(name);
      YamlTree input = e.getValue();
      Optional<String> literal = literalValue(input);
      if (literal.isPresent()) {
        parameters.put(name, new Parameter(name, literal.get(), ""));
        continue;
      }
      if (input instanceof Mapping m && m.has("path")) {
        datasetFrom(name, m, sourceName, inputAt).ifPresent(d -> {
          datasets.put(name, d);
          ids.add(d.id());
        });
        continue;
      }
      warn(AmlYamlCodes.DATA_NOT_MAPPED, "the pipeline input " + name + " is neither data with a path nor a value "
          + "(string, number, boolean); it is left out", sourceName, inputAt);
    }
  }

  /** A literal input: a scalar that is no binding, or a mapping of a literal type with a value or default. */
  private static Optional<String> literalValue(YamlTree input) {
    if (input instanceof Scalar s) {
      if (s.isNull() || AmlText.soleExpression(s.text()) != null) {
        return Optional.empty();
      }
      return Optional.of(s.text());
    }
    if (input instanceof Mapping m && !m.has("path")) {
      Optional<String> value = m.text("value").or(() -> m.text("default"));
      boolean literalType = m.text("type").map(LITERAL_TYPES::contains).orElse(false);
      if (value.isPresent() && (literalType || !m.has("type"))) {
        return value;
      }
    }
    return Optional.empty();
  }

  /** A dataset node for data given by path (a datastore URI, a data asset, or a local path). */
  private Optional<DatasetNode> datasetFrom(String name, Mapping input, String file, SourceLocation at) {
    String path = input.text("path").orElse("");
    String type = input.text("type").orElse("uri_folder");
    SourceLocation pathAt = input.keyAt("path");
    for (String key : input.entries().keySet()) {
      if (!Set.of("path", "type", "mode").contains(key)) {
        warn(AmlYamlCodes.NOT_MAPPED, "the field " + key + " of input " + name + " is left out", file,
            input.keyAt(key));
      }
    }
    if (input.has("mode")) {
      inputMode(input.get("mode"), file, input.keyAt("mode")).ifPresent(mode -> datasetModes.put(name, mode));
    }
    String id = freeId(name);
    DatasetKind kind = kindOf(type, path);
    Matcher datastore = DATASTORE_URI.matcher(path);
    if (datastore.matches()) {
      String store = DEFAULT_STORE_ALIASES.contains(datastore.group(1)) ? "default" : datastore.group(1);
      inferredKinds.add(id);
      return Optional.of(new DatasetNode(id, name, kind, new DatasetSource.DatastorePath(store, datastore.group(2))));
    }
    Matcher asset = ASSET.matcher(path);
    if (asset.matches()) {
      Integer version = asset.group(2) == null ? null : Integer.valueOf(asset.group(2));
      inferredKinds.add(id);
      return Optional.of(new DatasetNode(id, name, kind, new DatasetSource.Registered(asset.group(1), version)));
    }
    if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || path.startsWith("azureml:")) {
      warn(AmlYamlCodes.DATA_NOT_MAPPED, "the data of " + name + " (" + path + ") is not in a datastore; Pipewright "
          + "reads datasets from datastores, so it is left out", file, pathAt);
      return Optional.empty();
    }
    String local = path.startsWith("file:") ? path.substring("file:".length()) : path;
    String relative = local.replace('\\', '/').replaceFirst("^\\./", "");
    warn(AmlYamlCodes.DATA_NOT_MAPPED, "the data of " + name + " is the local path " + path + ", which az ml uploads; "
        + "it is imported as the path " + relative + " of the datastore 'default': copy the data there", file, pathAt);
    inferredKinds.add(id);
    return Optional.of(new DatasetNode(id, name, kind, new DatasetSource.DatastorePath("default", relative)));
  }

  private static final Set<String> DEFAULT_STORE_ALIASES = Set.of(AmlYamlExporter.DEFAULT_DATASTORE);

  /** An input's kind: an MLTable, or a uri_file of tabular text ({@link TabularFiles}) or Parquet, is tabular. */
  static DatasetKind kindOf(String type, String path) {
    if ("mltable".equals(type)) {
      return DatasetKind.TABULAR;
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    int dot = last.lastIndexOf('.');
    String extension = dot > 0 ? last.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    boolean tabular = TabularFiles.isTabular(last) || extension.equals("parquet");
    return "uri_file".equals(type) && tabular ? DatasetKind.TABULAR : DatasetKind.FILE;
  }

  private String freeId(String wanted) {
    String id = AmlText.identifier(wanted, false);
    String candidate = id;
    for (int i = 2; ids.contains(candidate); i++) {
      candidate = id + "_" + i;
    }
    ids.add(candidate);
    return candidate;
  }

  private Optional<InputMode> inputMode(YamlTree value, String file, SourceLocation at) {
    String mode = value instanceof Scalar s ? s.string() : "";
    switch (mode) {
      case "direct":
        return Optional.of(InputMode.DIRECT);
      case "ro_mount", "mount":
        return Optional.of(InputMode.MOUNT);
      case "download":
        return Optional.of(InputMode.DOWNLOAD);
      case "eval_mount":
        warn(AmlYamlCodes.NOT_MAPPED, "eval_mount is read as mount (ro_mount)", file, at);
        return Optional.of(InputMode.MOUNT);
      case "eval_download":
        warn(AmlYamlCodes.NOT_MAPPED, "eval_download is read as download", file, at);
        return Optional.of(InputMode.DOWNLOAD);
      default:
        warn(AmlYamlCodes.BAD_VALUE, "the input mode " + mode + " is none of direct, ro_mount, download; "
            + "the input is read directly", file, at);
        return Optional.empty();
    }
  }

  // ---- jobs --------------------------------------------------------------------------------------

  private void job(String job, YamlTree value, SourceLocation at, boolean forceRerun) throws AmlYamlException {
    if (!(value instanceof Mapping node)) {
      warn(AmlYamlCodes.BAD_VALUE, "the job " + job + " is not a mapping; it is left out", sourceName, at);
      return;
    }
    // The job's fields: those of its component first, the node's over them.
    Map<String, Located> fields = new LinkedHashMap<>();
    Mapping component = null;
    String componentFile = sourceName;
    Path componentDirectory = yamlDirectory;
    if (node.has("component")) {
      YamlTree ref = node.get("component");
      SourceLocation refAt = node.keyAt("component");
      if (ref instanceof Mapping inline) {
        component = inline;
      } else if (ref instanceof Scalar s && !s.isNull()) {
        String text = s.text();
        if (text.startsWith("azureml:") || text.startsWith("azureml://")) {
          warn(AmlYamlCodes.COMPONENT_NOT_READ, "the job " + job + " runs the registered component " + text
              + ", which cannot be read without Azure; the job is left out", sourceName, refAt);
          return;
        }
        String path = text.startsWith("file:") ? text.substring("file:".length()) : text;
        Path file;
        try {
          file = yamlDirectory.resolve(path).normalize();
        } catch (InvalidPathException e) {
          warn(AmlYamlCodes.COMPONENT_NOT_READ, "the component path " + text + " of job " + job + " is not a path; "
              + "the job is left out", sourceName, refAt);
          return;
        }
        if (!Files.isRegularFile(file)) {
          warn(AmlYamlCodes.COMPONENT_NOT_READ, "the component file " + text + " of job " + job + " does not exist ("
              + file + "); the job is left out", sourceName, refAt);
          return;
        }
        String componentText;
        try {
          componentText = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
          warn(AmlYamlCodes.COMPONENT_NOT_READ, "the component file " + text + " of job " + job
              + " cannot be read (" + e.getMessage() + "); the job is left out", sourceName, refAt);
          return;
        }
        componentFile = file.toString();
        YamlTree tree = parseYaml(componentText, componentFile);
        if (!(tree instanceof Mapping m)) {
          warn(AmlYamlCodes.COMPONENT_NOT_READ, "the component file " + text + " of job " + job
              + " is not a mapping; the job is left out", componentFile, tree.at());
          return;
        }
        duplicates(m, componentFile);
        component = m;
        componentDirectory = file.getParent();
      } else {
        warn(AmlYamlCodes.COMPONENT_NOT_READ, "the component of job " + job + " is neither a file nor a definition; "
            + "the job is left out", sourceName, refAt);
        return;
      }
      for (Map.Entry<String, YamlTree> e : component.entries().entrySet()) {
        fields.put(e.getKey(), new Located(e.getValue(), componentFile, component.keyAt(e.getKey())));
      }
    }
    Map<String, Located> nodeFields = new LinkedHashMap<>();
    for (Map.Entry<String, YamlTree> e : node.entries().entrySet()) {
      if (!"component".equals(e.getKey())) {
        nodeFields.put(e.getKey(), new Located(e.getValue(), sourceName, node.keyAt(e.getKey())));
      }
    }
    Map<String, Located> declaredInputs = component != null ? mappingEntries(fields.get("inputs")) : Map.of();
    Map<String, Located> declaredOutputs = component != null ? mappingEntries(fields.get("outputs")) : Map.of();
    fields.putAll(nodeFields);

    String type = nodeFields.containsKey("type") ? text(nodeFields.get("type")) : null;
    if (type == null || "component".equals(type)) {
      type = component != null ? component.text("type").orElse("command") : (node.has("command") ? "command" : null);
    }
    if (!"spark".equals(type) && !"command".equals(type)) {
      warn(AmlYamlCodes.UNSUPPORTED_JOB, "the job " + job + " is a " + (type == null ? "job of no type" : type + " job")
          + "; Pipewright has steps for spark and command jobs only, so it is left out", sourceName, at);
      return;
    }
    boolean spark = "spark".equals(type);
    Path codeBase = fields.containsKey("code") && componentFileOf(fields.get("code"), componentFile)
        ? componentDirectory : yamlDirectory;

    // Inputs: the component's declarations, the node's values.
    Map<String, Located> inputValues = mappingEntries(nodeFields.get("inputs"));
    if (component == null) {
      declaredInputs = inputValues;
    }
    Set<String> inputNames = new java.util.LinkedHashSet<>();
    inputNames.addAll(declaredInputs.keySet());
    inputNames.addAll(inputValues.keySet());
    List<InputPort> ports = new ArrayList<>();
    Map<String, String> literalInputs = new HashMap<>(); // input name -> parameter name
    for (String input : inputNames) {
      Located declared = declaredInputs.get(input);
      Located given = inputValues.get(input);
      jobInput(job, input, declared, given, ports, literalInputs);
    }
    // Outputs.
    Map<String, Located> outputValues = mappingEntries(nodeFields.get("outputs"));
    Set<String> outputNames = new java.util.LinkedHashSet<>(declaredOutputs.keySet());
    outputNames.addAll(outputValues.keySet());
    List<OutputPort> outputs = new ArrayList<>();
    for (String output : outputNames) {
      outputs.add(jobOutput(job, output, declaredOutputs.get(output), outputValues.get(output)));
    }

    String name = fields.containsKey("display_name") ? text(fields.get("display_name")) : job;
    String description = fields.containsKey("description") ? text(fields.get("description")) : "";
    String compute = null;
    boolean allowReuse = !forceRerun;
    List<String> pip = new ArrayList<>();
    Map<String, String> variables = new TreeMap<>();
    String sourceDirectory = relativeSource(codeBase, ".");
    Set<String> handled = new HashSet<>(Set.of("$schema", "type", "name", "version", "inputs", "outputs",
        "display_name", "description"));
    for (Map.Entry<String, Located> e : fields.entrySet()) {
      String key = e.getKey();
      Located f = e.getValue();
      switch (key) {
        case "compute" -> {
          compute = computeName(f.value()).orElse(null);
          handled.add(key);
        }
        case "is_deterministic" -> {
          if (f.value() instanceof Scalar s && !s.bool().orElse(true)) {
            allowReuse = false;
          }
          handled.add(key);
        }
        case "code" -> {
          String code = text(f);
          if (f.value() instanceof Mapping legacy && legacy.text("local_path").isPresent()) {
            code = legacy.text("local_path").get(); // the early CLI v2 form: code: {local_path: ./src}
          } else if (code == null) {
            warn(AmlYamlCodes.BAD_VALUE, "the code of job " + job + " is not a path; the step's source directory "
                + "is the YAML file's", f.file(), f.at());
          }
          if (code != null && (code.startsWith("azureml:") || code.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*"))) {
            warn(AmlYamlCodes.NOT_MAPPED, "the code of job " + job + " is the asset " + code + ", which cannot be "
                + "read without Azure; the step's source directory is the YAML file's", f.file(), f.at());
          } else if (code != null) {
            sourceDirectory = relativeSource(codeBase, code.startsWith("file:") ? code.substring(5) : code);
          }
          handled.add(key);
        }
        case "environment" -> {
          environment(job, f, f.file().equals(sourceName) ? yamlDirectory : componentDirectory, pip);
          handled.add(key);
        }
        case "environment_variables" -> {
          mappingEntries(f).forEach((k, v) -> variables.put(k, text(v) == null ? "" : text(v)));
          handled.add(key);
        }
        case "resources" -> {
          warn(AmlYamlCodes.COMPUTE_NOT_MAPPED, "the job " + job + " asks for " + describe(f.value())
              + (spark ? " (serverless Spark)" : "") + "; Pipewright runs a step on a compute target, so these "
              + "resources are left out and the step runs on " + (compute != null ? "'" + compute + "'"
              : "the pipeline's default compute"), f.file(), f.at());
          handled.add(key);
        }
        default -> { }
      }
    }
    StepKind kind;
    List<String> arguments = new ArrayList<>();
    if (spark) {
      kind = sparkKind(job, fields, handled, ports, outputs, literalInputs, arguments, variables);
    } else {
      kind = commandKind(job, fields, handled, ports, outputs, literalInputs, arguments);
    }
    if (kind == null) {
      return;
    }
    for (Map.Entry<String, Located> e : fields.entrySet()) {
      if (!handled.contains(e.getKey())) {
        Located f = e.getValue();
        warn(AmlYamlCodes.NOT_MAPPED, "the field " + e.getKey() + " of job " + job + " has no place in a Pipewright "
            + "step and is left out", f.file(), f.at());
      }
    }
    steps.add(new Step(job, name, description, kind, compute, sourceDirectory, ports, outputs, arguments,
        new Environment(pip, variables), allowReuse));
  }

  private static boolean componentFileOf(Located field, String componentFile) {
    return field.file().equals(componentFile);
  }

  private void jobInput(String job, String input, Located declared, Located given, List<InputPort> ports,
      Map<String, String> literalInputs) {
    Located where = given != null ? given : declared;
    YamlTree value = given != null ? given.value() : null;
    boolean optional = declared != null && declared.value() instanceof Mapping d
        && d.text("optional").map(Boolean::parseBoolean).orElse(false);
    String declaredType = declared != null && declared.value() instanceof Mapping d ? d.text("type").orElse(null) : null;
    InputMode mode = null;
    if (declared != null && declared.value() instanceof Mapping d && d.has("mode") && given != declared) {
      mode = inputMode(d.get("mode"), declared.file(), d.keyAt("mode")).orElse(null);
    }
    // A value given to the job.
    if (value instanceof Mapping m && m.has("path")) {
      if (m.has("mode")) {
        mode = inputMode(m.get("mode"), where.file(), m.keyAt("mode")).orElse(mode);
      }
      String path = m.text("path").orElse("");
      String expression = AmlText.soleExpression(path);
      if (expression == null) {
        Optional<DatasetNode> data = datasetFrom(job + "_" + input, m, where.file(), where.at());
        if (data.isPresent()) {
          datasets.put(data.get().id(), data.get());
          ports.add(new InputPort(input, mode, optional));
          edges.add(new Edge(edgeId(), new Edge.End(data.get().id(), null), new Edge.End(job, input)));
        } else {
          ports.add(new InputPort(input, mode, true));
        }
        return;
      }
      value = new Scalar(path, false, m.at());
      for (String key : m.entries().keySet()) {
        if (!Set.of("path", "mode", "type").contains(key)) {
          warn(AmlYamlCodes.NOT_MAPPED, "the field " + key + " of input " + input + " of job " + job
              + " is left out", where.file(), m.keyAt(key));
        }
      }
    }
    if (value instanceof Scalar s && !s.isNull()) {
      String expression = AmlText.soleExpression(s.text());
      if (expression == null) {
        // A literal given to the job: a parameter of the pipeline.
        literalInputs.put(input, parameterFor(job, input, s.text()));
        return;
      }
      Matcher parent = PARENT_INPUT.matcher(expression);
      Matcher output = JOB_OUTPUT.matcher(expression);
      if (parent.matches()) {
        String name = parent.group(1);
        if (parameters.containsKey(name)) {
          literalInputs.put(input, name);
          return;
        }
        DatasetNode data = datasets.get(name);
        if (data == null) {
          warn(AmlYamlCodes.UNRESOLVED_BINDING, "the input " + input + " of job " + job + " is bound to the pipeline "
              + "input " + name + ", which is not data Pipewright could read; the input is left unconnected",
              where.file(), where.at());
          ports.add(new InputPort(input, mode, optional));
          return;
        }
        InputMode dataMode = mode != null ? mode : datasetModes.get(name);
        ports.add(new InputPort(input, dataMode, optional));
        edges.add(new Edge(edgeId(), new Edge.End(data.id(), null), new Edge.End(job, input)));
        return;
      }
      if (output.matches()) {
        ports.add(new InputPort(input, mode, optional));
        pending.add(new PendingEdge(job, input, output.group(1), output.group(2), where.file(), where.at()));
        return;
      }
      warn(AmlYamlCodes.UNRESOLVED_BINDING, "the input " + input + " of job " + job + " is bound to ${{" + expression
          + "}}, which is neither a pipeline input nor a job's output; the input is left unconnected",
          where.file(), where.at());
      ports.add(new InputPort(input, mode, optional));
      return;
    }
    // Declared only (a component's input with no value here).
    if (declared != null && declared.value() instanceof Mapping d) {
      if (declaredType != null && LITERAL_TYPES.contains(declaredType)) {
        Optional<String> fallback = d.text("default");
        if (fallback.isPresent()) {
          literalInputs.put(input, parameterFor(job, input, fallback.get()));
        } else if (!optional) {
          warn(AmlYamlCodes.UNRESOLVED_BINDING, "the input " + input + " of job " + job + " has no value; it is "
              + "imported as a parameter with an empty default", declared.file(), declared.at());
          literalInputs.put(input, parameterFor(job, input, ""));
        } else {
          literalInputs.put(input, parameterFor(job, input, ""));
        }
        return;
      }
      ports.add(new InputPort(input, mode, optional));
      return;
    }
    ports.add(new InputPort(input, mode, optional));
  }

  /** The pipeline parameter for a literal given to a job: the input's name, or job_input when that is taken. */
  private String parameterFor(String job, String input, String value) {
    Parameter existing = parameters.get(input);
    if (existing == null) {
      parameters.put(input, new Parameter(input, value, ""));
      return input;
    }
    if (existing.defaultValue().equals(value)) {
      return input;
    }
    String name = job + "_" + input;
    parameters.put(name, new Parameter(name, value, ""));
    return name;
  }

  private OutputPort jobOutput(String job, String output, Located declared, Located given) {
    String registerAs = null;
    Located where = given != null ? given : declared;
    for (Located l : new Located[] {declared, given}) {
      if (l == null) {
        continue;
      }
      YamlTree v = l.value();
      if (v instanceof Scalar s && !s.isNull()) {
        String expression = AmlText.soleExpression(s.text());
        warn(AmlYamlCodes.NOT_MAPPED, "the output " + output + " of job " + job + " is bound to "
            + (expression != null ? "${{" + expression + "}}" : s.text()) + "; Pipewright keeps step outputs with "
            + "the run, so the binding is left out", l.file(), l.at());
      } else if (v instanceof Mapping m) {
        for (String key : m.entries().keySet()) {
          SourceLocation keyAt = m.keyAt(key);
          switch (key) {
            case "name" -> registerAs = m.text("name").orElse(null);
            case "mode" -> { }
            case "type" -> {
              String type = m.text("type").orElse("uri_folder");
              if (!"uri_folder".equals(type)) {
                warn(AmlYamlCodes.NOT_MAPPED, "the output " + output + " of job " + job + " is a " + type
                    + "; Pipewright's outputs are folders (uri_folder)", l.file(), keyAt);
              }
            }
            case "path" -> warn(AmlYamlCodes.NOT_MAPPED, "the path of output " + output + " of job " + job
                + " is left out: Pipewright chooses where a run's outputs go", l.file(), keyAt);
            case "version" -> warn(AmlYamlCodes.NOT_MAPPED, "the version of output " + output + " of job " + job
                + " is left out: a registered output gets the next version", l.file(), keyAt);
            default -> warn(AmlYamlCodes.NOT_MAPPED, "the field " + key + " of output " + output + " of job " + job
                + " is left out", l.file(), keyAt);
          }
        }
      }
    }
    return new OutputPort(output, registerAs);
  }

  // ---- spark and command ------------------------------------------------------------------------

  private StepKind sparkKind(String job, Map<String, Located> fields, Set<String> handled, List<InputPort> ports,
      List<OutputPort> outputs, Map<String, String> literalInputs, List<String> arguments,
      Map<String, String> variables) {
    handled.addAll(List.of("entry", "py_files", "jars", "files", "archives", "args", "conf"));
    List<String> pyFiles = strings(job, fields.get("py_files"));
    List<String> jars = new ArrayList<>(strings(job, fields.get("jars")));
    List<String> files = new ArrayList<>(strings(job, fields.get("files")));
    List<String> archives = strings(job, fields.get("archives"));
    Located entryField = fields.get("entry");
    Map<String, Located> entry = mappingEntries(entryField);
    String file = entry.containsKey("file") ? text(entry.get("file")) : null;
    String className = entry.containsKey("class_name") ? text(entry.get("class_name")) : null;
    Located argsField = fields.get("args");
    List<String> words = List.of();
    if (argsField != null) {
      String args = argsField.value() instanceof Sequence seq
          ? String.join(" ", seq.items().stream().map(t -> t instanceof Scalar s ? AmlText.quote(s.string()) : "")
              .toList())
          : text(argsField);
      try {
        words = AmlText.split(args == null ? "" : args);
      } catch (IllegalArgumentException e) {
        warn(AmlYamlCodes.BAD_VALUE, "the args of job " + job + " cannot be split into words: " + e.getMessage()
            + "; they are left out", argsField.file(), argsField.at());
      }
    }
    SparkEntry sparkEntry;
    if (className != null && AmlYamlExporter.SQL_DRIVER_CLASS.equals(className) && words.contains("--sql")) {
      String sql = words.get(words.indexOf("--sql") + 1 < words.size() ? words.indexOf("--sql") + 1 : 0);
      String sqlFile = files.stream().filter(f -> f.equals(sql) || f.endsWith("/" + sql)).findFirst().orElse(sql);
      files.remove(sqlFile);
      jars.removeIf(j -> j.equals(AmlYamlExporter.SQL_DRIVER_JAR) || j.endsWith("/" + AmlYamlExporter.SQL_DRIVER_JAR));
      sparkEntry = new SparkEntry.Sql(sqlFile);
      Set<String> views = new HashSet<>();
      for (int i = 0; i + 1 < words.size(); i++) {
        if ("--view".equals(words.get(i))) {
          views.add(words.get(i + 1).substring(0, Math.max(0, words.get(i + 1).indexOf('='))));
        }
      }
      tabularPorts.put(job, views);
    } else if (className != null) {
      if (jars.isEmpty()) {
        warn(AmlYamlCodes.BAD_VALUE, "the job " + job + " runs the class " + className + " but lists no jars; "
            + "set the step's JAR", entryField.file(), entryField.at());
        sparkEntry = new SparkEntry.Jar("", className);
      } else {
        sparkEntry = new SparkEntry.Jar(jars.remove(0), className);
      }
      arguments.addAll(translate(job, words, ports, outputs, literalInputs, argsField));
    } else if (file != null) {
      if (!file.endsWith(".py")) {
        warn(AmlYamlCodes.NOT_MAPPED, "the entry " + file + " of job " + job + " is read as a Python script, the only "
            + "file entry Pipewright runs", entryField.file(), entryField.at());
      }
      sparkEntry = new SparkEntry.Python(file);
      arguments.addAll(translate(job, words, ports, outputs, literalInputs, argsField));
    } else {
      warn(AmlYamlCodes.BAD_VALUE, "the Spark job " + job + " has no entry (file or class_name); it is left out",
          sourceName, entryField != null ? entryField.at() : SourceLocation.START);
      return null;
    }
    // conf
    String driverMemory = null;
    String executorMemory = null;
    int driverCores = 1;
    int executorCores = 1;
    int executors = 1;
    Boolean dynamic = null;
    Integer min = null;
    Integer max = null;
    Map<String, String> conf = new TreeMap<>();
    Map<String, String> executorEnv = new HashMap<>();
    for (Map.Entry<String, Located> e : mappingEntries(fields.get("conf")).entrySet()) {
      String key = e.getKey();
      Located f = e.getValue();
      String value = text(f);
      value = value == null ? "" : value;
      switch (key) {
        case "spark.driver.memory" -> driverMemory = memory(job, key, value, f);
        case "spark.executor.memory" -> executorMemory = memory(job, key, value, f);
        case "spark.driver.cores" -> driverCores = whole(job, key, value, f, driverCores);
        case "spark.executor.cores" -> executorCores = whole(job, key, value, f, executorCores);
        case "spark.executor.instances" -> executors = whole(job, key, value, f, executors);
        case "spark.dynamicAllocation.enabled" -> dynamic = Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
        case "spark.dynamicAllocation.minExecutors" -> min = whole(job, key, value, f, 0);
        case "spark.dynamicAllocation.maxExecutors" -> max = whole(job, key, value, f, 1);
        default -> {
          if (key.startsWith("spark.yarn.appMasterEnv.")) {
            variables.put(key.substring("spark.yarn.appMasterEnv.".length()), value);
          } else if (key.startsWith("spark.executorEnv.")) {
            executorEnv.put(key.substring("spark.executorEnv.".length()), value);
          } else {
            conf.put(key, value);
          }
        }
      }
    }
    executorEnv.forEach((k, v) -> {
      if (!v.equals(variables.get(k))) {
        conf.put("spark.executorEnv." + k, v);
      }
    });
    DynamicAllocation allocation = null;
    if (Boolean.TRUE.equals(dynamic)) {
      allocation = new DynamicAllocation(min == null ? 0 : min, max == null ? Math.max(1, executors) : max);
    } else if (min != null || max != null) {
      conf.put("spark.dynamicAllocation.enabled", String.valueOf(dynamic != null && dynamic));
      if (min != null) {
        conf.put("spark.dynamicAllocation.minExecutors", String.valueOf(min));
      }
      if (max != null) {
        conf.put("spark.dynamicAllocation.maxExecutors", String.valueOf(max));
      }
    }
    SparkSettings settings = new SparkSettings(driverMemory, driverCores, executorMemory, executorCores, executors,
        allocation, conf, pyFiles, jars, files, archives);
    return new SparkStep(sparkEntry, settings);
  }

  private StepKind commandKind(String job, Map<String, Located> fields, Set<String> handled, List<InputPort> ports,
      List<OutputPort> outputs, Map<String, String> literalInputs, List<String> arguments) {
    handled.add("command");
    Located commandField = fields.get("command");
    String command = commandField == null ? null : text(commandField);
    if (command == null || command.isBlank()) {
      warn(AmlYamlCodes.BAD_VALUE, "the command job " + job + " has no command; it is left out", sourceName,
          commandField != null ? commandField.at() : SourceLocation.START);
      return null;
    }
    command = command.strip();
    if (AmlText.needsShell(command)) {
      // Pipewright runs a command without a shell: hand the whole line to bash, placeholders and all.
      arguments.add("-c");
      arguments.addAll(translate(job, List.of(command), ports, outputs, literalInputs, commandField));
      return new ScriptStep("bash");
    }
    List<String> words;
    try {
      words = AmlText.split(command);
    } catch (IllegalArgumentException e) {
      warn(AmlYamlCodes.BAD_VALUE, "the command of job " + job + " cannot be split into words: " + e.getMessage()
          + "; it is left out", commandField.file(), commandField.at());
      return null;
    }
    int split = 1;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.startsWith("-") || w.contains("${{")) {
        break;
      }
      if (w.matches(".*\\.(py|sh|R|r|jar|scala|pl|rb|js)$")) {
        split = i + 1;
        break;
      }
    }
    split = Math.min(split, words.size());
    String program = AmlText.join(words.subList(0, split));
    arguments.addAll(translate(job, words.subList(split, words.size()), ports, outputs, literalInputs, commandField));
    return new ScriptStep(program);
  }

  /** Words with Azure ML expressions as Pipewright placeholders; expressions with no meaning here are warned about. */
  private List<String> translate(String job, List<String> words, List<InputPort> ports, List<OutputPort> outputs,
      Map<String, String> literalInputs, Located where) {
    Set<String> inputNames = new HashSet<>();
    ports.forEach(p -> inputNames.add(p.name()));
    Set<String> outputNames = new HashSet<>();
    outputs.forEach(p -> outputNames.add(p.name()));
    List<String> translated = new ArrayList<>();
    for (String word : words) {
      translated.add(AmlText.replaceExpressions(word, expression -> {
        if (expression.startsWith("inputs.")) {
          String name = expression.substring("inputs.".length());
          if (literalInputs.containsKey(name)) {
            return "{parameters." + literalInputs.get(name) + "}";
          }
          if (inputNames.contains(name)) {
            return "{inputs." + name + "}";
          }
        } else if (expression.startsWith("outputs.")) {
          String name = expression.substring("outputs.".length());
          if (outputNames.contains(name)) {
            return "{outputs." + name + "}";
          }
        }
        warn(AmlYamlCodes.UNRESOLVED_BINDING, "${{" + expression + "}} in job " + job + " names no input or output "
            + "of the job; it is kept as written", where == null ? sourceName : where.file(),
            where == null ? SourceLocation.START : where.at());
        return "${{" + expression + "}}";
      }));
    }
    return translated;
  }

  private void environment(String job, Located f, Path base, List<String> pip) {
    if (f.value() instanceof Mapping env) {
      for (String key : env.entries().keySet()) {
        SourceLocation at = env.keyAt(key);
        if ("conda_file".equals(key)) {
          YamlTree conda = env.get(key);
          if (conda instanceof Mapping inline) {
            pip.addAll(pipPackages(inline));
          } else if (conda instanceof Scalar s && !s.isNull()) {
            Path file = base.resolve(s.text().startsWith("file:") ? s.text().substring(5) : s.text()).normalize();
            try {
              YamlTree tree = YamlTree.parse(Files.readString(file, StandardCharsets.UTF_8));
              if (tree instanceof Mapping m) {
                pip.addAll(pipPackages(m));
              }
            } catch (IOException | YamlTree.SyntaxException | RuntimeException e) {
              warn(AmlYamlCodes.COMPUTE_NOT_MAPPED, "the conda file " + s.text() + " of job " + job
                  + " cannot be read (" + e.getMessage() + "); its pip packages are left out", f.file(), at);
            }
          }
        } else if ("image".equals(key) && env.text("image").filter(AmlYamlExporter.DEFAULT_IMAGE::equals).isPresent()) {
          continue; // what an export writes around a conda file
        } else if (!"name".equals(key)) {
          warn(AmlYamlCodes.COMPUTE_NOT_MAPPED, "the environment's " + key + " of job " + job + " is left out: "
              + "Pipewright runs a step in its compute's own environment, with the step's pip packages", f.file(), at);
        }
      }
      return;
    }
    String name = text(f);
    if (AmlYamlExporter.DEFAULT_ENVIRONMENT.equals(name)) {
      return; // what an export writes for a step that lists no packages
    }
    warn(AmlYamlCodes.COMPUTE_NOT_MAPPED, "the job " + job + " runs in the Azure ML environment " + name
        + ", which Pipewright cannot read; list the packages it needs in the step's environment", f.file(), f.at());
  }

  private static List<String> pipPackages(Mapping conda) {
    List<String> packages = new ArrayList<>();
    if (conda.get("dependencies") instanceof Sequence deps) {
      for (YamlTree d : deps.items()) {
        if (d instanceof Mapping m && m.get("pip") instanceof Sequence pip) {
          pip.items().forEach(p -> {
            if (p instanceof Scalar s && !s.isNull()) {
              packages.add(s.text());
            }
          });
        }
      }
    }
    return packages;
  }

  // ---- edges -------------------------------------------------------------------------------------

  private void resolvePendingEdges() {
    for (PendingEdge p : pending) {
      int index = indexOfStep(p.job());
      if (index < 0) {
        warn(AmlYamlCodes.UNRESOLVED_BINDING, "the input " + p.port() + " of job " + p.step() + " is bound to an output "
            + "of job " + p.job() + ", which is not a step of this pipeline; the input is left unconnected",
            p.file(), p.at());
        continue;
      }
      Step from = steps.get(index);
      if (from.output(p.output()).isEmpty()) {
        warn(AmlYamlCodes.UNRESOLVED_BINDING, "the job " + p.job() + " declares no output " + p.output()
            + ", which job " + p.step() + " reads; the output is added to the step", p.file(), p.at());
        List<OutputPort> outputs = new ArrayList<>(from.outputs());
        outputs.add(OutputPort.of(p.output()));
        steps.set(index, new Step(from.id(), from.name(), from.description(), from.kind(), from.compute(),
            from.sourceDirectory(), from.inputs(), outputs, from.arguments(), from.environment(), from.allowReuse()));
      }
      edges.add(new Edge(edgeId(), new Edge.End(p.job(), p.output()), new Edge.End(p.step(), p.port())));
    }
  }

  private int indexOfStep(String id) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** A dataset read by SQL steps is tabular when they read it as a view (--view), a file otherwise. */
  private void fixDatasetKinds() {
    for (String id : List.copyOf(datasets.keySet())) {
      if (!inferredKinds.contains(id)) {
        continue;
      }
      Boolean tabular = null;
      for (Edge e : edges) {
        if (!e.from().node().equals(id) || !tabularPorts.containsKey(e.to().node())) {
          continue;
        }
        boolean view = tabularPorts.get(e.to().node()).contains(e.to().port());
        tabular = tabular == null ? view : tabular || view;
      }
      if (tabular != null) {
        DatasetNode d = datasets.get(id);
        datasets.put(id, new DatasetNode(d.id(), d.name(), tabular ? DatasetKind.TABULAR : DatasetKind.FILE, d.source()));
      }
    }
  }

  private String edgeId() {
    String id;
    int n = edges.size() + 1;
    do {
      id = "e" + n++;
    } while (ids.contains(id));
    ids.add(id);
    return id;
  }

  // ---- small readers -----------------------------------------------------------------------------

  private static Optional<String> computeName(YamlTree value) {
    if (value instanceof Scalar s && !s.isNull() && !s.text().isBlank()) {
      String text = s.text().strip();
      return Optional.of(text.startsWith("azureml:") ? text.substring("azureml:".length()) : text);
    }
    return Optional.empty();
  }

  private static String text(Located f) {
    return f != null && f.value() instanceof Scalar s ? s.text() : null;
  }

  private static Map<String, Located> mappingEntries(Located f) {
    if (f == null || !(f.value() instanceof Mapping m)) {
      return Map.of();
    }
    Map<String, Located> entries = new LinkedHashMap<>();
    m.entries().forEach((k, v) -> entries.put(k, new Located(v, f.file(), m.keyAt(k))));
    return entries;
  }

  private List<String> strings(String job, Located f) {
    if (f == null) {
      return List.of();
    }
    if (f.value() instanceof Sequence s) {
      List<String> out = new ArrayList<>();
      s.items().forEach(i -> {
        if (i instanceof Scalar sc && !sc.isNull()) {
          out.add(sc.text());
        }
      });
      return out;
    }
    if (f.value() instanceof Scalar s && !s.isNull()) {
      return List.of(s.text());
    }
    warn(AmlYamlCodes.BAD_VALUE, "a list of files of job " + job + " is not a list; it is left out", f.file(), f.at());
    return List.of();
  }

  private String memory(String job, String key, String value, Located f) {
    if (!value.matches("^\\d+[kKmMgGtTpP]$")) {
      warn(AmlYamlCodes.BAD_VALUE, key + " of job " + job + " is " + value + ", not a whole number and a unit "
          + "(such as 7g); it is kept as written", f.file(), f.at());
    }
    return value;
  }

  private int whole(String job, String key, String value, Located f, int fallback) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      warn(AmlYamlCodes.BAD_VALUE, key + " of job " + job + " is " + value + ", not a whole number; "
          + fallback + " is used", f.file(), f.at());
      return fallback;
    }
  }

  private static String describe(YamlTree value) {
    if (value instanceof Mapping m) {
      List<String> parts = new ArrayList<>();
      m.entries().forEach((k, v) -> parts.add(k + " " + (v instanceof Scalar s ? s.string() : "…")));
      return String.join(", ", parts);
    }
    return value instanceof Scalar s ? s.string() : "resources";
  }

  private String relativeSource(Path base, String code) {
    Path dir = base.resolve(code).toAbsolutePath().normalize();
    String relative = pipelineDirectory.relativize(dir).toString().replace('\\', '/');
    return relative.isEmpty() ? "." : relative;
  }

  private void warn(String code, String message, String file, SourceLocation at) {
    warnings.add(new AmlYamlProblem(Severity.WARNING, code, message, file, at));
  }
}
