package io.pipewright.app.properties;

import io.pipewright.model.Parameter;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Placeholders;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/** The pipeline itself (nothing selected): name, description, default compute, parameters. */
public final class PipelinePanelModel implements PanelModel {
  /** The default-compute choice that means "none". */
  public static final String NONE = "";

  private final EditContext ctx;
  final FieldModel name;
  final FieldModel description;
  final ChoiceModel<String> defaultCompute;
  final ObservableList<ParameterRow> parameters = FXCollections.observableArrayList();
  private final ListChangeListener<ComputeTarget> computesChanged = c -> refreshComputes();

  PipelinePanelModel(EditContext ctx) {
    this.ctx = ctx;
    name = new FieldModel("Name", "/name", () -> ctx.pipeline().name(),
        t -> Validators.notBlank("the pipeline's name", t),
        v -> edit("Rename pipeline to " + v, p -> with(p, v, p.description(), p.defaultCompute(), p.parameters(), p.steps())));
    description = new FieldModel("Description", "/description", () -> ctx.pipeline().description(),
        t -> Optional.empty(),
        v -> edit("Set description of the pipeline", p -> with(p, p.name(), v, p.defaultCompute(), p.parameters(), p.steps())));
    defaultCompute = new ChoiceModel<>("Default compute", "/defaultCompute", computeChoices(),
        () -> ctx.pipeline().defaultCompute() == null ? NONE : ctx.pipeline().defaultCompute(),
        v -> edit(NONE.equals(v) ? "Remove the pipeline's default compute" : "Set default compute to " + v,
            p -> with(p, p.name(), p.description(), NONE.equals(v) ? null : v, p.parameters(), p.steps())));
    rebuildParameters();
    ctx.computes.addListener(computesChanged);
  }

  private void edit(String what, UnaryOperator<Pipeline> change) {
    ctx.edit(what, change);
  }

  private static Pipeline with(Pipeline p, String name, String description, String defaultCompute,
      List<Parameter> parameters, List<Step> steps) {
    return new Pipeline(p.id(), name, description, parameters, defaultCompute, p.datasets(), steps, p.edges(),
        p.layout());
  }

  private List<String> computeChoices() {
    List<String> choices = new ArrayList<>();
    choices.add(NONE);
    ctx.computes.forEach(c -> choices.add(c.name()));
    String own = ctx.pipeline().defaultCompute();
    if (own != null && !choices.contains(own)) {
      choices.add(own);
    }
    return choices;
  }

  private void refreshComputes() {
    defaultCompute.setItems(computeChoices());
  }

  String computeLabel(String choice) {
    if (NONE.equals(choice)) {
      return "(none)";
    }
    if (!ctx.computes.isEmpty() && ctx.compute(choice).isEmpty()) {
      return choice + " (not attached)";
    }
    return ctx.compute(choice).map(c -> c.kind().equals(choice) ? choice : choice + "  ·  " + c.kind()).orElse(choice);
  }

  // ------------------------------------------------------------------------------ parameters

  /** One parameter: its name (steps' {@code {parameters.NAME}} follow a rename), default and description. */
  public final class ParameterRow {
    final int index;
    final FieldModel name;
    final FieldModel defaultValue;
    final FieldModel description;

    ParameterRow(int index) {
      this.index = index;
      String at = "/parameters/" + index;
      name = new FieldModel("Parameter", at + "/name", () -> parameter(index).map(Parameter::name).orElse(""),
          t -> Validators.identifier("parameter", t, otherParameterNames(index)),
          v -> rename(index, v));
      defaultValue = new FieldModel("Default", at + "/default",
          () -> parameter(index).map(Parameter::defaultValue).orElse(""), t -> Optional.empty(),
          v -> editParameter(index, "Set default of parameter " + parameter(index).map(Parameter::name).orElse("")
              + " to " + v, q -> new Parameter(q.name(), v, q.description())));
      description = new FieldModel("Description", at + "/description",
          () -> parameter(index).map(Parameter::description).orElse(""), t -> Optional.empty(),
          v -> editParameter(index, "Set description of parameter " + parameter(index).map(Parameter::name).orElse(""),
              q -> new Parameter(q.name(), q.defaultValue(), v)));
    }

    void refresh() {
      name.refresh();
      defaultValue.refresh();
      description.refresh();
    }

    /** Removes the parameter; arguments that name it are left as they are (the Problems tab shows them). */
    public void remove() {
      String n = parameter(index).map(Parameter::name).orElse("");
      edit("Remove parameter " + n, p -> {
        List<Parameter> list = new ArrayList<>(p.parameters());
        list.remove(index);
        return with(p, p.name(), p.description(), p.defaultCompute(), list, p.steps());
      });
    }
  }

  private Optional<Parameter> parameter(int index) {
    List<Parameter> list = ctx.pipeline().parameters();
    return index < list.size() ? Optional.of(list.get(index)) : Optional.empty();
  }

  private Set<String> otherParameterNames(int index) {
    Set<String> names = new HashSet<>();
    List<Parameter> list = ctx.pipeline().parameters();
    for (int i = 0; i < list.size(); i++) {
      if (i != index) {
        names.add(list.get(i).name());
      }
    }
    return names;
  }

  private void editParameter(int index, String what, UnaryOperator<Parameter> change) {
    edit(what, p -> {
      List<Parameter> list = new ArrayList<>(p.parameters());
      list.set(index, change.apply(list.get(index)));
      return with(p, p.name(), p.description(), p.defaultCompute(), list, p.steps());
    });
  }

  /** Renames a parameter and the {@code {parameters.NAME}} arguments of every step with it. */
  private void rename(int index, String newName) {
    String old = parameter(index).map(Parameter::name).orElse("");
    edit("Rename parameter " + old + " to " + newName, p -> {
      List<Parameter> list = new ArrayList<>(p.parameters());
      Parameter q = list.get(index);
      list.set(index, new Parameter(newName, q.defaultValue(), q.description()));
      List<Step> steps = new ArrayList<>();
      for (Step s : p.steps()) {
        List<String> args = PortsModel.renamePlaceholders(s.arguments(), Placeholders.Kind.PARAMETERS, old, newName);
        steps.add(args.equals(s.arguments()) ? s : StepBuilder.from(s).arguments(args).build());
      }
      return with(p, p.name(), p.description(), p.defaultCompute(), list, steps);
    });
  }

  /** Adds a parameter named {@code param}, {@code param_2}, …; returns its index. */
  public int addParameter() {
    Set<String> taken = otherParameterNames(-1);
    String n = "param";
    for (int i = 2; taken.contains(n); i++) {
      n = "param_" + i;
    }
    String fresh = n;
    edit("Add parameter " + fresh, p -> {
      List<Parameter> list = new ArrayList<>(p.parameters());
      list.add(new Parameter(fresh, "", ""));
      return with(p, p.name(), p.description(), p.defaultCompute(), list, p.steps());
    });
    return ctx.pipeline().parameters().size() - 1;
  }

  private void rebuildParameters() {
    if (parameters.size() != ctx.pipeline().parameters().size()) {
      List<ParameterRow> rows = new ArrayList<>();
      for (int i = 0; i < ctx.pipeline().parameters().size(); i++) {
        rows.add(new ParameterRow(i));
      }
      parameters.setAll(rows);
    }
  }

  @Override
  public void refresh() {
    rebuildParameters();
    name.refresh();
    description.refresh();
    defaultCompute.setItems(computeChoices());
    parameters.forEach(ParameterRow::refresh);
  }

  @Override
  public void dispose() {
    ctx.computes.removeListener(computesChanged);
  }
}
