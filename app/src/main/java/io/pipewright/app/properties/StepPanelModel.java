package io.pipewright.app.properties;

import io.pipewright.app.document.PipelineEdits;
import io.pipewright.app.fx.DialogService.FileFilter;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javafx.collections.ListChangeListener;

/**
 * The properties of one step: general and entry here; inputs and outputs in its {@link PortsModel},
 * arguments in its {@link ArgumentsModel}, pip packages and variables in its {@link EnvironmentModel},
 * and for a Spark step driver, executors and conf in its {@link SparkPanelModel}. Every change is one
 * undoable edit named after what it did ("Set driver memory of Prepare data to 4g").
 */
public final class StepPanelModel implements PanelModel {
  /** The compute choice that means "the pipeline's default compute". */
  public static final String PIPELINE_DEFAULT = "";
  private static final Pattern CLASS_NAME =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

  private final EditContext ctx;
  private final String id;
  private Step last;

  final FieldModel name;
  final FieldModel description;
  final ChoiceModel<String> compute;
  final ChoiceModel<Boolean> allowReuse;
  final FieldModel sourceDirectory;
  /** The script, JAR or SQL file of a Spark step; null for a script step. */
  final FieldModel entryFile;
  /** The main class of a JAR step; null otherwise. */
  final FieldModel mainClass;
  /** The command of a script step; null for a Spark step. */
  final FieldModel command;
  /** The SQL text of a SQL step; null otherwise. */
  final SqlTextModel sql;
  /** Driver, executors, conf and footprint of a Spark step; null for a script step. */
  final SparkPanelModel spark;

  /** Inputs and outputs. */
  final PortsModel ports;
  /** Arguments and the placeholders they may use. */
  final ArgumentsModel arguments;
  /** pip packages and environment variables. */
  final EnvironmentModel environment;

  private final ListChangeListener<ComputeTarget> computesChanged = c -> refreshComputes();

  StepPanelModel(EditContext ctx, String stepId) {
    this.ctx = ctx;
    this.id = stepId;
    this.last = ctx.pipeline().step(stepId).orElseThrow();
    name = new FieldModel("Name", "/name", () -> step().name(),
        t -> Validators.uniqueName("step", t, otherStepNames()),
        v -> editStep("Rename step " + step().name() + " to " + v, s -> s.withName(v)));
    description = new FieldModel("Description", "/description", () -> step().description(),
        t -> Optional.empty(),
        v -> editStep("Set description of " + step().name(), s -> StepBuilder.from(s).description(v).build()));
    compute = new ChoiceModel<>("Compute", "/compute", computeChoices(),
        () -> step().compute() == null ? PIPELINE_DEFAULT : step().compute(),
        v -> editStep(PIPELINE_DEFAULT.equals(v) ? "Run " + step().name() + " on the pipeline's default compute"
            : "Set compute of " + step().name() + " to " + v,
            s -> StepBuilder.from(s).compute(PIPELINE_DEFAULT.equals(v) ? null : v).build()));
    allowReuse = new ChoiceModel<>("Allow reuse", "/allowReuse", List.of(true, false), () -> step().allowReuse(),
        v -> editStep((v ? "Allow reuse of " : "Never reuse ") + step().name(),
            s -> StepBuilder.from(s).allowReuse(v).build()));
    sourceDirectory = new FieldModel("Source directory", "/sourceDirectory", () -> step().sourceDirectory(),
        t -> Optional.empty(),
        v -> editStep("Set source directory of " + step().name() + " to " + (v.isEmpty() ? "." : v),
            s -> StepBuilder.from(s).sourceDirectory(v).build()));

    if (last.kind() instanceof SparkStep) {
      SparkEntry entry = sparkStep().entry();
      String field = entryField(entry);
      String what = entryLabel(entry);
      entryFile = new FieldModel(what, "/entry/" + field, () -> entry().file(),
          t -> Validators.notBlank(what, t),
          v -> editStep("Set " + what + " of " + step().name() + " to " + v,
              s -> s.withKind(new SparkStep(withFile(entry(), v), sparkStep().settings()))));
      mainClass = entry instanceof SparkEntry.Jar
          ? new FieldModel("Main class", "/entry/mainClass", () -> ((SparkEntry.Jar) entry()).mainClass(),
              t -> Validators.notBlank("main class", t).or(() -> CLASS_NAME.matcher(t.strip()).matches()
                  ? Optional.empty() : Optional.of("'" + t.strip() + "' is not a Java class name such as com.example.Job")),
              v -> editStep("Set main class of " + step().name() + " to " + v, s -> s.withKind(new SparkStep(
                  new SparkEntry.Jar(entry().file(), v), sparkStep().settings()))))
          : null;
      command = null;
      sql = entry instanceof SparkEntry.Sql ? new SqlTextModel(ctx, this::step, this::sqlFile) : null;
      spark = new SparkPanelModel(ctx, this);
    } else {
      entryFile = null;
      mainClass = null;
      sql = null;
      spark = null;
      command = new FieldModel("Command", "/command", () -> ((ScriptStep) step().kind()).command(),
          t -> Validators.notBlank("the command", t),
          v -> editStep("Set command of " + step().name() + " to " + v, s -> s.withKind(new ScriptStep(v))));
    }
    ports = new PortsModel(ctx, this);
    arguments = new ArgumentsModel(ctx, this, ports);
    environment = new EnvironmentModel(this);
    ctx.computes.addListener(computesChanged);
  }

