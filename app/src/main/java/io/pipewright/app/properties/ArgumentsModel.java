package io.pipewright.app.properties;

import io.pipewright.model.InputPort;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Parameter;
import io.pipewright.model.Placeholders;
import io.pipewright.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A step's arguments: one field per argument, the "add" field, moving and removing them, and the
 * placeholders they may use (the step's ports and the pipeline's parameters); an argument naming one
 * that does not exist is refused with why. Every change is one undoable edit.
 */
public final class ArgumentsModel {
  private final EditContext ctx;
  private final StepPanelModel owner;
  private final PortsModel ports;

  final ObservableList<FieldModel> rows = FXCollections.observableArrayList();
  final FieldModel newArgument;

  ArgumentsModel(EditContext ctx, StepPanelModel owner, PortsModel ports) {
    this.ctx = ctx;
    this.owner = owner;
    this.ports = ports;
    newArgument = new FieldModel("New argument", "/arguments/-", () -> "",
        t -> t.isBlank() ? Optional.empty() : argumentProblem(t),
        v -> editStep("Add argument " + v + " to " + step().name(), s -> {
          List<String> args = new ArrayList<>(s.arguments());
          args.add(v);
          return StepBuilder.from(s).arguments(args).build();
        }));
    rebuild();
  }

  private Step step() {
    return owner.step();
  }

  private void editStep(String what, UnaryOperator<Step> change) {
    owner.editStep(what, change);
  }

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
          return "input, from " + ports.sourceOf(ref.name());
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

  void refresh() {
    rebuild();
    rows.forEach(FieldModel::refresh);
    newArgument.refresh();
  }

  /** Makes one field per argument when their number changed. */
  void rebuild() {
    List<String> args = step().arguments();
    if (rows.size() != args.size()) {
      List<FieldModel> list = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        list.add(argument(i));
      }
      rows.setAll(list);
    }
  }
}
