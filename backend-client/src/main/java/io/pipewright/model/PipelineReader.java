package io.pipewright.model;

import static io.pipewright.model.DiagnosticCodes.BAD_SCHEMA_VERSION;
import static io.pipewright.model.DiagnosticCodes.INVALID_VALUE;
import static io.pipewright.model.DiagnosticCodes.MISSING_FIELD;
import static io.pipewright.model.DiagnosticCodes.NEWER_SCHEMA;
import static io.pipewright.model.DiagnosticCodes.UNKNOWN_FIELD;
import static io.pipewright.model.DiagnosticCodes.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a parsed JSON tree to the model by hand, knowing the JSON pointer of every field it looks
 * at, and reports every problem of the format instead of stopping at the first. Optional fields
 * with a problem fall back to their default; when a required part is missing the element cannot
 * be built and the result has no pipeline.
 */
final class PipelineReader {

  private static final Set<String> PIPELINE_FIELDS = Set.of(
      "schemaVersion", "id", "name", "description", "defaultCompute", "parameters", "datasets", "steps", "edges",
      "layout");
  private static final Set<String> PARAMETER_FIELDS = Set.of("name", "default", "description");
  private static final Set<String> DATASET_FIELDS = Set.of("id", "name", "kind", "datastore", "path", "registered");
  private static final Set<String> REGISTERED_FIELDS = Set.of("name", "version");
  private static final Set<String> COMMON_STEP_FIELDS = Set.of(
      "id", "name", "description", "type", "compute", "sourceDirectory", "inputs", "outputs", "arguments",
      "environment", "allowReuse");
  private static final Set<String> SPARK_ONLY_FIELDS = Set.of("entry", "spark");
  private static final Set<String> SCRIPT_ONLY_FIELDS = Set.of("command");
  private static final Set<String> ALL_KIND_FIELDS = Set.of("entry", "spark", "command");
  private static final Set<String> ENTRY_FIELDS = Set.of("sql", "python", "jar", "mainClass");
  private static final Set<String> SPARK_FIELDS = Set.of(
      "driverMemory", "driverCores", "executorMemory", "executorCores", "executors", "dynamicAllocation", "conf",
      "pyFiles", "jars", "files", "archives");
  private static final Set<String> DYNAMIC_FIELDS = Set.of("minExecutors", "maxExecutors");
  private static final Set<String> INPUT_FIELDS = Set.of("name", "mode", "optional");
  private static final Set<String> OUTPUT_FIELDS = Set.of("name", "registerAs");
  private static final Set<String> ENVIRONMENT_FIELDS = Set.of("pipPackages", "variables");
  private static final Set<String> EDGE_FIELDS = Set.of("id", "from", "to");
  private static final Set<String> END_FIELDS = Set.of("node", "port");
  private static final Set<String> LAYOUT_FIELDS = Set.of("nodes");
  private static final Set<String> POSITION_FIELDS = Set.of("x", "y");

  private final List<Diagnostic> problems = new ArrayList<>();
  /** Set when some element could not be built; the result then has no pipeline. */
  private boolean incomplete;
  /** The step or dataset the fields being read belong to, for {@link Diagnostic#nodeId()}. */
  private String nodeId;
  private String edgeId;

  List<Diagnostic> problems() {
    return problems;
  }

  /** The pipeline, or null when the tree is not one this version can build. */
  Pipeline read(JsonNode root) {
    if (!root.isObject()) {
      error(WRONG_TYPE, "a pipeline file must hold a JSON object, not " + describe(root), "");
      return null;
    }
    if (!schemaVersionSupported(root)) {
      return null;
    }
    Ctx ctx = new Ctx("", "the pipeline");
    checkFields(root, ctx, PIPELINE_FIELDS);
    String id = requiredString(root, "id", ctx);
    String name = optionalString(root, "name", ctx);
    String description = optionalString(root, "description", ctx);
    String defaultCompute = optionalString(root, "defaultCompute", ctx);

    List<Parameter> parameters = list(root, "parameters", ctx, this::parameter);
    List<DatasetNode> datasets = list(root, "datasets", ctx, this::dataset);
    List<Step> steps = list(root, "steps", ctx, this::step);
    List<Edge> edges = list(root, "edges", ctx, this::edge);
    Layout layout = layout(root, ctx);
    if (incomplete || id == null) {
      return null;
    }
    return new Pipeline(id, name, description, parameters, defaultCompute, datasets, steps, edges, layout);
  }

