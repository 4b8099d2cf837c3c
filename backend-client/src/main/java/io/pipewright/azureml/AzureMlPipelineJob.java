package io.pipewright.azureml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewright.io.Jackson;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.Edge;
import io.pipewright.model.InputMode;
import io.pipewright.model.InputPort;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Placeholders;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.PipelineBackend;
import io.pipewright.workspace.WorkspaceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline as the body of Azure ML's {@code PUT /jobs/{name}} (jobType Pipeline), with the
 * anonymous component each child job runs ({@code PUT /components/azureml_anonymous/versions/V}).
 *
 * <p>What is checked and what is not. The PipelineJob envelope ({@code jobType}, {@code
 * displayName}, {@code experimentName}, {@code tags}, {@code jobs}, {@code inputs}, {@code
 * outputs}, {@code settings}) is the 2024-10-01 spec's ({@code examples/Job/PipelineJob/createOrUpdate.json});
 * {@code jobs} and {@code settings} are untyped there. The child-job shape follows what azure-ai-ml
 * sends ({@code entities/_builders/base_node.py} and {@code spark.py} {@code _to_rest_object}):
 * {@code type}, {@code name}, {@code display_name}, {@code tags}, {@code computeId}, {@code
 * componentId}, inputs as {@code {"job_input_type", "uri", "mode"}} (msrest {@code as_dict}, snake
 * case), bindings as {@code {"job_input_type": "literal", "value": "${{parent.jobs.J.outputs.O}}"}},
 * outputs as {@code {"job_output_type", "mode"}}, and for Spark {@code entry} ({@code
 * spark_job_entry_type}), {@code conf} (the driver and executor settings under their {@code spark.*}
 * keys, as {@code SparkConfKey}), {@code args}, {@code py_files}, {@code jars}, {@code files},
 * {@code archives}, {@code identity}. Settings keys are {@code PipelineJobSettings}' ({@code
 * force_rerun}). Not verified against a live service: that {@code computeId} takes the compute's
 * full Resource Manager id in a node (the SDK resolves names to ids), a {@code mode} on a binding
 * input, the component spec's field names (the CLI's YAML schema: {@code code}, {@code entry.file}
 * / {@code entry.class_name}, {@code is_deterministic}), the curated environment of command jobs,
 * and how Azure ML splits {@code args} (quoted here as a POSIX shell would).
 */
final class AzureMlPipelineJob {
  static final ObjectMapper JSON = Jackson.MAPPER;
  /** The workspace's default datastore, which Pipewright's {@code default} datastore stands for. */
  static final String DEFAULT_DATASTORE = "workspaceblobstore";
  /** Where the SQL driver jar goes in a SQL step's code folder. */
  static final String SQL_DRIVER_JAR = "pipewright-sql-driver.jar";
  static final String SQL_DRIVER_CLASS = "io.pipewright.spark.SqlStepDriver";
  /** The environment of command jobs unless the step says otherwise (a curated one; unverified that it stays). */
  static final String COMMAND_ENVIRONMENT = "azureml://registries/azureml/environments/sklearn-1.5/labels/latest";
  /** The tag on each child job naming its step; Run History reports it back on the child run. */
  static final String STEP_TAG = "pipewright.step";
  static final String RUN_TAG = "pipewright.run";

  private final PipelineBackend.Submission submission;
  private final AzureMlWorkspaceRef workspace;
  private final Pipeline pipeline;
  private final Map<String, Edge> inputEdges = new LinkedHashMap<>();

  AzureMlPipelineJob(PipelineBackend.Submission submission, AzureMlWorkspaceRef workspace) {
    this.submission = submission;
    this.workspace = workspace;
    this.pipeline = submission.pipeline();
    for (Edge edge : pipeline.edges()) {
      inputEdges.put(edge.to().node() + "\u0000" + edge.to().port(), edge);
    }
  }

  /** The name of the Azure ML job of a Pipewright run: lower case letters, digits, dashes. */
  static String jobName(String runId) {
    return "pipewright-" + runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
  }

  /** The Azure ML compute a step's child job runs on: the step's own target's name (an attached pool, a cluster). */
  String computeName(String stepId) {
    return submission.stepComputes().get(stepId).name();
  }

  // ---- components ---------------------------------------------------------------------------

