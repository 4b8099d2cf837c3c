package io.pipewright.app.history;

import io.pipewright.app.run.Durations;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.InputPort;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Pipeline;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two runs side by side: the run itself, its parameters, its inputs, each step's settings as
 * submitted (Spark settings, conf, entry, arguments, compute) and each step's status and duration
 * with the difference. Every row says whether the two sides are the same.
 */
public record RunComparison(RecordedRun left, RecordedRun right, List<Row> rows) {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  /**
   * One line of the comparison.
   *
   * @param section "Run", "Parameters", "Inputs", "Steps" or "Settings of <step>"
   * @param what the thing compared ("Driver memory", a parameter's name, a step's name)
   * @param difference for durations, right minus left ("+3.2 s"); else empty
   * @param same whether the two sides are the same (durations: within a tenth of each other, or half
   *     a second)
   */
  public record Row(String section, String what, String left, String right, String difference, boolean same) {
    Row(String section, String what, String left, String right, String difference) {
      this(section, what, left, right, difference, Objects.equals(left, right));
    }
  }

  public static RunComparison of(RecordedRun left, RecordedRun right) {
    List<Row> rows = new ArrayList<>();
    RunSummary a = left.run();
    RunSummary b = right.run();
    add(rows, "Run", "Run", a.runId(), b.runId());
    add(rows, "Run", "Experiment", a.experiment(), b.experiment());
    add(rows, "Run", "Pipeline", a.pipelineName(), b.pipelineName());
    add(rows, "Run", "Status", a.status().label(), b.status().label());
    add(rows, "Run", "Started", when(a.startedAt()), when(b.startedAt()));
    rows.add(durationRow("Run", "Duration", a.duration().orElse(null), b.duration().orElse(null)));
    add(rows, "Run", "Target", target(a.target()), target(b.target()));
    add(rows, "Run", "Regenerate outputs", a.regenerateOutputs() ? "yes" : "no", b.regenerateOutputs() ? "yes" : "no");

    Set<String> names = new TreeSet<>(a.parameters().keySet());
    names.addAll(b.parameters().keySet());
    for (String name : names) {
      add(rows, "Parameters", name, a.parameters().get(name), b.parameters().get(name));
    }

    Map<String, DatasetNode> da = datasets(left.pipeline());
    Map<String, DatasetNode> db = datasets(right.pipeline());
    for (String id : union(da.keySet(), db.keySet())) {
      add(rows, "Inputs", name(da.get(id), db.get(id)), input(da.get(id)), input(db.get(id)));
    }

    Map<String, Step> sa = steps(left.pipeline());
    Map<String, Step> sb = steps(right.pipeline());
    List<String> stepIds = new ArrayList<>(union(sa.keySet(), sb.keySet()));
    for (String id : union(left.steps().stream().map(ChildRun::stepId).toList(),
        right.steps().stream().map(ChildRun::stepId).toList())) {
      if (!stepIds.contains(id)) {
        stepIds.add(id);
      }
    }
    for (String id : stepIds) {
      ChildRun ca = left.step(id).orElse(null);
      ChildRun cb = right.step(id).orElse(null);
      String stepName = stepName(sa.get(id), sb.get(id), ca, cb);
      add(rows, "Steps", stepName + " · status", status(ca), status(cb));
      rows.add(durationRow("Steps", stepName + " · duration", ca == null ? null : ca.duration().orElse(null),
          cb == null ? null : cb.duration().orElse(null)));
    }
    for (String id : stepIds) {
      Map<String, String> fa = settings(sa.get(id));
      Map<String, String> fb = settings(sb.get(id));
      String section = "Settings of " + stepName(sa.get(id), sb.get(id), null, null);
      for (String field : union(fa.keySet(), fb.keySet())) {
        add(rows, section, field, fa.get(field), fb.get(field));
      }
    }
    return new RunComparison(left, right, List.copyOf(rows));
  }

  /** How many rows differ. */
  public long differences() {
    return rows.stream().filter(r -> !r.same()).count();
  }

  private static void add(List<Row> rows, String section, String what, String left, String right) {
    rows.add(new Row(section, what, left, right, ""));
  }

  /** As the Runs view says it: a step that never started because of another is "Not run". */
  private static String status(ChildRun c) {
    if (c == null) {
      return null;
    }
    return c.status() == io.pipewright.workspace.RunStatus.NOT_STARTED && c.message() != null ? "Not run"
        : c.status().label();
  }