  private boolean schemaVersionSupported(JsonNode root) {
    JsonNode version = root.get("schemaVersion");
    if (version == null) {
      error(BAD_SCHEMA_VERSION, "schemaVersion is missing; a pipeline file starts with \"schemaVersion\": "
          + PipelineFormat.SCHEMA_VERSION, "");
      incomplete = true;
      return true;
    }
    if (!version.isIntegralNumber() || !version.canConvertToInt()) {
      error(WRONG_TYPE, "schemaVersion must be a whole number, not " + describe(version), "/schemaVersion");
      incomplete = true;
      return true;
    }
    int v = version.intValue();
    if (v > PipelineFormat.SCHEMA_VERSION) {
      error(NEWER_SCHEMA, "written by a newer Pipewright (schemaVersion " + v + "; this version reads up to "
          + PipelineFormat.SCHEMA_VERSION + ")", "/schemaVersion");
      return false;
    }
    if (v < 1) {
      error(BAD_SCHEMA_VERSION, "schemaVersion " + v + " does not exist; versions start at 1", "/schemaVersion");
      incomplete = true;
    }
    return true;
  }

  private Parameter parameter(JsonNode node, Ctx ctx) {
    String name = requiredString(node, "name", ctx);
    Ctx named = name == null ? ctx : ctx.named("parameter '" + name + "'");
    checkFields(node, named, PARAMETER_FIELDS);
    String defaultValue = optionalString(node, "default", named);
    String description = optionalString(node, "description", named);
    return name == null ? null : new Parameter(name, defaultValue, description);
  }

  private DatasetNode dataset(JsonNode node, Ctx ctx) {
    String id = requiredString(node, "id", ctx);
    nodeId = id;
    Ctx named = id == null ? ctx : ctx.named("dataset '" + id + "'");
    checkFields(node, named, DATASET_FIELDS);
    String name = optionalString(node, "name", named);
    DatasetKind kind = enumValue(node, "kind", named, DatasetKind.values(), DatasetKind::wireName);
    DatasetSource source = datasetSource(node, named);
    nodeId = null;
    return id == null || source == null ? null : new DatasetNode(id, name, kind, source);
  }

  private DatasetSource datasetSource(JsonNode node, Ctx ctx) {
    boolean hasPath = node.has("datastore") || node.has("path");
    boolean hasRegistered = node.has("registered");
    if (hasPath && hasRegistered) {
      error(INVALID_VALUE, ctx.what + " has both datastore/path and registered; it needs one of them",
          ctx.pointer + "/registered");
      return null;
    }
    if (hasRegistered) {
      JsonNode registered = object(node, "registered", ctx);
      if (registered == null) {
        return null;
      }
      Ctx r = ctx.child("registered", ctx.what + " registered");
      checkFields(registered, r, REGISTERED_FIELDS);
      String name = requiredString(registered, "name", r);
      Integer version = optionalInt(registered, "version", r);
      return name == null ? null : new DatasetSource.Registered(name, version);
    }
    if (!hasPath) {
      error(MISSING_FIELD, ctx.what + " needs either datastore and path, or registered", ctx.pointer);
      return null;
    }
    String datastore = requiredString(node, "datastore", ctx);
    String path = requiredString(node, "path", ctx);
    return datastore == null || path == null ? null : new DatasetSource.DatastorePath(datastore, path);
  }