  public String stepId() {
    return id;
  }

  /** The step as the pipeline has it now (as it last had it, once it is gone). */
  Step step() {
    ctx.pipeline().step(id).ifPresent(s -> last = s);
    return last;
  }

  /** "Spark · SQL", "Script", for the panel's heading. */
  String kindLabel() {
    return io.pipewright.app.document.NodeKinds.label(io.pipewright.app.document.NodeKinds.of(step()));
  }

  private SparkStep sparkStep() {
    return (SparkStep) step().kind();
  }

  private SparkEntry entry() {
    return sparkStep().entry();
  }

  void editStep(String what, UnaryOperator<Step> change) {
    ctx.edit(what, p -> p.step(id).map(s -> PipelineEdits.updateStep(change.apply(s)).apply(p)).orElse(p));
  }

  // ------------------------------------------------------------------------------ general

  private Set<String> otherStepNames() {
    Set<String> names = new HashSet<>();
    for (Step s : ctx.pipeline().steps()) {
      if (!s.id().equals(id)) {
        names.add(s.name());
      }
    }
    return names;
  }

  /** The pipeline default, the attached targets, and the step's own target even if it is not attached. */
  private List<String> computeChoices() {
    List<String> choices = new ArrayList<>();
    choices.add(PIPELINE_DEFAULT);
    for (ComputeTarget c : ctx.computes) {
      choices.add(c.name());
    }
    String own = step().compute();
    if (own != null && !choices.contains(own)) {
      choices.add(own);
    }
    return choices;
  }

  private void refreshComputes() {
    compute.setItems(computeChoices());
    if (spark != null) {
      spark.refreshFootprint();
    }
  }

  /** The name of the target the step runs on: its own, else the pipeline's default. */
  String effectiveCompute() {
    return ctx.pipeline().computeOf(step());
  }

  /** "(pipeline default: local-spark)", "link1-spark01 (not attached)", for the compute choice. */
  String computeLabel(String choice) {
    if (PIPELINE_DEFAULT.equals(choice)) {
      String d = ctx.pipeline().defaultCompute();
      return "(pipeline default" + (d == null ? ": none)" : ": " + d + ")");
    }
    if (!ctx.computes.isEmpty() && ctx.compute(choice).isEmpty()) {
      return choice + " (not attached)";
    }
    return ctx.compute(choice).map(c -> c.kind().equals(choice) ? choice : choice + "  ·  " + c.kind()).orElse(choice);
  }