  private static Row durationRow(String section, String what, Duration a, Duration b) {
    String left = a == null ? null : Durations.format(a);
    String right = b == null ? null : Durations.format(b);
    String difference = "";
    boolean same = Objects.equals(left, right);
    if (a != null && b != null && !same) {
      Duration d = b.minus(a);
      difference = (d.isNegative() ? "−" : "+") + Durations.format(d.abs());
      // the same work takes a little more or less each time: within a tenth (or half a second) is the same
      long longer = Math.max(a.toMillis(), b.toMillis());
      same = d.abs().toMillis() <= Math.max(500, longer / 10);
    }
    return new Row(section, what, left, right, difference, same);
  }

  private static String when(Instant at) {
    return at == null ? null : WHEN.format(at);
  }

  static String target(String target) {
    return target == null ? "each step's own" : target;
  }

  private static Map<String, DatasetNode> datasets(Pipeline p) {
    Map<String, DatasetNode> m = new LinkedHashMap<>();
    if (p != null) {
      p.datasets().forEach(d -> m.put(d.id(), d));
    }
    return m;
  }

  private static Map<String, Step> steps(Pipeline p) {
    Map<String, Step> m = new LinkedHashMap<>();
    if (p != null) {
      p.steps().forEach(s -> m.put(s.id(), s));
    }
    return m;
  }

  private static <T> Set<T> union(java.util.Collection<T> a, java.util.Collection<T> b) {
    Set<T> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static String name(DatasetNode a, DatasetNode b) {
    DatasetNode d = a != null ? a : b;
    return d.name() == null || d.name().isBlank() ? d.id() : d.name();
  }

  private static String input(DatasetNode d) {
    if (d == null) {
      return null;
    }
    DatasetSource source = d.source();
    String where;
    if (source instanceof DatasetSource.Registered r) {
      where = r.name() + (r.version() == null ? " (latest)" : " v" + r.version());
    } else if (source instanceof DatasetSource.DatastorePath p) {
      where = p.datastore() + ":" + p.path();
    } else {
      where = String.valueOf(source);
    }
    return d.kind().toString().toLowerCase(Locale.ROOT) + " · " + where;
  }

  private static String stepName(Step a, Step b, ChildRun ca, ChildRun cb) {
    if (a != null) {
      return a.name();
    }
    if (b != null) {
      return b.name();
    }
    return ca != null ? ca.stepName() : cb.stepName();
  }

  /** A step's settings as flat fields, in a stable order. */
  static Map<String, String> settings(Step s) {
    Map<String, String> f = new LinkedHashMap<>();
    if (s == null) {
      return f;
    }
    f.put("Compute", s.compute());
    if (s.kind() instanceof SparkStep spark) {
      SparkEntry entry = spark.entry();
      String kind = entry instanceof SparkEntry.Sql ? "sql" : entry instanceof SparkEntry.Jar ? "jar" : "python";
      f.put("Entry", kind + " " + entry.file()
          + (entry instanceof SparkEntry.Jar jar && jar.mainClass() != null ? " (" + jar.mainClass() + ")" : ""));
      SparkSettings x = spark.settings();
      f.put("Driver memory", x.driverMemory());
      f.put("Driver cores", String.valueOf(x.driverCores()));
      f.put("Executor memory", x.executorMemory());
      f.put("Executor cores", String.valueOf(x.executorCores()));
      if (x.dynamicAllocation() != null) {
        f.put("Dynamic allocation", x.dynamicAllocation().minExecutors() + "–" + x.dynamicAllocation().maxExecutors());
      } else {
        f.put("Executors", String.valueOf(x.executors()));
      }
      x.conf().forEach((k, v) -> f.put("Conf " + k, v));
      list(f, "Python files", x.pyFiles());
      list(f, "JARs", x.jars());
      list(f, "Files", x.files());
      list(f, "Archives", x.archives());
    } else if (s.kind() instanceof ScriptStep script) {
      f.put("Command", script.command());
    }
    f.put("Source directory", s.sourceDirectory());
    f.put("Arguments", String.join(" ", s.arguments()));
    for (InputPort in : s.inputs()) {
      f.put("Input " + in.name(), in.mode().toString().toLowerCase(Locale.ROOT) + (in.optional() ? ", optional" : ""));
    }
    for (OutputPort out : s.outputs()) {
      f.put("Output " + out.name(), out.registerAs() == null ? "not registered" : "registered as " + out.registerAs());
    }
    s.environment().variables().forEach((k, v) -> f.put("Environment variable " + k, v));
    list(f, "pip packages", s.environment().pipPackages());
    f.put("Allow reuse", s.allowReuse() ? "yes" : "no");
    return f;
  }

  private static void list(Map<String, String> f, String name, List<String> values) {
    if (!values.isEmpty()) {
      f.put(name, String.join(", ", values));
    }
  }
}