  private Step step(JsonNode node, Ctx ctx) {
    String id = requiredString(node, "id", ctx);
    nodeId = id;
    Ctx named = id == null ? ctx : ctx.named("step '" + id + "'");
    String type = requiredString(node, "type", named);
    StepKind kind = null;
    if ("spark".equals(type)) {
      checkStepFields(node, named, SPARK_ONLY_FIELDS, SCRIPT_ONLY_FIELDS, "a spark");
      SparkEntry entry = entry(node, named);
      SparkSettings settings = sparkSettings(node, named);
      kind = entry == null ? null : new SparkStep(entry, settings);
    } else if ("script".equals(type)) {
      checkStepFields(node, named, SCRIPT_ONLY_FIELDS, SPARK_ONLY_FIELDS, "a script");
      String command = requiredStringAllowEmpty(node, "command", named);
      kind = command == null ? null : new ScriptStep(command);
    } else {
      if (type != null) {
        error(INVALID_VALUE, "type of " + named.what + " must be spark or script, not '" + type + "'",
            named.pointer + "/type");
      }
      checkStepFields(node, named, ALL_KIND_FIELDS, Set.of(), null);
      incomplete = true;
    }
    String name = optionalString(node, "name", named);
    String description = optionalString(node, "description", named);
    String compute = optionalString(node, "compute", named);
    String sourceDirectory = optionalString(node, "sourceDirectory", named);
    List<InputPort> inputs = list(node, "inputs", named, this::input);
    List<OutputPort> outputs = list(node, "outputs", named, this::output);
    List<String> arguments = stringList(node, "arguments", named);
    Environment environment = environment(node, named);
    Boolean allowReuse = optionalBoolean(node, "allowReuse", named);
    nodeId = null;
    if (id == null || kind == null) {
      incomplete = true;
      return null;
    }
    return new Step(id, name, description, kind, compute, sourceDirectory, inputs, outputs, arguments, environment,
        allowReuse == null || allowReuse);
  }

