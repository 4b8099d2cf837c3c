package io.pipewright.app.properties;

import io.pipewright.model.Edge;
import io.pipewright.model.InputMode;
import io.pipewright.model.InputPort;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Placeholders;
import io.pipewright.model.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A step's inputs and outputs: one row per port, adding and removing them, and renaming them with
 * their edges and the arguments that name them following. Every change is one undoable edit.
 */
public final class PortsModel {
  private final EditContext ctx;
  private final StepPanelModel owner;

  final ObservableList<InputRow> inputs = FXCollections.observableArrayList();
  final ObservableList<OutputRow> outputs = FXCollections.observableArrayList();

  PortsModel(EditContext ctx, StepPanelModel owner) {
    this.ctx = ctx;
    this.owner = owner;
    rebuild();
  }

  private Step step() {
    return owner.step();
  }

  private void editStep(String what, UnaryOperator<Step> change) {
    owner.editStep(what, change);
  }

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
      String from = p.edgesInto(owner.stepId()).stream().filter(e -> port.equals(e.to().port())).findFirst()
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

  /** The texts with every placeholder of {@code kind} named {@code old} renamed to {@code now}. */
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

  /** Where an input of this name comes from ("Prepare data · prepared"), or "?" when there is none. */
  String sourceOf(String inputName) {
    return inputs.stream().filter(r -> r.name.text().equals(inputName)).findFirst()
        .map(r -> r.sourceProperty().get()).orElse("?");
  }

  void refresh() {
    rebuild();
    inputs.forEach(InputRow::refresh);
    outputs.forEach(OutputRow::refresh);
  }

  /** Makes one row per port when their number changed. */
  void rebuild() {
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
  }
}