  // ------------------------------------------------------------------------------ entry

  private static String entryField(SparkEntry entry) {
    return entry instanceof SparkEntry.Sql ? "sql" : entry instanceof SparkEntry.Jar ? "jar" : "python";
  }

  private static String entryLabel(SparkEntry entry) {
    return entry instanceof SparkEntry.Sql ? "SQL file" : entry instanceof SparkEntry.Jar ? "JAR" : "Python script";
  }

  private static SparkEntry withFile(SparkEntry entry, String file) {
    if (entry instanceof SparkEntry.Sql) {
      return new SparkEntry.Sql(file);
    }
    if (entry instanceof SparkEntry.Jar) {
      return new SparkEntry.Jar(file, ((SparkEntry.Jar) entry).mainClass());
    }
    return new SparkEntry.Python(file);
  }

  /** The step's source directory, resolved against the pipeline file's directory. */
  Optional<Path> sourceDirectoryPath() {
    return ctx.baseDirectory().map(b -> b.resolve(step().sourceDirectory()).normalize());
  }

  /** The SQL file as an absolute path; empty before the pipeline is saved or while no file is named. */
  Optional<Path> sqlFile() {
    if (!(step().kind() instanceof SparkStep) || !(entry() instanceof SparkEntry.Sql) || entry().file().isBlank()) {
      return Optional.empty();
    }
    try {
      return sourceDirectoryPath().map(d -> d.resolve(entry().file()).normalize());
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** Asks for the entry file and sets it, relative to the source directory when it lies inside it. */
  public void browseEntryFile() {
    SparkEntry entry = entry();
    List<FileFilter> filters = new ArrayList<>();
    if (entry instanceof SparkEntry.Sql) {
      filters.add(new FileFilter("SQL scripts", List.of("*.sql")));
    } else if (entry instanceof SparkEntry.Jar) {
      filters.add(new FileFilter("JARs", List.of("*.jar")));
    } else {
      filters.add(new FileFilter("Python scripts", List.of("*.py")));
    }
    filters.add(FileFilter.ALL);
    Path dir = sourceDirectoryPath().filter(Files::isDirectory).orElse(ctx.baseDirectory().orElse(null));
    ctx.dialogs.chooseFileToOpen("Choose the " + entryLabel(entry), dir, filters).ifPresent(chosen -> {
      entryFile.textProperty().set(EditContext.relativeTo(sourceDirectoryPath().orElse(null), chosen));
      entryFile.commit();
    });
  }

  /** Asks for the source directory and sets it, relative to the pipeline file's directory when inside it. */
  public void browseSourceDirectory() {
    Path dir = sourceDirectoryPath().filter(Files::isDirectory).orElse(ctx.baseDirectory().orElse(null));
    ctx.dialogs.chooseDirectory("Choose the source directory of " + step().name(), dir).ifPresent(chosen -> {
      sourceDirectory.textProperty().set(EditContext.relativeTo(ctx.baseDirectory().orElse(null), chosen));
      sourceDirectory.commit();
    });
  }

  // ------------------------------------------------------------------------------ refresh

  @Override
  public void refresh() {
    if (ctx.pipeline().step(id).isEmpty()) {
      return;
    }
    ports.rebuild();
    arguments.rebuild();
    environment.rebuild();
    name.refresh();
    description.refresh();
    compute.setItems(computeChoices());
    allowReuse.refresh();
    sourceDirectory.refresh();
    for (FieldModel f : new FieldModel[] {entryFile, mainClass, command}) {
      if (f != null) {
        f.refresh();
      }
    }
    ports.refresh();
    arguments.refresh();
    environment.refresh();
    if (sql != null) {
      sql.refresh();
    }
    if (spark != null) {
      spark.refresh();
    }
  }

  @Override
  public void dispose() {
    ctx.computes.removeListener(computesChanged);
    if (sql != null) {
      sql.dispose();
    }
  }
}