  /** The anonymous component a step's child job runs, {@code codeId} its uploaded code folder. */
  ObjectNode component(Step step, String codeId) throws WorkspaceException {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("$schema", step.isSpark() ? "https://azuremlschemas.azureedge.net/latest/sparkComponent.schema.json"
        : "https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json");
    spec.put("name", "azureml_anonymous");
    spec.put("display_name", step.name());
    if (!step.description().isBlank()) {
      spec.put("description", step.description());
    }
    spec.put("type", step.isSpark() ? "spark" : "command");
    spec.put("is_deterministic", step.allowReuse());
    spec.put("code", codeId);
    ObjectNode inputs = spec.putObject("inputs");
    for (InputPort port : step.inputs()) {
      if (edgeInto(step.id(), port.name()).isEmpty()) {
        continue;
      }
      ObjectNode input = inputs.putObject(port.name());
      input.put("type", inputType(step.id(), port));
      input.put("mode", yamlMode(step, port.mode()));
      if (port.optional()) {
        input.put("optional", true);
      }
    }
    ObjectNode outputs = spec.putObject("outputs");
    for (OutputPort port : step.outputs()) {
      ObjectNode output = outputs.putObject(port.name());
      output.put("type", "uri_folder");
      output.put("mode", step.isSpark() ? "direct" : "rw_mount");
    }
    if (step.kind() instanceof SparkStep spark) {
      ObjectNode entry = spec.putObject("entry");
      if (spark.entry() instanceof SparkEntry.Python python) {
        entry.put("file", python.file());
      } else if (spark.entry() instanceof SparkEntry.Jar jar) {
        entry.put("class_name", jar.mainClass());
      } else {
        entry.put("class_name", SQL_DRIVER_CLASS);
      }
      putList(spec, "py_files", spark.settings().pyFiles());
      putList(spec, "jars", jars(spark));
      putList(spec, "files", spark.settings().files());
      putList(spec, "archives", spark.settings().archives());
      spec.set("conf", conf(spark.settings()));
      spec.put("args", args(step));
    } else {
      ScriptStep script = (ScriptStep) step.kind();
      String args = args(step);
      spec.put("command", args.isEmpty() ? script.command() : script.command() + " " + args);
      spec.put("environment", COMMAND_ENVIRONMENT);
      if (!step.environment().variables().isEmpty()) {
        ObjectNode variables = spec.putObject("environment_variables");
        step.environment().variables().forEach(variables::put);
      }
    }
    return spec;
  }

  private static List<String> jars(SparkStep spark) {
    List<String> jars = new ArrayList<>();
    if (spark.entry() instanceof SparkEntry.Jar jar) {
      jars.add(jar.file());
    } else if (spark.entry() instanceof SparkEntry.Sql) {
      jars.add(SQL_DRIVER_JAR);
    }
    jars.addAll(spark.settings().jars());
    return jars;
  }

  // ---- the pipeline job ---------------------------------------------------------------------

