package io.pipewright.model;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Writes the format in its one stable layout: keys in the documented order, two-space
 * indentation, every object member and array element on its own line, {@code \n} line ends and a
 * final newline. Values the reader restores are left out: empty lists and maps, a name equal to
 * the id, an empty description, {@code sourceDirectory "."}, {@code allowReuse true}, input
 * {@code mode "direct"} and {@code optional false}, and each Spark setting equal to
 * {@link SparkSettings#DEFAULTS} (the whole {@code spark} object when all are).
 */
final class PipelineWriter {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private PipelineWriter() {}

  static String write(Pipeline p) {
    ObjectNode root = F.objectNode();
    root.put("schemaVersion", PipelineFormat.SCHEMA_VERSION);
    root.put("id", p.id());
    putIfNot(root, "name", p.name(), p.id());
    putIfNot(root, "description", p.description(), "");
    putIfNot(root, "defaultCompute", p.defaultCompute(), null);
    if (!p.parameters().isEmpty()) {
      ArrayNode array = root.putArray("parameters");
      for (Parameter parameter : p.parameters()) {
        ObjectNode o = array.addObject();
        o.put("name", parameter.name());
        putIfNot(o, "default", parameter.defaultValue(), "");
        putIfNot(o, "description", parameter.description(), "");
      }
    }
    if (!p.datasets().isEmpty()) {
      ArrayNode array = root.putArray("datasets");
      p.datasets().forEach(d -> dataset(array.addObject(), d));
    }
    if (!p.steps().isEmpty()) {
      ArrayNode array = root.putArray("steps");
      p.steps().forEach(s -> step(array.addObject(), s));
    }
    if (!p.edges().isEmpty()) {
      ArrayNode array = root.putArray("edges");
      for (Edge edge : p.edges()) {
        ObjectNode o = array.addObject();
        o.put("id", edge.id());
        end(o.putObject("from"), edge.from());
        end(o.putObject("to"), edge.to());
      }
    }
    if (!p.layout().nodes().isEmpty()) {
      ObjectNode nodes = root.putObject("layout").putObject("nodes");
      for (Map.Entry<String, Layout.Position> entry : p.layout().nodes().entrySet()) {
        ObjectNode position = nodes.putObject(entry.getKey());
        position.set("x", number(entry.getValue().x()));
        position.set("y", number(entry.getValue().y()));
      }
    }
    StringBuilder out = new StringBuilder(4096);
    print(root, 0, out);
    return out.append('\n').toString();
  }

  private static void dataset(ObjectNode o, DatasetNode d) {
    o.put("id", d.id());
    putIfNot(o, "name", d.name(), d.id());
    o.put("kind", d.kind().wireName());
    if (d.source() instanceof DatasetSource.DatastorePath path) {
      o.put("datastore", path.datastore());
      o.put("path", path.path());
    } else if (d.source() instanceof DatasetSource.Registered registered) {
      ObjectNode r = o.putObject("registered");
      r.put("name", registered.name());
      if (registered.version() != null) {
        r.put("version", registered.version());
      }
    }
  }

  private static void step(ObjectNode o, Step s) {
    o.put("id", s.id());
    putIfNot(o, "name", s.name(), s.id());
    putIfNot(o, "description", s.description(), "");
    o.put("type", s.kind() instanceof SparkStep ? "spark" : "script");
    putIfNot(o, "compute", s.compute(), null);
    putIfNot(o, "sourceDirectory", s.sourceDirectory(), ".");
    if (s.kind() instanceof SparkStep spark) {
      ObjectNode entry = o.putObject("entry");
      if (spark.entry() instanceof SparkEntry.Sql sql) {
        entry.put("sql", sql.file());
      } else if (spark.entry() instanceof SparkEntry.Python python) {
        entry.put("python", python.file());
      } else if (spark.entry() instanceof SparkEntry.Jar jar) {
        entry.put("jar", jar.file());
        entry.put("mainClass", jar.mainClass());
      }
      sparkSettings(o, spark.settings());
    } else if (s.kind() instanceof ScriptStep script) {
      o.put("command", script.command());
    }
    if (!s.inputs().isEmpty()) {
      ArrayNode array = o.putArray("inputs");
      for (InputPort input : s.inputs()) {
        ObjectNode i = array.addObject();
        i.put("name", input.name());
        if (input.mode() != InputMode.DIRECT) {
          i.put("mode", input.mode().wireName());
        }
        if (input.optional()) {
          i.put("optional", true);
        }
      }
    }
    if (!s.outputs().isEmpty()) {
      ArrayNode array = o.putArray("outputs");
      for (OutputPort output : s.outputs()) {
        ObjectNode out = array.addObject();
        out.put("name", output.name());
        putIfNot(out, "registerAs", output.registerAs(), null);
      }
    }
    strings(o, "arguments", s.arguments());
    Environment env = s.environment();
    if (!env.pipPackages().isEmpty() || !env.variables().isEmpty()) {
      ObjectNode e = o.putObject("environment");
      strings(e, "pipPackages", env.pipPackages());
      map(e, "variables", env.variables());
    }
    if (!s.allowReuse()) {
      o.put("allowReuse", false);
    }
  }

  private static void sparkSettings(ObjectNode step, SparkSettings s) {
    SparkSettings d = SparkSettings.DEFAULTS;
    if (s.equals(d)) {
      return;
    }
    ObjectNode o = step.putObject("spark");
    putIfNot(o, "driverMemory", s.driverMemory(), d.driverMemory());
    if (s.driverCores() != d.driverCores()) {
      o.put("driverCores", s.driverCores());
    }
    putIfNot(o, "executorMemory", s.executorMemory(), d.executorMemory());
    if (s.executorCores() != d.executorCores()) {
      o.put("executorCores", s.executorCores());
    }
    if (s.executors() != d.executors()) {
      o.put("executors", s.executors());
    }
    if (s.dynamicAllocation() != null) {
      ObjectNode dyn = o.putObject("dynamicAllocation");
      dyn.put("minExecutors", s.dynamicAllocation().minExecutors());
      dyn.put("maxExecutors", s.dynamicAllocation().maxExecutors());
    }
    map(o, "conf", s.conf());
    strings(o, "pyFiles", s.pyFiles());
    strings(o, "jars", s.jars());
    strings(o, "files", s.files());
    strings(o, "archives", s.archives());
  }

  private static void end(ObjectNode o, Edge.End end) {
    o.put("node", end.node());
    putIfNot(o, "port", end.port(), null);
  }

  private static void putIfNot(ObjectNode o, String field, String value, String omitted) {
    if (value != null && !value.equals(omitted)) {
      o.put(field, value);
    }
  }

  private static void strings(ObjectNode o, String field, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = o.putArray(field);
      values.forEach(array::add);
    }
  }

  private static void map(ObjectNode o, String field, Map<String, String> values) {
    if (!values.isEmpty()) {
      ObjectNode m = o.putObject(field);
      values.forEach(m::put);
    }
  }

  /** A whole coordinate as an integer ({@code 300}, not {@code 300.0}); others exactly. */
  private static JsonNode number(double value) {
    if (!Double.isFinite(value)) {
      return F.numberNode(0);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return F.numberNode((long) value);
    }
    return F.numberNode(value);
  }

  private static void print(JsonNode node, int depth, StringBuilder out) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      boolean first = true;
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        if (!first) {
          out.append(",\n");
        }
        first = false;
        indent(depth + 1, out);
        quote(member.getKey(), out);
        out.append(": ");
        print(member.getValue(), depth + 1, out);
      }
      out.append('\n');
      indent(depth, out);
      out.append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(",\n");
        }
        indent(depth + 1, out);
        print(node.get(i), depth + 1, out);
      }
      out.append('\n');
      indent(depth, out);
      out.append(']');
    } else if (node.isTextual()) {
      quote(node.textValue(), out);
    } else {
      out.append(node.toString());
    }
  }

  private static void indent(int depth, StringBuilder out) {
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append('"');
  }
}
