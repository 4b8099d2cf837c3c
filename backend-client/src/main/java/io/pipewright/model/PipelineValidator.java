package io.pipewright.model;

import static io.pipewright.model.DiagnosticCodes.BAD_CONF_VALUE;
import static io.pipewright.model.DiagnosticCodes.BAD_DYNAMIC_ALLOCATION;
import static io.pipewright.model.DiagnosticCodes.COMPUTE_CANNOT_RUN_SPARK;
import static io.pipewright.model.DiagnosticCodes.CONF_REPEATS_A_FIELD;
import static io.pipewright.model.DiagnosticCodes.CORES_OUT_OF_RANGE;
import static io.pipewright.model.DiagnosticCodes.CYCLE;
import static io.pipewright.model.DiagnosticCodes.DANGLING_EDGE;
import static io.pipewright.model.DiagnosticCodes.DUPLICATE_ID;
import static io.pipewright.model.DiagnosticCodes.DUPLICATE_PARAMETER;
import static io.pipewright.model.DiagnosticCodes.DUPLICATE_PORT;
import static io.pipewright.model.DiagnosticCodes.DUPLICATE_STEP_NAME;
import static io.pipewright.model.DiagnosticCodes.EMPTY_COMMAND;
import static io.pipewright.model.DiagnosticCodes.INPUT_TWICE;
import static io.pipewright.model.DiagnosticCodes.INVALID_MEMORY;
import static io.pipewright.model.DiagnosticCodes.LOCAL_CORES_CAPPED;
import static io.pipewright.model.DiagnosticCodes.LOCAL_SETTINGS_IGNORED;
import static io.pipewright.model.DiagnosticCodes.MEMORY_BELOW_SPARK_MINIMUM;
import static io.pipewright.model.DiagnosticCodes.MISSING_DATASET_PATH;
import static io.pipewright.model.DiagnosticCodes.MISSING_ENTRY_FILE;
import static io.pipewright.model.DiagnosticCodes.MISSING_SOURCE_DIRECTORY;
import static io.pipewright.model.DiagnosticCodes.NO_COMPUTE;
import static io.pipewright.model.DiagnosticCodes.UNCONNECTED_INPUT;
import static io.pipewright.model.DiagnosticCodes.UNKNOWN_COMPUTE;
import static io.pipewright.model.DiagnosticCodes.UNKNOWN_DATASTORE;
import static io.pipewright.model.DiagnosticCodes.UNKNOWN_INPUT_PLACEHOLDER;
import static io.pipewright.model.DiagnosticCodes.UNKNOWN_OUTPUT_PLACEHOLDER;
import static io.pipewright.model.DiagnosticCodes.UNKNOWN_PARAMETER_PLACEHOLDER;
import static io.pipewright.model.DiagnosticCodes.UNKNOWN_PORT;
import static io.pipewright.model.DiagnosticCodes.UNTESTED_COMPUTE;
import static io.pipewright.model.DiagnosticCodes.WORKSPACE_FILES_NOT_SHARED;
import static io.pipewright.model.DiagnosticCodes.WRONG_DIRECTION;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a well-formed pipeline for what would stop it from running, or make it run otherwise
 * than written. Each finding is a {@link Diagnostic} with a stable code from
 * {@link DiagnosticCodes}, the node or edge it is about, and the JSON pointer of the field (steps,
 * datasets and edges are pointed at by their index in the pipeline's lists, which is their index
 * in the file).
 *
 * <p>Linear in the size of the pipeline: lookups go through maps built once, cycle detection is
 * iterative (Kahn's algorithm, then a walk back through what is left to name a cycle), and file
 * checks are cached per path.
 */
public final class PipelineValidator {

  private final Pipeline pipeline;
  private final ValidationContext context;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  /** Node ids (datasets, steps, edges share one namespace) to what they are. */
  private final Map<String, NodeRef> nodes;
  private final Map<Path, Boolean> directoryExists = new HashMap<>();
  private final Map<Path, Boolean> fileExists = new HashMap<>();
  /** Arguments repeat across steps ({@code {inputs.data}}): each distinct one is scanned once. */
  private final Map<String, List<Placeholders.Ref>> placeholderCache = new HashMap<>();

  private PipelineValidator(Pipeline pipeline, ValidationContext context) {
    this.pipeline = pipeline;
    this.context = context == null ? ValidationContext.NONE : context;
    this.nodes = new HashMap<>(
        2 * (pipeline.steps().size() + pipeline.datasets().size() + pipeline.edges().size()) + 16);
  }

  /** Everything found, errors first in file order, then warnings, then infos. */
  public static List<Diagnostic> validate(Pipeline pipeline, ValidationContext context) {
    PipelineValidator validator = new PipelineValidator(pipeline, context);
    validator.run();
    List<Diagnostic> result = new ArrayList<>(validator.diagnostics);
    result.sort(java.util.Comparator.comparing(Diagnostic::severity));
    return List.copyOf(result);
  }

  private void run() {
    indexIds();
    Set<String> parameterNames = parameters();
    List<Map<String, String>> connectedInputs = edges();
    List<Step> steps = pipeline.steps();
    Map<String, Integer> stepNames = new HashMap<>(steps.size() * 2);
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String ptr = "/steps/" + i;
      Integer first = stepNames.putIfAbsent(step.name(), i);
      if (first != null) {
        add(Severity.WARNING, DUPLICATE_STEP_NAME, "steps '" + steps.get(first).id() + "' and '" + step.id()
            + "' are both named '" + step.name() + "'", step.id(), null, ptr + "/name");
      }
      ports(step, i, connectedInputs);
      placeholders(step, ptr, parameterNames);
      if (step.kind() instanceof ScriptStep script && script.command().isBlank()) {
        add(Severity.ERROR, EMPTY_COMMAND, "script step '" + step.id() + "' has an empty command", step.id(), null,
            ptr + "/command");
      }
      if (step.kind() instanceof SparkStep spark) {
        sparkSettings(step, spark.settings(), ptr + "/spark");
      }
      compute(step, ptr);
      files(step, ptr);
    }
    datastores();
    cycles();
  }

  // ---- datasets' datastores ---------------------------------------------------------------------

  private void datastores() {
    Map<String, Path> roots = context.datastores();
    if (roots == null) {
      return;
    }
    List<DatasetNode> datasets = pipeline.datasets();
    for (int i = 0; i < datasets.size(); i++) {
      DatasetNode dataset = datasets.get(i);
      if (!(dataset.source() instanceof DatasetSource.DatastorePath source)) {
        continue;
      }
      String ptr = "/datasets/" + i;
      if (!roots.containsKey(source.datastore())) {
        add(Severity.ERROR, UNKNOWN_DATASTORE, "dataset '" + dataset.id() + "' is in datastore '" + source.datastore()
            + "', which the workspace does not have (it has: " + String.join(", ", new java.util.TreeSet<>(roots.keySet()))
            + ")", dataset.id(), null, ptr + "/datastore");
        continue;
      }
      Path root = roots.get(source.datastore());
      if (root == null) {
        continue; // not a folder of this machine: its paths cannot be checked from here
      }
      Path data;
      try {
        data = root.resolve(source.path()).normalize();
      } catch (InvalidPathException e) {
        data = null;
      }
      if (data == null || !Files.exists(data)) {
        add(Severity.WARNING, MISSING_DATASET_PATH, "dataset '" + dataset.id() + "': '" + source.path()
            + "' is not in datastore '" + source.datastore() + "'" + (data == null ? "" : " (" + data + ")"),
            dataset.id(), null, ptr + "/path");
      }
    }
  }

  // ---- ids -------------------------------------------------------------------------------------

  private enum NodeType {
    DATASET("dataset", "/datasets/"),
    STEP("step", "/steps/"),
    EDGE("edge", "/edges/");

    final String label;
    final String pointer;

    NodeType(String label, String pointer) {
      this.label = label;
      this.pointer = pointer;
    }
  }

  private record NodeRef(NodeType type, int index) {}

  private void indexIds() {
    List<DatasetNode> datasets = pipeline.datasets();
    for (int i = 0; i < datasets.size(); i++) {
      registerId(datasets.get(i).id(), new NodeRef(NodeType.DATASET, i));
    }
    List<Step> steps = pipeline.steps();
    for (int i = 0; i < steps.size(); i++) {
      registerId(steps.get(i).id(), new NodeRef(NodeType.STEP, i));
    }
    List<Edge> edges = pipeline.edges();
    for (int i = 0; i < edges.size(); i++) {
      registerId(edges.get(i).id(), new NodeRef(NodeType.EDGE, i));
    }
  }

  private void registerId(String id, NodeRef ref) {
    NodeRef first = nodes.putIfAbsent(id, ref);
    if (first != null) {
      boolean isEdge = ref.type == NodeType.EDGE;
      add(Severity.ERROR, DUPLICATE_ID, ref.type.label + " id '" + id + "' is already the id of "
          + first.type.label + " " + (first.index + 1) + "; ids of steps, datasets and edges must be unique",
          isEdge ? null : id, isEdge ? id : null, ref.type.pointer + ref.index + "/id");
    }
  }

  private Set<String> parameters() {
    Set<String> names = new HashSet<>();
    List<Parameter> parameters = pipeline.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (!names.add(parameters.get(i).name())) {
        add(Severity.ERROR, DUPLICATE_PARAMETER, "parameter '" + parameters.get(i).name() + "' is defined twice",
            null, null, "/parameters/" + i + "/name");
      }
    }
    return names;
  }

  // ---- edges -----------------------------------------------------------------------------------

  /** Checks every edge; returns, by step index, the first edge into each input port. */
  private List<Map<String, String>> edges() {
    List<Map<String, String>> into = new ArrayList<>(pipeline.steps().size());
    for (int i = 0; i < pipeline.steps().size(); i++) {
      into.add(null);
    }
    List<Edge> edges = pipeline.edges();
    for (int i = 0; i < edges.size(); i++) {
      Edge edge = edges.get(i);
      String ptr = "/edges/" + i;
      checkFrom(edge, ptr + "/from");
      Step target = checkTo(edge, ptr + "/to");
      if (target == null) {
        continue;
      }
      // Counted even when the start is wrong: that is reported once, as the edge's problem.
      int index = nodes.get(edge.to().node()).index;
      Map<String, String> ports = into.get(index);
      if (ports == null) {
        ports = new HashMap<>(4);
        into.set(index, ports);
      }
      String earlier = ports.putIfAbsent(edge.to().port(), edge.id());
      if (earlier != null) {
        add(Severity.ERROR, INPUT_TWICE, "edges '" + earlier + "' and '" + edge.id() + "' both end at input '"
            + edge.to().port() + "' of step '" + target.id() + "'; an input takes one edge", target.id(), edge.id(),
            ptr + "/to");
      }
    }
    return into;
  }

  private boolean checkFrom(Edge edge, String ptr) {
    Edge.End from = edge.from();
    NodeRef ref = nodes.get(from.node());
    if (ref == null || ref.type == NodeType.EDGE) {
      add(Severity.ERROR, DANGLING_EDGE, "edge '" + edge.id() + "' starts at '" + from.node() + "', which is "
          + (ref == null ? "not a step or dataset of this pipeline" : "an edge"), null, edge.id(), ptr + "/node");
      return false;
    }
    if (ref.type == NodeType.DATASET) {
      if (from.port() != null) {
        add(Severity.ERROR, UNKNOWN_PORT, "edge '" + edge.id() + "' starts at port '" + from.port() + "' of dataset '"
            + from.node() + "'; a dataset has no ports", from.node(), edge.id(), ptr + "/port");
        return false;
      }
      return true;
    }
    Step step = pipeline.steps().get(ref.index);
    if (from.port() == null) {
      add(Severity.ERROR, UNKNOWN_PORT, "edge '" + edge.id() + "' starts at step '" + step.id()
          + "' without naming one of its outputs", step.id(), edge.id(), ptr);
      return false;
    }
    if (hasOutput(step, from.port())) {
      return true;
    }
    if (hasInput(step, from.port())) {
      add(Severity.ERROR, WRONG_DIRECTION, "edge '" + edge.id() + "' starts at input '" + from.port() + "' of step '"
          + step.id() + "'; an edge starts at a step output or a dataset", step.id(), edge.id(), ptr + "/port");
    } else {
      add(Severity.ERROR, UNKNOWN_PORT, "edge '" + edge.id() + "' starts at '" + from.port() + "', which is not an "
          + "output of step '" + step.id() + "'", step.id(), edge.id(), ptr + "/port");
    }
    return false;
  }

  /** The step whose input the edge validly ends at, or null. */
  private Step checkTo(Edge edge, String ptr) {
    Edge.End to = edge.to();
    NodeRef ref = nodes.get(to.node());
    if (ref == null || ref.type == NodeType.EDGE) {
      add(Severity.ERROR, DANGLING_EDGE, "edge '" + edge.id() + "' ends at '" + to.node() + "', which is "
          + (ref == null ? "not a step of this pipeline" : "an edge"), null, edge.id(), ptr + "/node");
      return null;
    }
    if (ref.type == NodeType.DATASET) {
      add(Severity.ERROR, WRONG_DIRECTION, "edge '" + edge.id() + "' ends at dataset '" + to.node()
          + "'; an edge ends at a step input (register a step output to make a dataset)", to.node(), edge.id(),
          ptr + "/node");
      return null;
    }
    Step step = pipeline.steps().get(ref.index);
    if (to.port() == null) {
      add(Severity.ERROR, UNKNOWN_PORT, "edge '" + edge.id() + "' ends at step '" + step.id()
          + "' without naming one of its inputs", step.id(), edge.id(), ptr);
      return null;
    }
    if (hasInput(step, to.port())) {
      return step;
    }
    if (hasOutput(step, to.port())) {
      add(Severity.ERROR, WRONG_DIRECTION, "edge '" + edge.id() + "' ends at output '" + to.port() + "' of step '"
          + step.id() + "'; an edge ends at a step input", step.id(), edge.id(), ptr + "/port");
    } else {
      add(Severity.ERROR, UNKNOWN_PORT, "edge '" + edge.id() + "' ends at '" + to.port() + "', which is not an "
          + "input of step '" + step.id() + "'", step.id(), edge.id(), ptr + "/port");
    }
    return null;
  }

  // ---- steps -----------------------------------------------------------------------------------

  private void ports(Step step, int index, List<Map<String, String>> connectedInputs) {
    String ptr = "/steps/" + index;
    Set<String> names = new HashSet<>();
    for (int j = 0; j < step.inputs().size(); j++) {
      InputPort input = step.inputs().get(j);
      if (!names.add(input.name())) {
        add(Severity.ERROR, DUPLICATE_PORT, "step '" + step.id() + "' has two ports named '" + input.name() + "'",
            step.id(), null, ptr + "/inputs/" + j + "/name");
      }
      Map<String, String> connected = connectedInputs.get(index);
      if (!input.optional() && (connected == null || !connected.containsKey(input.name()))) {
        add(Severity.ERROR, UNCONNECTED_INPUT, "required input '" + input.name() + "' of step '" + step.id()
            + "' has no edge into it (connect it, or mark it optional)", step.id(), null, ptr + "/inputs/" + j);
      }
    }
    for (int j = 0; j < step.outputs().size(); j++) {
      OutputPort output = step.outputs().get(j);
      if (!names.add(output.name())) {
        add(Severity.ERROR, DUPLICATE_PORT, "step '" + step.id() + "' has two ports named '" + output.name()
            + "' (inputs and outputs share names)", step.id(), null, ptr + "/outputs/" + j + "/name");
      }
    }
  }

  private void placeholders(Step step, String ptr, Set<String> parameterNames) {
    Set<String> inputs = null;
    Set<String> outputs = null;
    for (int k = 0; k < step.arguments().size(); k++) {
      String argument = step.arguments().get(k);
      if (argument.indexOf('{') < 0) {
        continue;
      }
      for (Placeholders.Ref ref : placeholderCache.computeIfAbsent(argument, Placeholders::find)) {
        String at = ptr + "/arguments/" + k;
        switch (ref.kind()) {
          case INPUTS -> {
            if (inputs == null) {
              inputs = new HashSet<>();
              for (InputPort p : step.inputs()) {
                inputs.add(p.name());
              }
            }
            if (!inputs.contains(ref.name())) {
              add(Severity.ERROR, UNKNOWN_INPUT_PLACEHOLDER, "argument " + ref + " of step '" + step.id()
                  + "' names no input of the step", step.id(), null, at);
            }
          }
          case OUTPUTS -> {
            if (outputs == null) {
              outputs = new HashSet<>();
              for (OutputPort p : step.outputs()) {
                outputs.add(p.name());
              }
            }
            if (!outputs.contains(ref.name())) {
              add(Severity.ERROR, UNKNOWN_OUTPUT_PLACEHOLDER, "argument " + ref + " of step '" + step.id()
                  + "' names no output of the step", step.id(), null, at);
            }
          }
          case PARAMETERS -> {
            if (!parameterNames.contains(ref.name())) {
              add(Severity.ERROR, UNKNOWN_PARAMETER_PLACEHOLDER, "argument " + ref + " of step '" + step.id()
                  + "' names no parameter of the pipeline", step.id(), null, at);
            }
          }
        }
      }
    }
  }

  /**
   * Spark settings Spark itself would refuse at start ({@link SparkValues}): memory that is not a
   * size, has no unit or is below Spark's minimum; counts below 1; dynamic allocation bounds out of
   * order (minimum ≤ initial ≤ maximum); conf values of the wrong type for keys Spark knows, and
   * conf keys the step has a field for. Fields are named as the property panel labels them.
   */
  private void sparkSettings(Step step, SparkSettings s, String ptr) {
    String of = " of step '" + step.id() + "'";
    memory(step, "Driver memory" + of, s.driverMemory(), ptr + "/driverMemory");
    memory(step, "Executor memory" + of, s.executorMemory(), ptr + "/executorMemory");
    count(step, "Driver cores" + of, s.driverCores(), 1, ptr + "/driverCores");
    count(step, "Executor cores" + of, s.executorCores(), 1, ptr + "/executorCores");
    if (s.dynamicAllocation() == null) {
      count(step, "Executors" + of, s.executors(), 1, ptr + "/executors");
    }
    DynamicAllocation dyn = s.dynamicAllocation();
    if (dyn != null) {
      String at = ptr + "/dynamicAllocation";
      SparkValues.count("Minimum executors" + of, dyn.minExecutors(), 0).ifPresent(m ->
          add(Severity.ERROR, BAD_DYNAMIC_ALLOCATION, m, step.id(), null, at + "/minExecutors"));
      Optional<String> max = SparkValues.count("Maximum executors" + of, dyn.maxExecutors(), 1);
      max.ifPresent(m -> add(Severity.ERROR, BAD_DYNAMIC_ALLOCATION, m, step.id(), null, at + "/maxExecutors"));
      if (max.isEmpty() && dyn.minExecutors() > dyn.maxExecutors()) {
        add(Severity.ERROR, BAD_DYNAMIC_ALLOCATION, "dynamic allocation" + of + " has minimum executors "
            + dyn.minExecutors() + " above maximum executors " + dyn.maxExecutors(), step.id(), null, at);
      }
    }
    conf(step, s, ptr + "/conf");
  }

  private void memory(Step step, String subject, String text, String ptr) {
    SparkValues.memory(subject, text).ifPresent(message -> {
      boolean belowMinimum = MemorySize.parse(text).filter(MemorySize::hasUnit).isPresent();
      add(Severity.ERROR, belowMinimum ? MEMORY_BELOW_SPARK_MINIMUM : INVALID_MEMORY, message, step.id(), null, ptr);
    });
  }

  private void count(Step step, String subject, int value, int min, String ptr) {
    SparkValues.count(subject, value, min).ifPresent(m -> add(Severity.ERROR, CORES_OUT_OF_RANGE, m, step.id(), null,
        ptr));
  }

  private void conf(Step step, SparkSettings s, String ptr) {
    for (Map.Entry<String, String> e : s.conf().entrySet()) {
      String at = ptr + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
      Optional<SparkValues.Key> known = SparkValues.find(e.getKey());
      boolean field = known.isPresent() && known.get().type() == SparkValues.Type.FIELD;
      SparkValues.confValue(e.getKey(), e.getValue()).ifPresent(m -> add(Severity.ERROR,
          field ? CONF_REPEATS_A_FIELD : BAD_CONF_VALUE, "step '" + step.id() + "': " + m, step.id(), null, at));
    }
    DynamicAllocation dyn = s.dynamicAllocation();
    String initialKey = "spark.dynamicAllocation.initialExecutors";
    String initialText = s.conf().get(initialKey);
    if (dyn == null || initialText == null || SparkValues.confValue(initialKey, initialText).isPresent()) {
      return;
    }
    int initial = Integer.parseInt(initialText.strip());
    if (initial < dyn.minExecutors() || initial > dyn.maxExecutors()) {
      add(Severity.ERROR, BAD_DYNAMIC_ALLOCATION, "step '" + step.id() + "': " + initialKey + " " + initial
          + " is not between the minimum (" + dyn.minExecutors() + ") and maximum (" + dyn.maxExecutors()
          + ") executors of its dynamic allocation", step.id(), null, ptr + "/" + initialKey);
    }
  }

  private boolean defaultComputeChecked;
  /** Remote targets already warned about as never tested: one warning per target, at its first step. */
  private final Set<String> untestedWarned = new HashSet<>();
  /** Remote targets already warned about as not seeing the workspace's files: one warning per target. */
  private final Set<String> unsharedWarned = new HashSet<>();

  private void compute(Step step, String ptr) {
    String name = pipeline.computeOf(step);
    if (name == null) {
      add(Severity.ERROR, NO_COMPUTE, "step '" + step.id() + "' has no compute target and the pipeline has no "
          + "defaultCompute", step.id(), null, ptr);
      return;
    }
    Map<String, ComputeProfile> computes = context.computes();
    if (computes == null) {
      return;
    }
    boolean inherited = step.compute() == null;
    String at = inherited ? "/defaultCompute" : ptr + "/compute";
    ComputeProfile profile = computes.get(name);
    if (profile == null) {
      if (inherited) {
        if (!defaultComputeChecked) {
          defaultComputeChecked = true;
          add(Severity.ERROR, UNKNOWN_COMPUTE, "default compute target '" + name + "' does not exist (known: "
              + String.join(", ", new java.util.TreeSet<>(computes.keySet())) + ")", null, null, at);
        }
      } else {
        add(Severity.ERROR, UNKNOWN_COMPUTE, "compute target '" + name + "' of step '" + step.id()
            + "' does not exist (known: " + String.join(", ", new java.util.TreeSet<>(computes.keySet())) + ")",
            step.id(), null, at);
      }
      return;
    }
    if (profile.isRemote() && !profile.tested() && untestedWarned.add(name)) {
      add(Severity.WARNING, UNTESTED_COMPUTE, "compute target '" + name + "' has never passed a connection test: "
          + "test it in the Compute tab (or pipewright computes test " + name + ")", inherited ? null : step.id(),
          null, at);
    }
    if (profile.isRemote() && !profile.seesWorkspaceFiles() && unsharedWarned.add(name)) {
      add(Severity.WARNING, WORKSPACE_FILES_NOT_SHARED, "compute target '" + name + "' is on another machine and has"
          + " no staging folder: its workers would look for this workspace's files at the same paths; set its"
          + " staging folder to one they share", inherited ? null : step.id(), null, at);
    }
    if (!(step.kind() instanceof SparkStep spark)) {
      return;
    }
    if (!profile.runsSpark()) {
      add(Severity.ERROR, COMPUTE_CANNOT_RUN_SPARK, "Spark step '" + step.id() + "' is set to run on '" + name
          + "' (" + profile.kind() + "), which cannot run Spark", step.id(), null, at);
      return;
    }
    if (profile.localMode()) {
      localMode(step, spark.settings(), profile, ptr + "/spark");
    }
  }

  private void localMode(Step step, SparkSettings s, ComputeProfile profile, String ptr) {
    int asked = s.requestedExecutorCores();
    if (profile.maxCores() > 0 && asked > profile.maxCores()) {
      String how = s.dynamicAllocation() != null
          ? "up to " + s.dynamicAllocation().maxExecutors() + " executors"
          : s.executors() + (s.executors() == 1 ? " executor" : " executors");
      add(Severity.WARNING, LOCAL_CORES_CAPPED, "step '" + step.id() + "' asks for " + asked + " executor cores; "
          + "local mode on this machine runs with local[" + profile.maxCores() + "] (" + how + " × "
          + s.executorCores() + (s.executorCores() == 1 ? " core" : " cores") + " asked)", step.id(), null, ptr);
    }
    boolean memorySet = !s.executorMemory().equals(SparkSettings.DEFAULTS.executorMemory());
    boolean executorsSet = s.executors() != 1 || s.dynamicAllocation() != null;
    if (memorySet || executorsSet) {
      List<String> ignored = new ArrayList<>();
      if (memorySet) {
        ignored.add("executor memory (" + s.executorMemory() + ")");
      }
      if (executorsSet) {
        ignored.add(s.dynamicAllocation() != null ? "dynamic allocation" : "the number of executors");
      }
      add(Severity.INFO, LOCAL_SETTINGS_IGNORED, "step '" + step.id() + "': " + String.join(" and ", ignored)
          + (ignored.size() > 1 ? " are" : " is") + " not honoured in local mode: executors are threads in the "
          + "driver's JVM, whose heap is the driver memory (" + s.driverMemory() + ")", step.id(), null, memorySet ? ptr + "/executorMemory"
          : ptr + (s.dynamicAllocation() != null ? "/dynamicAllocation" : "/executors"));
    }
  }

  private void files(Step step, String ptr) {
    Optional<Path> base = context.base();
    if (base.isEmpty()) {
      return;
    }
    Path dir;
    try {
      dir = base.get().resolve(step.sourceDirectory()).normalize();
    } catch (InvalidPathException e) {
      dir = null;
    }
    if (dir == null || !directoryExists.computeIfAbsent(dir, Files::isDirectory)) {
      add(Severity.ERROR, MISSING_SOURCE_DIRECTORY, "source directory '" + step.sourceDirectory() + "' of step '"
          + step.id() + "' does not exist" + (dir == null ? "" : " (" + dir + ")"), step.id(), null,
          ptr + "/sourceDirectory");
      return;
    }
    if (!(step.kind() instanceof SparkStep spark)) {
      return;
    }
    SparkEntry entry = spark.entry();
    String field = entry instanceof SparkEntry.Sql ? "sql" : entry instanceof SparkEntry.Python ? "python" : "jar";
    Path file;
    try {
      file = dir.resolve(entry.file()).normalize();
    } catch (InvalidPathException e) {
      file = null;
    }
    if (file == null || !fileExists.computeIfAbsent(file, Files::isRegularFile)) {
      add(Severity.ERROR, MISSING_ENTRY_FILE, field + " file '" + entry.file() + "' of step '" + step.id()
          + "' does not exist" + (file == null ? "" : " (" + file + ")"), step.id(), null, ptr + "/entry/" + field);
    }
  }

  // ---- cycles ----------------------------------------------------------------------------------

  /**
   * Kahn's algorithm over step-to-step edges; the steps it cannot order are on a cycle or
   * downstream of one. Each step left has a predecessor left, so walking predecessors from one
   * of them must come back to a step already seen: that loop is a cycle.
   */
  private void cycles() {
    List<Step> steps = pipeline.steps();
    int n = steps.size();
    List<Edge> edges = pipeline.edges();
    int[] from = new int[edges.size()];
    int[] to = new int[edges.size()];
    int m = 0;
    int[] indegree = new int[n];
    int[] outdegree = new int[n];
    for (Edge edge : edges) {
      NodeRef a = nodes.get(edge.from().node());
      NodeRef b = nodes.get(edge.to().node());
      if (a == null || b == null || a.type != NodeType.STEP || b.type != NodeType.STEP) {
        continue;
      }
      from[m] = a.index;
      to[m] = b.index;
      outdegree[a.index]++;
      indegree[b.index]++;
      m++;
    }
    // Successors and predecessors in compressed rows: node i's are at [start[i], start[i + 1]).
    int[] succStart = new int[n + 1];
    int[] predStart = new int[n + 1];
    for (int i = 0; i < n; i++) {
      succStart[i + 1] = succStart[i] + outdegree[i];
      predStart[i + 1] = predStart[i] + indegree[i];
    }
    int[] succ = new int[m];
    int[] pred = new int[m];
    int[] succFill = Arrays.copyOf(succStart, n);
    int[] predFill = Arrays.copyOf(predStart, n);
    for (int e = 0; e < m; e++) {
      succ[succFill[from[e]]++] = to[e];
      pred[predFill[to[e]]++] = from[e];
    }
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    for (int i = 0; i < n; i++) {
      if (indegree[i] == 0) {
        queue[tail++] = i;
      }
    }
    boolean[] done = new boolean[n];
    while (head < tail) {
      int i = queue[head++];
      done[i] = true;
      for (int k = succStart[i]; k < succStart[i + 1]; k++) {
        if (--indegree[succ[k]] == 0) {
          queue[tail++] = succ[k];
        }
      }
    }
    if (tail == n) {
      return;
    }
    int[] visitedBy = new int[n];
    Arrays.fill(visitedBy, -1);
    for (int start = 0; start < n; start++) {
      if (done[start] || visitedBy[start] >= 0) {
        continue;
      }
      List<Integer> walk = new ArrayList<>();
      int current = start;
      boolean closed = true;
      while (visitedBy[current] < 0) {
        visitedBy[current] = start;
        walk.add(current);
        int previous = -1;
        for (int k = predStart[current]; k < predStart[current + 1]; k++) {
          if (!done[pred[k]]) {
            previous = pred[k];
            break;
          }
        }
        if (previous < 0) {
          closed = false; // cannot happen: every step Kahn left has a predecessor left
          break;
        }
        current = previous;
      }
      if (!closed || visitedBy[current] != start) {
        continue;
      }
      List<Integer> cycle = new ArrayList<>(walk.subList(walk.indexOf(current), walk.size()));
      java.util.Collections.reverse(cycle); // the walk went against the edges
      int firstInFile = cycle.indexOf(java.util.Collections.min(cycle));
      java.util.Collections.rotate(cycle, -firstInFile);
      StringBuilder names = new StringBuilder();
      for (int i : cycle) {
        names.append('\'').append(steps.get(i).id()).append("' → ");
      }
      names.append('\'').append(steps.get(cycle.get(0)).id()).append('\'');
      Step first = steps.get(cycle.get(0));
      add(Severity.ERROR, CYCLE, "steps form a cycle: " + names, first.id(), null, "/steps/" + cycle.get(0));
    }
  }

  private static boolean hasInput(Step step, String port) {
    for (InputPort input : step.inputs()) {
      if (input.name().equals(port)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasOutput(Step step, String port) {
    for (OutputPort output : step.outputs()) {
      if (output.name().equals(port)) {
        return true;
      }
    }
    return false;
  }

  private void add(Severity severity, String code, String message, String nodeId, String edgeId, String pointer) {
    diagnostics.add(new Diagnostic(severity, code, message, nodeId, edgeId, pointer));
  }
}