  /** The body of {@code PUT /jobs/{name}}; {@code componentIds} by step id. */
  ObjectNode body(Map<String, String> componentIds) throws WorkspaceException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode properties = root.putObject("properties");
    properties.put("jobType", "Pipeline");
    properties.put("displayName", pipeline.name());
    if (pipeline.description() != null && !pipeline.description().isBlank()) {
      properties.put("description", pipeline.description());
    }
    properties.put("experimentName", experimentName(submission.experiment()));
    properties.putObject("tags").put(RUN_TAG, submission.runId()).put("pipewright.pipeline", pipeline.id());
    properties.putObject("properties");
    properties.putObject("inputs");
    properties.putObject("outputs");
    ObjectNode settings = properties.putObject("settings");
    settings.put("default_datastore", "azureml:" + DEFAULT_DATASTORE);
    settings.put("continue_on_step_failure", false);
    if (submission.options().regenerateOutputs()) {
      settings.put("force_rerun", true);
    }
    ObjectNode jobs = properties.putObject("jobs");
    for (String id : submission.order()) {
      Step step = pipeline.step(id).orElseThrow();
      jobs.set(id, node(step, componentIds.get(id)));
    }
    return root;
  }

  /** Azure ML experiment names take letters, digits, dashes and underscores. */
  static String experimentName(String experiment) {
    return experiment.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private ObjectNode node(Step step, String componentId) throws WorkspaceException {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", step.id());
    node.put("type", step.isSpark() ? "spark" : "command");
    node.put("display_name", step.name());
    node.putObject("tags").put(STEP_TAG, step.id());
    node.put("computeId", workspace.compute(computeName(step.id())));
    node.put("componentId", componentId);
    ObjectNode inputs = node.putObject("inputs");
    for (InputPort port : step.inputs()) {
      Optional<Edge> edge = edgeInto(step.id(), port.name());
      if (edge.isEmpty()) {
        continue;
      }
      ObjectNode input = inputs.putObject(port.name());
      String from = edge.get().from().node();
      if (pipeline.step(from).isPresent()) {
        input.put("job_input_type", "literal");
        input.put("value", "${{parent.jobs." + from + ".outputs." + edge.get().from().port() + "}}");
        if (port.mode() != InputMode.DIRECT && !step.isSpark()) {
          input.put("mode", restMode(port.mode()));
        }
      } else {
        DatasetNode dataset = dataset(from);
        input.put("job_input_type", inputType(step.id(), port));
        input.put("uri", uri(dataset));
        // Spark jobs read their inputs directly only (azure-ai-ml's spark_helpers refuses other modes).
        input.put("mode", step.isSpark() ? "Direct" : restMode(port.mode()));
      }
    }
    ObjectNode outputs = node.putObject("outputs");
    for (OutputPort port : step.outputs()) {
      ObjectNode output = outputs.putObject(port.name());
      output.put("job_output_type", "uri_folder");
      output.put("mode", step.isSpark() ? "Direct" : "ReadWriteMount");
    }
    if (step.kind() instanceof SparkStep spark) {
      ComputeTarget target = submission.stepComputes().get(step.id());
      if (ComputeKind.SYNAPSE_SPARK_POOL.equals(target.kind())) {
        // An attached pool runs as the workspace's managed identity unless told otherwise (spark.py's identity).
        node.putObject("identity").put("identity_type", "Managed");
      }
      ObjectNode entry = node.putObject("entry");
      if (spark.entry() instanceof SparkEntry.Python python) {
        entry.put("file", python.file());
        entry.put("spark_job_entry_type", "SparkJobPythonEntry");
      } else {
        entry.put("class_name", spark.entry() instanceof SparkEntry.Jar jar ? jar.mainClass() : SQL_DRIVER_CLASS);
        entry.put("spark_job_entry_type", "SparkJobScalaEntry");
      }
      node.set("conf", conf(spark.settings()));
      node.put("args", args(step));
      putList(node, "py_files", spark.settings().pyFiles());
      putList(node, "jars", jars(spark));
      putList(node, "files", spark.settings().files());
      putList(node, "archives", spark.settings().archives());
    }
    return node;
  }

  /** The driver and executor settings under Spark's keys, then the step's own conf (SparkConfKey in azure-ai-ml). */
  static ObjectNode conf(SparkSettings s) {
    ObjectNode conf = JSON.createObjectNode();
    conf.put("spark.driver.cores", s.driverCores());
    conf.put("spark.driver.memory", s.driverMemory());
    conf.put("spark.executor.cores", s.executorCores());
    conf.put("spark.executor.memory", s.executorMemory());
    if (s.dynamicAllocation() != null) {
      conf.put("spark.dynamicAllocation.enabled", true);
      conf.put("spark.dynamicAllocation.minExecutors", s.dynamicAllocation().minExecutors());
      conf.put("spark.dynamicAllocation.maxExecutors", s.dynamicAllocation().maxExecutors());
    } else {
      conf.put("spark.executor.instances", s.executors());
    }
    s.conf().forEach(conf::put);
    return conf;
  }

  private static void putList(ObjectNode node, String field, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = node.putArray(field);
      values.forEach(array::add);
    }
  }

  /**
   * A step's arguments as one string, placeholders as Azure ML's bindings and parameters as their
   * values. A SQL step's are the SQL driver's (see SqlStepDriver): its views, outputs and
   * {@code --set} values for the placeholders in the SQL, which only the cluster can resolve.
   */
  String args(Step step) throws WorkspaceException {
    List<String> args = new ArrayList<>();
    if (step.kind() instanceof SparkStep spark && spark.entry() instanceof SparkEntry.Sql sql) {
      args.addAll(List.of("--sql", sql.file(), "--app-name", step.name()));
      for (InputPort port : step.inputs()) {
        if (edgeInto(step.id(), port.name()).isPresent() && isTabular(step.id(), port)) {
          args.addAll(List.of("--view", port.name() + "=${{inputs." + port.name() + "}}"));
        }
      }
      for (InputPort port : step.inputs()) {
        if (edgeInto(step.id(), port.name()).isPresent()) {
          args.addAll(List.of("--set", "inputs." + port.name() + "=${{inputs." + port.name() + "}}"));
        }
      }
      for (OutputPort port : step.outputs()) {
        args.addAll(List.of("--output", port.name() + "=${{outputs." + port.name() + "}}"));
        args.addAll(List.of("--set", "outputs." + port.name() + "=${{outputs." + port.name() + "}}"));
      }
      submission.parameters().forEach((name, value) -> args.addAll(List.of("--set", "parameters." + name + "=" + value)));
    }
    for (String argument : step.arguments()) {
      args.add(Placeholders.substitute(argument, ref -> switch (ref.kind()) {
        case INPUTS -> "${{inputs." + ref.name() + "}}";
        case OUTPUTS -> "${{outputs." + ref.name() + "}}";
        case PARAMETERS -> submission.parameters().getOrDefault(ref.name(), "");
      }));
    }
    return String.join(" ", args.stream().map(AzureMlPipelineJob::quote).toList());
  }

  /** Quotes an argument as a POSIX shell would need it; bindings and plain words stay as they are. */
  static String quote(String argument) {
    if (!argument.isEmpty() && argument.matches("[A-Za-z0-9_./:=,@%+{}$-]+")) {
      return argument;
    }
    return "'" + argument.replace("'", "'\\''") + "'";
  }

  // ---- inputs -------------------------------------------------------------------------------

  private Optional<Edge> edgeInto(String stepId, String port) {
    return Optional.ofNullable(inputEdges.get(stepId + "\u0000" + port));
  }

  private DatasetNode dataset(String id) throws WorkspaceException {
    return pipeline.datasets().stream().filter(d -> d.id().equals(id)).findFirst()
        .orElseThrow(() -> new WorkspaceException("no dataset '" + id + "' in the pipeline"));
  }

  private boolean isTabular(String stepId, InputPort port) {
    String from = edgeInto(stepId, port.name()).map(e -> e.from().node()).orElse("");
    return pipeline.step(from).isPresent()
        || pipeline.datasets().stream().anyMatch(d -> d.id().equals(from) && d.kind() == DatasetKind.TABULAR);
  }

  /** {@code uri_file} for a datastore path naming a file (its last part has an extension), else {@code uri_folder}. */
  private String inputType(String stepId, InputPort port) {
    String from = edgeInto(stepId, port.name()).map(e -> e.from().node()).orElse("");
    Optional<DatasetNode> dataset = pipeline.datasets().stream().filter(d -> d.id().equals(from)).findFirst();
    if (dataset.isPresent() && dataset.get().source() instanceof DatasetSource.DatastorePath dp) {
      String last = dp.path().endsWith("/") ? "" : dp.path().substring(dp.path().lastIndexOf('/') + 1);
      return last.contains(".") ? "uri_file" : "uri_folder";
    }
    return "uri_folder";
  }

  /** A dataset as Azure ML addresses it: a datastore path, or a registered data asset. */
  static String uri(DatasetNode dataset) {
    if (dataset.source() instanceof DatasetSource.DatastorePath dp) {
      String store = "default".equals(dp.datastore()) ? DEFAULT_DATASTORE : dp.datastore();
      return "azureml://datastores/" + store + "/paths/" + dp.path().replaceFirst("^/+", "");
    }
    DatasetSource.Registered registered = (DatasetSource.Registered) dataset.source();
    return "azureml:" + registered.name() + (registered.version() == null ? "@latest" : ":" + registered.version());
  }

  /** REST's input modes (InputDeliveryMode). */
  static String restMode(InputMode mode) {
    return switch (mode) {
      case DIRECT -> "Direct";
      case MOUNT -> "ReadOnlyMount";
      case DOWNLOAD -> "Download";
    };
  }

  /** The component YAML's input modes; Spark takes direct only, as azure-ai-ml's spark_helpers checks. */
  private static String yamlMode(Step step, InputMode mode) {
    if (step.isSpark()) {
      return "direct";
    }
    return switch (mode) {
      case DIRECT -> "direct";
      case MOUNT -> "ro_mount";
      case DOWNLOAD -> "download";
    };
  }
}