  private void checkStepFields(JsonNode node, Ctx ctx, Set<String> own, Set<String> others, String typeName) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (COMMON_STEP_FIELDS.contains(field) || own.contains(field)) {
        continue;
      }
      if (others.contains(field)) {
        error(UNKNOWN_FIELD, "field '" + field + "' does not apply to " + typeName + " step (" + ctx.what + ")",
            ctx.pointer + "/" + escape(field));
      } else {
        unknownField(field, ctx);
      }
    }
  }

  private SparkEntry entry(JsonNode node, Ctx ctx) {
    JsonNode entry = node.get("entry");
    if (entry == null) {
      error(MISSING_FIELD, ctx.what + " needs an entry: {\"sql\": FILE}, {\"python\": FILE} or "
          + "{\"jar\": FILE, \"mainClass\": CLASS}", ctx.pointer);
      return null;
    }
    JsonNode obj = object(node, "entry", ctx);
    if (obj == null) {
      return null;
    }
    Ctx e = ctx.child("entry", ctx.what + " entry");
    checkFields(obj, e, ENTRY_FIELDS);
    int kinds = (obj.has("sql") ? 1 : 0) + (obj.has("python") ? 1 : 0) + (obj.has("jar") ? 1 : 0);
    if (kinds != 1) {
      error(INVALID_VALUE, e.what + " must name exactly one of sql, python or jar", e.pointer);
      return null;
    }
    if (obj.has("mainClass") && !obj.has("jar")) {
      error(UNKNOWN_FIELD, "field 'mainClass' does not apply to " + e.what + ": only a jar entry has a main class",
          e.pointer + "/mainClass");
    }
    if (obj.has("sql")) {
      String file = requiredString(obj, "sql", e);
      return file == null ? null : new SparkEntry.Sql(file);
    }
    if (obj.has("python")) {
      String file = requiredString(obj, "python", e);
      return file == null ? null : new SparkEntry.Python(file);
    }
    String file = requiredString(obj, "jar", e);
    String mainClass = requiredString(obj, "mainClass", e);
    return file == null || mainClass == null ? null : new SparkEntry.Jar(file, mainClass);
  }

  private SparkSettings sparkSettings(JsonNode node, Ctx ctx) {
    JsonNode spark = object(node, "spark", ctx);
    if (spark == null) {
      return SparkSettings.DEFAULTS;
    }
    Ctx s = ctx.child("spark", ctx.what + " spark settings");
    checkFields(spark, s, SPARK_FIELDS);
    SparkSettings d = SparkSettings.DEFAULTS;
    String driverMemory = optionalString(spark, "driverMemory", s);
    Integer driverCores = optionalInt(spark, "driverCores", s);
    String executorMemory = optionalString(spark, "executorMemory", s);
    Integer executorCores = optionalInt(spark, "executorCores", s);
    Integer executors = optionalInt(spark, "executors", s);
    DynamicAllocation dynamic = null;
    JsonNode dyn = object(spark, "dynamicAllocation", s);
    if (dyn != null) {
      Ctx dc = s.child("dynamicAllocation", s.what + " dynamicAllocation");
      checkFields(dyn, dc, DYNAMIC_FIELDS);
      Integer min = requiredInt(dyn, "minExecutors", dc);
      Integer max = requiredInt(dyn, "maxExecutors", dc);
      if (min != null && max != null) {
        dynamic = new DynamicAllocation(min, max);
      }
    }
    return new SparkSettings(
        driverMemory,
        driverCores == null ? d.driverCores() : driverCores,
        executorMemory,
        executorCores == null ? d.executorCores() : executorCores,
        executors == null ? d.executors() : executors,
        dynamic,
        stringMap(spark, "conf", s),
        stringList(spark, "pyFiles", s),
        stringList(spark, "jars", s),
        stringList(spark, "files", s),
        stringList(spark, "archives", s));
  }

  private InputPort input(JsonNode node, Ctx ctx) {
    String name = requiredString(node, "name", ctx);
    Ctx named = name == null ? ctx : ctx.named(ctx.parentWhat + " input '" + name + "'");
    checkFields(node, named, INPUT_FIELDS);
    InputMode mode = enumValue(node, "mode", named, InputMode.values(), InputMode::wireName);
    Boolean optional = optionalBoolean(node, "optional", named);
    if (name == null) {
      incomplete = true;
      return null;
    }
    return new InputPort(name, mode, optional != null && optional);
  }

  private OutputPort output(JsonNode node, Ctx ctx) {
    String name = requiredString(node, "name", ctx);
    Ctx named = name == null ? ctx : ctx.named(ctx.parentWhat + " output '" + name + "'");
    checkFields(node, named, OUTPUT_FIELDS);
    String registerAs = optionalString(node, "registerAs", named);
    if (name == null) {
      incomplete = true;
      return null;
    }
    return new OutputPort(name, registerAs);
  }

  private Environment environment(JsonNode node, Ctx ctx) {
    JsonNode env = object(node, "environment", ctx);
    if (env == null) {
      return Environment.EMPTY;
    }
    Ctx e = ctx.child("environment", ctx.what + " environment");
    checkFields(env, e, ENVIRONMENT_FIELDS);
    return new Environment(stringList(env, "pipPackages", e), stringMap(env, "variables", e));
  }

  private Edge edge(JsonNode node, Ctx ctx) {
    String id = requiredString(node, "id", ctx);
    edgeId = id;
    Ctx named = id == null ? ctx : ctx.named("edge '" + id + "'");
    checkFields(node, named, EDGE_FIELDS);
    Edge.End from = end(node, "from", named);
    Edge.End to = end(node, "to", named);
    edgeId = null;
    if (id == null || from == null || to == null) {
      incomplete = true;
      return null;
    }
    return new Edge(id, from, to);
  }

  private Edge.End end(JsonNode node, String field, Ctx ctx) {
    if (!node.has(field)) {
      missing(field, ctx);
      return null;
    }
    JsonNode end = object(node, field, ctx);
    if (end == null) {
      return null;
    }
    Ctx e = ctx.child(field, ctx.what + " " + field);
    checkFields(end, e, END_FIELDS);
    String nodeRef = requiredString(end, "node", e);
    String port = optionalString(end, "port", e);
    return nodeRef == null ? null : new Edge.End(nodeRef, port);
  }

  private Layout layout(JsonNode root, Ctx ctx) {
    JsonNode layout = object(root, "layout", ctx);
    if (layout == null) {
      return Layout.EMPTY;
    }
    Ctx l = ctx.child("layout", "the layout");
    checkFields(layout, l, LAYOUT_FIELDS);
    JsonNode nodes = object(layout, "nodes", l);
    if (nodes == null) {
      return Layout.EMPTY;
    }
    Map<String, Layout.Position> positions = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = nodes.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      Ctx p = l.child("nodes/" + escape(entry.getKey()), "the layout of node '" + entry.getKey() + "'");
      JsonNode position = entry.getValue();
      if (!position.isObject()) {
        wrongType(p, "an object like {\"x\": 300, \"y\": 120}", position);
        continue;
      }
      checkFields(position, p, POSITION_FIELDS);
      Double x = requiredNumber(position, "x", p);
      Double y = requiredNumber(position, "y", p);
      if (x != null && y != null) {
        positions.put(entry.getKey(), new Layout.Position(x + 0.0, y + 0.0)); // -0.0 is 0, as the writer writes it
      }
    }
    return new Layout(positions);
  }

  // ---- field helpers -------------------------------------------------------------------------

  private interface ElementReader<T> {
    T read(JsonNode node, Ctx ctx);
  }

  private <T> List<T> list(JsonNode parent, String field, Ctx ctx, ElementReader<T> reader) {
    JsonNode array = parent.get(field);
    if (array == null) {
      return List.of();
    }
    if (!array.isArray()) {
      wrongType(ctx.child(field, field + " of " + ctx.what), "an array", array);
      incomplete = true;
      return List.of();
    }
    List<T> result = new ArrayList<>(array.size());
    String pointer = ctx.pointer + "/" + field;
    String singular = field.endsWith("s") ? field.substring(0, field.length() - 1) : field;
    for (int i = 0; i < array.size(); i++) {
      JsonNode element = array.get(i);
      Ctx ec = new Ctx(pointer + "/" + i, singular + " " + (i + 1) + " of " + ctx.what, ctx.what);
      if (!element.isObject()) {
        error(WRONG_TYPE, ec.what + " must be an object, not " + describe(element), ec.pointer);
        incomplete = true;
        continue;
      }
      T value = reader.read(element, ec);
      if (value == null) {
        incomplete = true;
      } else {
        result.add(value);
      }
    }
    return result;
  }

  private void checkFields(JsonNode node, Ctx ctx, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        unknownField(field, ctx);
      }
    }
  }

  private void unknownField(String field, Ctx ctx) {
    error(UNKNOWN_FIELD, "unknown field '" + field + "' in " + ctx.what, ctx.pointer + "/" + escape(field));
  }

  private String requiredString(JsonNode node, String field, Ctx ctx) {
    String value = requiredStringAllowEmpty(node, field, ctx);
    if (value != null && value.isBlank()) {
      error(MISSING_FIELD, field + " of " + ctx.what + " must not be empty", ctx.pointer + "/" + field);
      return null;
    }
    return value;
  }

  private String requiredStringAllowEmpty(JsonNode node, String field, Ctx ctx) {
    if (!node.has(field)) {
      missing(field, ctx);
      return null;
    }
    return optionalString(node, field, ctx);
  }

  private String optionalString(JsonNode node, String field, Ctx ctx) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      wrongType(ctx.child(field, field + " in " + ctx.what), "a string", value);
      return null;
    }
    return value.textValue();
  }

  private Integer requiredInt(JsonNode node, String field, Ctx ctx) {
    if (!node.has(field)) {
      missing(field, ctx);
      return null;
    }
    return optionalInt(node, field, ctx);
  }

  private Integer optionalInt(JsonNode node, String field, Ctx ctx) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    Ctx f = ctx.child(field, field + " in " + ctx.what);
    return wholeNumber(value, f);
  }

  /**
   * A whole number that fits an int; {@code 2.0} is 2, as JSON Schema's "integer" reads it (the
   * file's schema, docs/pipeline.schema.json, agrees with this reader).
   */
  private Integer wholeNumber(JsonNode value, Ctx field) {
    boolean whole = value.isIntegralNumber()
        || value.isFloatingPointNumber() && Double.isFinite(value.doubleValue())
            && value.decimalValue().stripTrailingZeros().scale() <= 0;
    if (!whole) {
      wrongType(field, "a whole number", value);
      return null;
    }
    java.math.BigInteger n = value.bigIntegerValue();
    if (n.bitLength() > 31) {
      error(INVALID_VALUE, field.what + " is " + value.asText() + ", beyond the range of a whole number here ("
          + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")", field.pointer);
      return null;
    }
    return n.intValue();
  }

  private Double requiredNumber(JsonNode node, String field, Ctx ctx) {
    JsonNode value = node.get(field);
    if (value == null) {
      missing(field, ctx);
      return null;
    }
    if (!value.isNumber()) {
      wrongType(ctx.child(field, field + " in " + ctx.what), "a number", value);
      return null;
    }
    return value.doubleValue();
  }

  private Boolean optionalBoolean(JsonNode node, String field, Ctx ctx) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      wrongType(ctx.child(field, field + " in " + ctx.what), "true or false", value);
      return null;
    }
    return value.booleanValue();
  }

  private JsonNode object(JsonNode node, String field, Ctx ctx) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      wrongType(ctx.child(field, field + " in " + ctx.what), "an object", value);
      return null;
    }
    return value;
  }

  private List<String> stringList(JsonNode node, String field, Ctx ctx) {
    JsonNode value = node.get(field);
    if (value == null) {
      return List.of();
    }
    Ctx f = ctx.child(field, field + " in " + ctx.what);
    if (!value.isArray()) {
      wrongType(f, "a list of strings", value);
      return List.of();
    }
    List<String> result = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      if (element.isTextual()) {
        result.add(element.textValue());
      } else {
        error(WRONG_TYPE, "element " + (i + 1) + " of " + f.what + " must be a string, not " + describe(element),
            f.pointer + "/" + i);
      }
    }
    return result;
  }

  private Map<String, String> stringMap(JsonNode node, String field, Ctx ctx) {
    JsonNode value = node.get(field);
    if (value == null) {
      return Map.of();
    }
    Ctx f = ctx.child(field, field + " in " + ctx.what);
    if (!value.isObject()) {
      wrongType(f, "an object of strings", value);
      return Map.of();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getValue().isTextual()) {
        result.put(entry.getKey(), entry.getValue().textValue());
      } else {
        error(WRONG_TYPE, "'" + entry.getKey() + "' in " + f.what + " must be a string, not "
            + describe(entry.getValue()), f.pointer + "/" + escape(entry.getKey()));
      }
    }
    return result;
  }

  private <E extends Enum<E>> E enumValue(
      JsonNode node, String field, Ctx ctx, E[] values, java.util.function.Function<E, String> wire) {
    String text = optionalString(node, field, ctx);
    if (text == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (E value : values) {
      if (wire.apply(value).equals(text)) {
        return value;
      }
      names.add(wire.apply(value));
    }
    error(INVALID_VALUE, field + " of " + ctx.what + " must be one of " + String.join(", ", names) + ", not '" + text
        + "'", ctx.pointer + "/" + field);
    incomplete = true;
    return null;
  }

  private void missing(String field, Ctx ctx) {
    error(MISSING_FIELD, ctx.what + " has no " + field + "; it is required", ctx.pointer);
    incomplete = true;
  }

  private void wrongType(Ctx field, String expected, JsonNode actual) {
    error(WRONG_TYPE, field.what + " must be " + expected + ", not " + describe(actual), field.pointer);
  }

  private void error(String code, String message, String pointer) {
    problems.add(new Diagnostic(Severity.ERROR, code, message, nodeId, edgeId, pointer));
  }

  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "the string \"" + node.textValue() + "\"";
      case NUMBER -> "the number " + node.asText();
      case BOOLEAN -> node.asText();
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Escapes a member name as a JSON pointer segment (RFC 6901). */
  static String escape(String segment) {
    if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
      return segment;
    }
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /** Where the reader is: the pointer of an object and how messages name it. */
  private record Ctx(String pointer, String what, String parentWhat) {
    Ctx(String pointer, String what) {
      this(pointer, what, what);
    }

    Ctx named(String newWhat) {
      return new Ctx(pointer, newWhat, parentWhat);
    }

    Ctx child(String field, String childWhat) {
      return new Ctx(pointer + "/" + field, childWhat, what);
    }
  }
}
