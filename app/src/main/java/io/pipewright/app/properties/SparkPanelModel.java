package io.pipewright.app.properties;

import io.pipewright.model.Capacity;
import io.pipewright.model.DynamicAllocation;
import io.pipewright.model.Footprint;
import io.pipewright.model.MemorySize;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkValues;
import io.pipewright.model.SparkStep;
import io.pipewright.workspace.ComputeTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A Spark step's driver, executors and conf, and the footprint line: what the step asks for in all
 * against its compute target, recomputed as values are typed (from the typed values where they are
 * valid).
 */
public final class SparkPanelModel {
  /** A fixed number of executors, or Spark's dynamic allocation between a minimum and a maximum. */
  public enum ExecutorMode {
    FIXED("Fixed number"),
    DYNAMIC("Dynamic allocation");

    private final String label;

    ExecutorMode(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final EditContext ctx;
  private final StepPanelModel step;

  final FieldModel driverMemory;
  final FieldModel driverCores;
  final FieldModel executorMemory;
  final FieldModel executorCores;
  final ChoiceModel<ExecutorMode> executorMode;
  final FieldModel executors;
  final FieldModel minExecutors;
  final FieldModel maxExecutors;
  final ObservableList<KeyValueRow> conf = FXCollections.observableArrayList();
  final PairInput newConf;
  /** Whether the step fits its target. */
  public enum Verdict { FITS, DOES_NOT_FIT, UNKNOWN }

  private final ReadOnlyStringWrapper footprint = new ReadOnlyStringWrapper(this, "footprint", "");
  private final ReadOnlyStringWrapper footprintNotes = new ReadOnlyStringWrapper(this, "footprintNotes", "");
  private final ReadOnlyObjectWrapper<Verdict> verdict = new ReadOnlyObjectWrapper<>(this, "verdict", Verdict.UNKNOWN);

  SparkPanelModel(EditContext ctx, StepPanelModel step) {
    this.ctx = ctx;
    this.step = step;
    driverMemory = memoryField("Driver memory", "driver memory", "/spark/driverMemory", SparkSettings::driverMemory,
        (b, v) -> b.driverMemory(v));
    driverCores = countField("Driver cores", "driver cores", "/spark/driverCores", 1, s -> s.driverCores(),
        (b, v) -> b.driverCores(v));
    executorMemory = memoryField("Executor memory", "executor memory", "/spark/executorMemory",
        SparkSettings::executorMemory, (b, v) -> b.executorMemory(v));
    executorCores = countField("Executor cores", "executor cores", "/spark/executorCores", 1,
        s -> s.executorCores(), (b, v) -> b.executorCores(v));
    executors = countField("Executors", "executors", "/spark/executors", 1, s -> s.executors(),
        (b, v) -> b.executors(v));
    minExecutors = new FieldModel("Minimum", "/spark/dynamicAllocation/minExecutors",
        () -> settings().dynamicAllocation() == null ? "" : String.valueOf(settings().dynamicAllocation().minExecutors()),
        t -> Validators.wholeNumber("the minimum", t, 0).or(() -> {
          Optional<Integer> max = typedOrSaved(maxField());
          return max.isPresent() && Validators.parse(t) > max.get()
              ? Optional.of("the minimum must not be above the maximum (" + max.get() + ")") : Optional.empty();
        }),
        v -> editSpark("Set minimum executors of " + name() + " to " + v, b -> b.dynamicAllocation(
            new DynamicAllocation(Validators.parse(v), typedOrSaved(maxField()).orElse(Validators.parse(v))))));
    maxExecutors = new FieldModel("Maximum", "/spark/dynamicAllocation/maxExecutors",
        () -> settings().dynamicAllocation() == null ? "" : String.valueOf(settings().dynamicAllocation().maxExecutors()),
        t -> Validators.wholeNumber("the maximum", t, 1).or(() -> {
          Optional<Integer> min = typedOrSaved(minField());
          return min.isPresent() && Validators.parse(t) < min.get()
              ? Optional.of("the maximum must not be below the minimum (" + min.get() + ")") : Optional.empty();
        }),
        v -> editSpark("Set maximum executors of " + name() + " to " + v, b -> b.dynamicAllocation(
            new DynamicAllocation(typedOrSaved(minField()).orElse(0), Validators.parse(v)))));
    // a typed min and max check each other
    minExecutors.textProperty().addListener((o, a, b) -> maxExecutors.recheck());
    maxExecutors.textProperty().addListener((o, a, b) -> minExecutors.recheck());
    executorMode = new ChoiceModel<>("Executors", "/spark/dynamicAllocation", List.of(ExecutorMode.values()),
        () -> settings().dynamicAllocation() == null ? ExecutorMode.FIXED : ExecutorMode.DYNAMIC,
        v -> {
          if (v == ExecutorMode.DYNAMIC) {
            int n = Math.max(1, settings().executors());
            editSpark("Use dynamic allocation (0 to " + n + " executors) for " + name(),
                b -> b.dynamicAllocation(new DynamicAllocation(0, n)));
          } else {
            editSpark("Use " + settings().executors() + " fixed executors for " + name(),
                b -> b.dynamicAllocation(null));
          }
        });
    newConf = new PairInput(
        (k, v) -> Validators.sparkConfKey(k, settings().conf().keySet())
            .or(() -> KnownSparkConf.checkKey(k))
            .or(() -> v == null ? Optional.empty() : confValue(k, v)),
        (k, v) -> editConf("Set " + k + " of " + name() + " to " + v, c -> c.put(k, v)));
    for (FieldModel f : List.of(driverMemory, driverCores, executorMemory, executorCores, executors, minExecutors,
        maxExecutors)) {
      f.textProperty().addListener((o, a, b) -> refreshFootprint());
    }
    // the initial number of executors in the conf lies between the minimum and maximum as typed
    for (FieldModel f : List.of(minExecutors, maxExecutors)) {
      f.textProperty().addListener((o, a, b) -> conf.forEach(row -> row.valueField.recheck()));
    }
    rebuildConf();
    refreshFootprint();
  }

  private FieldModel minField() {
    return minExecutors;
  }

  private FieldModel maxField() {
    return maxExecutors;
  }

  private String name() {
    return step.step().name();
  }

  SparkSettings settings() {
    return ((SparkStep) step.step().kind()).settings();
  }

  private void editSpark(String what, UnaryOperator<SparkSettingsBuilder> change) {
    step.editStep(what, s -> {
      SparkStep spark = (SparkStep) s.kind();
      return s.withKind(new SparkStep(spark.entry(), change.apply(SparkSettingsBuilder.from(spark.settings())).build()));
    });
  }

  private void editConf(String what, java.util.function.Consumer<Map<String, String>> change) {
    editSpark(what, b -> {
      Map<String, String> c = new LinkedHashMap<>(settings().conf());
      change.accept(c);
      return b.conf(c);
    });
  }

  private interface Setter<T> {
    SparkSettingsBuilder set(SparkSettingsBuilder b, T value);
  }

  private FieldModel memoryField(String label, String what, String pointer,
      java.util.function.Function<SparkSettings, String> get, Setter<String> set) {
    return new FieldModel(label, pointer, () -> get.apply(settings()), t -> SparkValues.memory(label, t),
        v -> editSpark("Set " + what + " of " + name() + " to " + v, b -> set.set(b, v)));
  }

  private FieldModel countField(String label, String what, String pointer, int min,
      java.util.function.ToIntFunction<SparkSettings> get, Setter<Integer> set) {
    return new FieldModel(label, pointer, () -> String.valueOf(get.applyAsInt(settings())),
        t -> Validators.wholeNumber(what, t, min),
        v -> editSpark("Set " + what + " of " + name() + " to " + v, b -> set.set(b, Validators.parse(v))));
  }

  /** The number in a field as typed when it is valid, else as saved; empty when neither is a number. */
  private static Optional<Integer> typedOrSaved(FieldModel field) {
    if (field == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Validators.parse(field.text()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * "= 4 GiB" beside a memory field; empty when the text is not a size with a unit (the field's
   * error then says why, and what a bare number would mean).
   */
  static String memoryHint(String text) {
    return MemorySize.parse(text).filter(MemorySize::hasUnit).map(m -> {
      long mib = m.mebibytes();
      String size = mib >= 1024 && mib % 1024 == 0 ? (mib / 1024) + " GiB"
          : mib >= 1024 ? Footprint.gib(m.bytes()) : mib + " MiB";
      return "= " + size;
    }).orElse("");
  }

  private static final String INITIAL_EXECUTORS = "spark.dynamicAllocation.initialExecutors";

  /**
   * What is wrong with a conf value: its type (as validation checks it), and for the initial number
   * of executors, whether it lies between the dynamic allocation's minimum and maximum as typed.
   */
  private Optional<String> confValue(String key, String value) {
    Optional<String> problem = KnownSparkConf.checkValue(key, value);
    if (problem.isPresent() || !INITIAL_EXECUTORS.equals(key.strip()) || settings().dynamicAllocation() == null) {
      return problem;
    }
    int initial = Validators.parse(value);
    int min = typedOrSaved(minExecutors).orElse(settings().dynamicAllocation().minExecutors());
    int max = typedOrSaved(maxExecutors).orElse(settings().dynamicAllocation().maxExecutors());
    return initial < min || initial > max
        ? Optional.of(INITIAL_EXECUTORS + " must be between the minimum (" + min + ") and maximum (" + max
            + ") executors of dynamic allocation, not " + initial)
        : Optional.empty();
  }

  // ------------------------------------------------------------------------------ conf

  /** Known keys not set yet, for the key field's suggestions. */
  public List<String> suggestedKeys() {
    List<String> keys = new ArrayList<>(KnownSparkConf.keys());
    keys.removeAll(settings().conf().keySet());
    return keys;
  }

  /** What a known key does ("partitions of joins and aggregations (200)"); empty for others. */
  public static String keyHelp(String key) {
    return KnownSparkConf.find(key).map(SparkValues.Key::help).orElse("");
  }

  private KeyValueRow confRow(String key) {
    String at = "/spark/conf/" + key.replace("~", "~0").replace("/", "~1");
    FieldModel keyField = new FieldModel("Key", at, () -> key,
        t -> {
          Set<String> others = new HashSet<>(settings().conf().keySet());
          others.remove(key);
          return Validators.sparkConfKey(t, others).or(() -> KnownSparkConf.checkKey(t));
        },
        v -> editConf("Rename " + key + " of " + name() + " to " + v, c -> c.put(v, c.remove(key))));
    FieldModel valueField = new FieldModel("Value", at, () -> settings().conf().getOrDefault(key, ""),
        t -> confValue(key, t),
        v -> editConf("Set " + key + " of " + name() + " to " + v, c -> c.put(key, v)));
    valueField.textProperty().addListener((o, a, b) -> refreshFootprint());
    return new KeyValueRow(key, keyField, valueField,
        () -> editConf("Remove " + key + " from " + name(), c -> c.remove(key)));
  }

  private void rebuildConf() {
    List<String> keys = conf.stream().map(KeyValueRow::key).toList();
    if (!keys.equals(new ArrayList<>(settings().conf().keySet()))) {
      List<KeyValueRow> rows = new ArrayList<>();
      for (String key : settings().conf().keySet()) {
        rows.add(confRow(key));
      }
      conf.setAll(rows);
    }
  }

  // ------------------------------------------------------------------------------ footprint

  /** One line: what the step asks for in all against its compute target, and whether it fits. */
  public ReadOnlyStringProperty footprintProperty() {
    return footprint.getReadOnlyProperty();
  }

  public String footprint() {
    return footprint.get();
  }

  /** Settings the target does not use, and conf values Spark would refuse; one a line, or empty. */
  public ReadOnlyStringProperty footprintNotesProperty() {
    return footprintNotes.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Verdict> verdictProperty() {
    return verdict.getReadOnlyProperty();
  }

  /** The settings as typed where the typed values are valid, else as saved. */
  SparkSettings typedSettings() {
    SparkSettingsBuilder b = SparkSettingsBuilder.from(settings());
    if (driverMemory.isValid()) {
      b.driverMemory(driverMemory.text().strip());
    }
    if (executorMemory.isValid()) {
      b.executorMemory(executorMemory.text().strip());
    }
    if (driverCores.isValid()) {
      b.driverCores(Validators.parse(driverCores.text()));
    }
    if (executorCores.isValid()) {
      b.executorCores(Validators.parse(executorCores.text()));
    }
    if (executors.isValid()) {
      b.executors(Validators.parse(executors.text()));
    }
    if (settings().dynamicAllocation() != null && minExecutors.isValid() && maxExecutors.isValid()) {
      b.dynamicAllocation(new DynamicAllocation(Validators.parse(minExecutors.text()),
          Validators.parse(maxExecutors.text())));
    }
    Map<String, String> c = new LinkedHashMap<>(settings().conf());
    for (KeyValueRow row : conf) {
      if (row.valueField.isValid()) {
        c.put(row.key(), row.valueField.text().strip());
      }
    }
    return b.conf(c).build();
  }

  void refreshFootprint() {
    if (minExecutors == null || maxExecutors == null || conf == null) {
      return; // still being built
    }
    footprintNotes.set("");
    String target = step.effectiveCompute();
    if (target == null) {
      show("No compute target: choose one to see whether the step fits", Verdict.UNKNOWN);
      return;
    }
    Optional<ComputeTarget> compute = ctx.compute(target);
    if (compute.isEmpty()) {
      show(ctx.computes.isEmpty() ? "Reading the compute targets…"
          : "Compute target " + target + " is not attached to this workspace", Verdict.UNKNOWN);
      return;
    }
    if (!compute.get().runsSpark()) {
      show(target + " (" + compute.get().kind() + ") cannot run Spark steps", Verdict.DOES_NOT_FIT);
      return;
    }
    Capacity capacity = ctx.capacities.get(target);
    if (capacity == null) {
      show("What " + target + " (" + compute.get().kind() + ") offers is not known without connecting to it",
          Verdict.UNKNOWN);
      return;
    }
    Optional<Footprint> f = Footprint.of(typedSettings(), capacity);
    if (f.isEmpty()) {
      show("A memory size is not one Spark reads", Verdict.UNKNOWN);
      return;
    }
    String summary = f.get().summary();
    // A SQL step on local Spark that fits: the designer's runs put it in the warm Spark driver where they can.
    boolean mayRunWarm = f.get().fits()
        && ((SparkStep) step.step().kind()).entry() instanceof io.pipewright.model.SparkEntry.Sql
        && io.pipewright.workspace.ComputeKind.LOCAL_SPARK.equals(compute.get().kind());
    String where = !mayRunWarm ? "" : ctx.warmSpark.get().map(warm -> whereItRuns(
        warm.coldReason(typedStep(), compute.get()), typedSettings().driverMemory())).orElse("");
    show(Character.toUpperCase(summary.charAt(0)) + summary.substring(1) + where, f.get().fits() ? Verdict.FITS
        : Verdict.DOES_NOT_FIT);
    footprintNotes.set(String.join("\n", f.get().notes()));
  }

  /**
   * Where a SQL step on local Spark runs when the designer runs it, for the end of the footprint
   * line of a step that fits: " · runs in the warm Spark driver (heap 1g, shared with other steps)", or " · runs in a JVM
   * of its own: a JAR step runs its own main class" with warm Spark's reason; empty elsewhere.
   */
  static String whereItRuns(Optional<String> coldReason, String heap) {
    return coldReason.map(why -> " · runs in a JVM of its own: " + why)
        .orElse(" · runs in the warm Spark driver (heap " + heap + ", shared with other steps)");
  }

  /** The step with its Spark settings as typed where they are valid, as warm Spark judges it. */
  private io.pipewright.model.Step typedStep() {
    io.pipewright.model.Step s = step.step();
    return s.withKind(new SparkStep(((SparkStep) s.kind()).entry(), typedSettings()));
  }

  private void show(String text, Verdict v) {
    footprint.set(text);
    verdict.set(v);
  }

  void refresh() {
    rebuildConf();
    for (FieldModel f : List.of(driverMemory, driverCores, executorMemory, executorCores, executors, minExecutors,
        maxExecutors)) {
      f.refresh();
    }
    executorMode.refresh();
    conf.forEach(KeyValueRow::refresh);
    refreshFootprint();
  }
}
