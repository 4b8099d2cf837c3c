package io.pipewright.app.properties;

import io.pipewright.app.document.PipelineEdits;
import io.pipewright.app.fx.DialogService.FileFilter;
import io.pipewright.model.Edge;
import io.pipewright.model.Environment;
import io.pipewright.model.InputMode;
import io.pipewright.model.InputPort;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Parameter;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Placeholders;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The properties of one step: general, entry, inputs and outputs, arguments, environment, and for a
 * Spark step its {@link SparkPanelModel}. Every change is one undoable edit named after what it did
 * ("Set driver memory of Prepare data to 4g").
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

  final ObservableList<InputRow> inputs = FXCollections.observableArrayList();
  final ObservableList<OutputRow> outputs = FXCollections.observableArrayList();
  final ObservableList<FieldModel> arguments = FXCollections.observableArrayList();
  final FieldModel newArgument;
  final ObservableList<FieldModel> pipPackages = FXCollections.observableArrayList();
  final FieldModel newPipPackage;
  final ObservableList<KeyValueRow> variables = FXCollections.observableArrayList();
  final PairInput newVariable;

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
    newArgument = new FieldModel("New argument", "/arguments/-", () -> "",
        t -> t.isBlank() ? Optional.empty() : argumentProblem(t),
        v -> editStep("Add argument " + v + " to " + step().name(), s -> {
          List<String> args = new ArrayList<>(s.arguments());
          args.add(v);
          return StepBuilder.from(s).arguments(args).build();
        }));
    newPipPackage = new FieldModel("New package", "/environment/pipPackages/-", () -> "",
        t -> t.isBlank() ? Optional.empty() : Validators.pipPackage(t, step().environment().pipPackages()),
        v -> editEnvironment("Add pip package " + v + " to " + step().name(), e -> {
          List<String> packages = new ArrayList<>(e.pipPackages());
          packages.add(v);
          return new Environment(packages, e.variables());
        }));
    newVariable = new PairInput(
        (k, v) -> Validators.environmentVariable(k, step().environment().variables().keySet()),
        (k, v) -> editEnvironment("Set environment variable " + k + " of " + step().name(), e -> {
          Map<String, String> vars = new LinkedHashMap<>(e.variables());
          vars.put(k, v);
          return new Environment(e.pipPackages(), vars);
        }));
    rebuildLists();
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

  private void editEnvironment(String what, UnaryOperator<Environment> change) {
    editStep(what, s -> StepBuilder.from(s).environment(change.apply(s.environment())).build());
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

  // ------------------------------------------------------------------------------ ports

  /** One input: its name, how it reaches the step, whether it may stay unconnected, where it comes from. */
  public final class InputRow {
    final int index;
    final FieldModel name;
    final ChoiceModel<InputMode> mode;
    final ChoiceModel<Boolean> optional;
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");

    InputRow(int index) {
      this.index = index;
      String at = "/inputs/" + index;
      name = new FieldModel("Input name", at + "/name", () -> input(index).map(InputPort::name).orElse(""),
          t -> Validators.identifier("port", t, portNamesExcept(true, index)),
          v -> renameInput(index, v));
      mode = new ChoiceModel<>("Mode", at + "/mode", List.of(InputMode.values()),
          () -> input(index).map(InputPort::mode).orElse(InputMode.DIRECT),
          v -> editInput(index, "Set input " + input(index).map(InputPort::name).orElse("") + " of " + step().name()
              + " to " + v.wireName(), p -> new InputPort(p.name(), v, p.optional())));
      optional = new ChoiceModel<>("Optional", at + "/optional", List.of(true, false),
          () -> input(index).map(InputPort::optional).orElse(false),
          v -> editInput(index, "Make input " + input(index).map(InputPort::name).orElse("") + " of " + step().name()
              + (v ? " optional" : " required"), p -> new InputPort(p.name(), p.mode(), v)));
      refreshSource();
    }

    /** "Titanic.csv", "Prepare data · prepared", or "not connected". */
    public ReadOnlyStringProperty sourceProperty() {
      return source.getReadOnlyProperty();
    }

    void refresh() {
      name.refresh();
      mode.refresh();
      optional.refresh();
      refreshSource();
    }

    private void refreshSource() {
      String port = input(index).map(InputPort::name).orElse("");
      Pipeline p = ctx.pipeline();
      String from = p.edgesInto(id).stream().filter(e -> port.equals(e.to().port())).findFirst()
          .map(e -> nodeLabel(p, e.from())).orElse("not connected");
      source.set(from);
    }

    public void remove() {
      String port = input(index).map(InputPort::name).orElse("");
      editStep("Remove input " + port + " from " + step().name(), s -> {
        List<InputPort> list = new ArrayList<>(s.inputs());
        list.remove(index);
        return StepBuilder.from(s).inputs(list).build();
      });
    }
  }

  /** One output: its name and the dataset it is registered as when the run completes. */
  public final class OutputRow {
    final int index;
    final FieldModel name;
    final FieldModel registerAs;

    OutputRow(int index) {
      this.index = index;
      String at = "/outputs/" + index;
      name = new FieldModel("Output name", at + "/name", () -> output(index).map(OutputPort::name).orElse(""),
          t -> Validators.identifier("port", t, portNamesExcept(false, index)),
          v -> renameOutput(index, v));
      registerAs = new FieldModel("Register as", at + "/registerAs",
          () -> output(index).map(o -> o.registerAs() == null ? "" : o.registerAs()).orElse(""),
          Validators::datasetName,
          v -> editStep(v.isEmpty() ? "Stop registering output " + output(index).map(OutputPort::name).orElse("")
              + " of " + step().name() : "Register output " + output(index).map(OutputPort::name).orElse("")
              + " of " + step().name() + " as " + v, s -> {
                List<OutputPort> list = new ArrayList<>(s.outputs());
                list.set(index, new OutputPort(list.get(index).name(), v.isEmpty() ? null : v));
                return StepBuilder.from(s).outputs(list).build();
              }));
    }

    void refresh() {
      name.refresh();
      registerAs.refresh();
    }

    public void remove() {
      String port = output(index).map(OutputPort::name).orElse("");
      editStep("Remove output " + port + " from " + step().name(), s -> {
        List<OutputPort> list = new ArrayList<>(s.outputs());
        list.remove(index);
        return StepBuilder.from(s).outputs(list).build();
      });
    }
  }

  private Optional<InputPort> input(int index) {
    List<InputPort> list = step().inputs();
    return index < list.size() ? Optional.of(list.get(index)) : Optional.empty();
  }

  private Optional<OutputPort> output(int index) {
    List<OutputPort> list = step().outputs();
    return index < list.size() ? Optional.of(list.get(index)) : Optional.empty();
  }

  /** Inputs and outputs share names: every port name but the one being edited. */
  private Set<String> portNamesExcept(boolean input, int index) {
    Set<String> names = new HashSet<>();
    List<InputPort> ins = step().inputs();
    for (int i = 0; i < ins.size(); i++) {
      if (!(input && i == index)) {
        names.add(ins.get(i).name());
      }
    }
    List<OutputPort> outs = step().outputs();
    for (int i = 0; i < outs.size(); i++) {
      if (!(!input && i == index)) {
        names.add(outs.get(i).name());
      }
    }
    return names;
  }

  private void editInput(int index, String what, UnaryOperator<InputPort> change) {
    editStep(what, s -> {
      List<InputPort> list = new ArrayList<>(s.inputs());
      list.set(index, change.apply(list.get(index)));
      return StepBuilder.from(s).inputs(list).build();
    });
  }

  /** Renames an input; its edges and the arguments that name it follow. */
  private void renameInput(int index, String newName) {
    String old = input(index).map(InputPort::name).orElse("");
    editStep("Rename input " + old + " of " + step().name() + " to " + newName, s -> {
      List<InputPort> list = new ArrayList<>(s.inputs());
      InputPort p = list.get(index);
      list.set(index, new InputPort(newName, p.mode(), p.optional()));
      return StepBuilder.from(s).inputs(list)
          .arguments(renamePlaceholders(s.arguments(), Placeholders.Kind.INPUTS, old, newName)).build();
    });
  }

  private void renameOutput(int index, String newName) {
    String old = output(index).map(OutputPort::name).orElse("");
    editStep("Rename output " + old + " of " + step().name() + " to " + newName, s -> {
      List<OutputPort> list = new ArrayList<>(s.outputs());
      list.set(index, new OutputPort(newName, list.get(index).registerAs()));
      return StepBuilder.from(s).outputs(list)
          .arguments(renamePlaceholders(s.arguments(), Placeholders.Kind.OUTPUTS, old, newName)).build();
    });
  }

  static List<String> renamePlaceholders(List<String> texts, Placeholders.Kind kind, String old, String now) {
    List<String> result = new ArrayList<>();
    for (String text : texts) {
      result.add(Placeholders.substitute(text, ref -> ref.kind() == kind && ref.name().equals(old)
          ? new Placeholders.Ref(kind, now, 0, 0).toString() : ref.toString()));
    }
    return result;
  }

  /** Adds an input named {@code input}, {@code input_2}, …; returns its index. */
  public int addInput() {
    String portName = freshPortName("input");
    editStep("Add input " + portName + " to " + step().name(), s -> {
      List<InputPort> list = new ArrayList<>(s.inputs());
      list.add(InputPort.of(portName));
      return StepBuilder.from(s).inputs(list).build();
    });
    return step().inputs().size() - 1;
  }

  public int addOutput() {
    String portName = freshPortName("output");
    editStep("Add output " + portName + " to " + step().name(), s -> {
      List<OutputPort> list = new ArrayList<>(s.outputs());
      list.add(OutputPort.of(portName));
      return StepBuilder.from(s).outputs(list).build();
    });
    return step().outputs().size() - 1;
  }

  private String freshPortName(String base) {
    Set<String> taken = portNamesExcept(true, -1);
    String n = base;
    for (int i = 2; taken.contains(n); i++) {
      n = base + "_" + i;
    }
    return n;
  }

  private static String nodeLabel(Pipeline p, Edge.End end) {
    String node = p.step(end.node()).map(Step::name)
        .or(() -> p.dataset(end.node()).map(d -> d.name())).orElse(end.node());
    return end.port() == null ? node : node + " · " + end.port();
  }

  // ------------------------------------------------------------------------------ arguments

  /** Placeholders an argument may use: the step's ports and the pipeline's parameters. */
  public List<String> placeholders() {
    List<String> list = new ArrayList<>();
    for (InputPort p : step().inputs()) {
      list.add("{inputs." + p.name() + "}");
    }
    for (OutputPort p : step().outputs()) {
      list.add("{outputs." + p.name() + "}");
    }
    for (Parameter p : ctx.pipeline().parameters()) {
      list.add("{parameters." + p.name() + "}");
    }
    return list;
  }

  /** What a placeholder stands for, for the menu that inserts it ("Titanic.csv", "1500"). */
  public String placeholderDetail(String placeholder) {
    for (Placeholders.Ref ref : Placeholders.find(placeholder)) {
      switch (ref.kind()) {
        case INPUTS:
          return "input, from " + inputs.stream().filter(r -> r.name.text().equals(ref.name())).findFirst()
              .map(r -> r.sourceProperty().get()).orElse("?");
        case OUTPUTS:
          return "output directory";
        case PARAMETERS:
          return "parameter, default " + ctx.pipeline().parameter(ref.name()).map(Parameter::defaultValue).orElse("");
        default:
          return "";
      }
    }
    return "";
  }

  /** An argument naming a port or parameter that does not exist would fail the run: refused with why. */
  private Optional<String> argumentProblem(String text) {
    List<String> known = placeholders();
    for (Placeholders.Ref ref : Placeholders.find(text)) {
      if (!known.contains(ref.toString())) {
        String what = ref.kind() == Placeholders.Kind.PARAMETERS ? "no parameter of the pipeline"
            : ref.kind() == Placeholders.Kind.INPUTS ? "no input of this step" : "no output of this step";
        return Optional.of(ref + " names " + what + " (known: " + String.join(" ", known) + ")");
      }
    }
    if (text.indexOf('{') >= 0 && text.matches(".*\\{(inputs|outputs|parameters)\\.[^}]*$")) {
      return Optional.of("the placeholder is not closed with }");
    }
    return Optional.empty();
  }

  private FieldModel argument(int index) {
    return new FieldModel("Argument " + (index + 1), "/arguments/" + index,
        () -> index < step().arguments().size() ? step().arguments().get(index) : "",
        this::argumentProblem,
        v -> editStep("Set argument " + (index + 1) + " of " + step().name() + " to " + v, s -> {
          List<String> args = new ArrayList<>(s.arguments());
          args.set(index, v);
          return StepBuilder.from(s).arguments(args).build();
        }));
  }

  public void removeArgument(int index) {
    editStep("Remove argument " + step().arguments().get(index) + " from " + step().name(), s -> {
      List<String> args = new ArrayList<>(s.arguments());
      args.remove(index);
      return StepBuilder.from(s).arguments(args).build();
    });
  }

  /** Moves an argument one place up ({@code -1}) or down ({@code +1}). */
  public void moveArgument(int index, int by) {
    int to = index + by;
    if (to < 0 || to >= step().arguments().size()) {
      return;
    }
    editStep("Move argument " + step().arguments().get(index) + " of " + step().name() + (by < 0 ? " up" : " down"),
        s -> {
          List<String> args = new ArrayList<>(s.arguments());
          args.add(to, args.remove(index));
          return StepBuilder.from(s).arguments(args).build();
        });
  }

  /** Adds an argument at the end (a placeholder chosen from the menu). */
  public void addArgument(String text) {
    newArgument.textProperty().set(text);
    newArgument.commit();
  }

  // ------------------------------------------------------------------------------ environment

  private FieldModel pipPackage(int index) {
    return new FieldModel("Package", "/environment/pipPackages/" + index,
        () -> index < step().environment().pipPackages().size() ? step().environment().pipPackages().get(index) : "",
        t -> {
          List<String> others = new ArrayList<>(step().environment().pipPackages());
          if (index < others.size()) {
            others.remove(index);
          }
          return Validators.pipPackage(t, others);
        },
        v -> editEnvironment("Set pip package " + (index + 1) + " of " + step().name() + " to " + v, e -> {
          List<String> packages = new ArrayList<>(e.pipPackages());
          packages.set(index, v);
          return new Environment(packages, e.variables());
        }));
  }

  public void removePipPackage(int index) {
    editEnvironment("Remove pip package " + step().environment().pipPackages().get(index) + " from " + step().name(),
        e -> {
          List<String> packages = new ArrayList<>(e.pipPackages());
          packages.remove(index);
          return new Environment(packages, e.variables());
        });
  }

  private KeyValueRow variable(String key) {
    String at = "/environment/variables/" + key;
    FieldModel keyField = new FieldModel("Variable", at, () -> key,
        t -> {
          Set<String> others = new HashSet<>(step().environment().variables().keySet());
          others.remove(key);
          return Validators.environmentVariable(t, others);
        },
        v -> editEnvironment("Rename environment variable " + key + " of " + step().name() + " to " + v, e -> {
          Map<String, String> vars = new LinkedHashMap<>(e.variables());
          vars.put(v, vars.remove(key));
          return new Environment(e.pipPackages(), vars);
        }));
    FieldModel valueField = new FieldModel("Value", at, () -> step().environment().variables().getOrDefault(key, ""),
        t -> Optional.empty(),
        v -> editEnvironment("Set environment variable " + key + " of " + step().name(), e -> {
          Map<String, String> vars = new LinkedHashMap<>(e.variables());
          vars.put(key, v);
          return new Environment(e.pipPackages(), vars);
        }));
    return new KeyValueRow(key, keyField, valueField, () -> editEnvironment(
        "Remove environment variable " + key + " from " + step().name(), e -> {
          Map<String, String> vars = new LinkedHashMap<>(e.variables());
          vars.remove(key);
          return new Environment(e.pipPackages(), vars);
        }));
  }

  // ------------------------------------------------------------------------------ refresh

  @Override
  public void refresh() {
    if (ctx.pipeline().step(id).isEmpty()) {
      return;
    }
    rebuildLists();
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
    inputs.forEach(InputRow::refresh);
    outputs.forEach(OutputRow::refresh);
    arguments.forEach(FieldModel::refresh);
    newArgument.refresh();
    pipPackages.forEach(FieldModel::refresh);
    variables.forEach(KeyValueRow::refresh);
    if (sql != null) {
      sql.refresh();
    }
    if (spark != null) {
      spark.refresh();
    }
  }

  /** Makes one row per port, argument, package and variable when their number or keys changed. */
  private void rebuildLists() {
    Step s = step();
    if (inputs.size() != s.inputs().size()) {
      List<InputRow> rows = new ArrayList<>();
      for (int i = 0; i < s.inputs().size(); i++) {
        rows.add(new InputRow(i));
      }
      inputs.setAll(rows);
    }
    if (outputs.size() != s.outputs().size()) {
      List<OutputRow> rows = new ArrayList<>();
      for (int i = 0; i < s.outputs().size(); i++) {
        rows.add(new OutputRow(i));
      }
      outputs.setAll(rows);
    }
    if (arguments.size() != s.arguments().size()) {
      List<FieldModel> rows = new ArrayList<>();
      for (int i = 0; i < s.arguments().size(); i++) {
        rows.add(argument(i));
      }
      arguments.setAll(rows);
    }
    if (pipPackages.size() != s.environment().pipPackages().size()) {
      List<FieldModel> rows = new ArrayList<>();
      for (int i = 0; i < s.environment().pipPackages().size(); i++) {
        rows.add(pipPackage(i));
      }
      pipPackages.setAll(rows);
    }
    List<String> keys = variables.stream().map(KeyValueRow::key).toList();
    if (!keys.equals(new ArrayList<>(s.environment().variables().keySet()))) {
      List<KeyValueRow> rows = new ArrayList<>();
      for (String key : s.environment().variables().keySet()) {
        rows.add(variable(key));
      }
      variables.setAll(rows);
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
