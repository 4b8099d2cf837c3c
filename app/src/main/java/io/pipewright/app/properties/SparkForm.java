package io.pipewright.app.properties;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** A Spark step's driver, executors and conf sections. */
final class SparkForm {
  private final SparkPanelModel m;
  private final Controls c;

  SparkForm(SparkPanelModel model, Controls controls) {
    this.m = model;
    this.c = controls;
  }

  Node driver() {
    TextField memory = memory(m.driverMemory);
    memory.setId("driverMemory");
    TextField cores = count(m.driverCores);
    cores.setId("driverCores");
    return new Controls.Grid()
        .add("Memory", Controls.withHint(memory, hint(m.driverMemory), m.driverMemory.errorProperty()))
        .add("Cores", cores, m.driverCores.errorProperty());
  }

  Node executors() {
    ComboBox<SparkPanelModel.ExecutorMode> mode = c.combo(m.executorMode, SparkPanelModel.ExecutorMode::toString);
    mode.setId("executorMode");
    TextField count = count(m.executors);
    count.setId("executors");
    TextField min = count(m.minExecutors);
    min.setId("minExecutors");
    TextField max = count(m.maxExecutors);
    max.setId("maxExecutors");
    TextField memory = memory(m.executorMemory);
    memory.setId("executorMemory");
    TextField cores = count(m.executorCores);
    cores.setId("executorCores");
    c.register("/spark", cores);

    Label dash = new Label("to");
    VBox fixed = Controls.column(count, Controls.errorLabel(m.executors.errorProperty()));
    VBox dynamic = Controls.column(Controls.row(min, dash, max), Controls.errorLabel(m.minExecutors.errorProperty()),
        Controls.errorLabel(m.maxExecutors.errorProperty()));
    var isDynamic = Bindings.equal(m.executorMode.valueProperty(), SparkPanelModel.ExecutorMode.DYNAMIC);
    fixed.visibleProperty().bind(isDynamic.not());
    fixed.managedProperty().bind(fixed.visibleProperty());
    dynamic.visibleProperty().bind(isDynamic);
    dynamic.managedProperty().bind(dynamic.visibleProperty());
    return new Controls.Grid()
        .add("Allocation", mode)
        .add("Executors", new VBox(fixed, dynamic))
        .add("Memory", Controls.withHint(memory, hint(m.executorMemory), m.executorMemory.errorProperty()))
        .add("Cores each", cores, m.executorCores.errorProperty());
  }

  Node conf() {
    VBox rows = new VBox(4);
    StepForm rowsOf = new StepForm(null, c);
    rowsOf.follow(m.conf, rows, () -> {
      List<Node> list = new ArrayList<>();
      for (KeyValueRow r : m.conf) {
        list.add(rowsOf.keyValueRow(r, "Remove setting"));
      }
      if (list.isEmpty()) {
        list.add(Controls.muted("Spark's defaults."));
      }
      return list;
    });
    Node adder = StepForm.pairAdder(m.newConf, "spark.…", "value", m.suggestedKeys());
    Label help = Controls.muted("");
    help.textProperty().bind(Bindings.createStringBinding(() -> SparkPanelModel.keyHelp(m.newConf.keyProperty().get()),
        m.newConf.keyProperty()));
    help.visibleProperty().bind(Bindings.isNotEmpty(help.textProperty()));
    help.managedProperty().bind(help.visibleProperty());
    return Controls.column(rows, adder, help);
  }

  private TextField memory(FieldModel f) {
    TextField t = c.text(f);
    t.setPrefColumnCount(6);
    t.setPromptText("4g");
    return t;
  }

  private TextField count(FieldModel f) {
    TextField t = c.text(f);
    t.setPrefColumnCount(4);
    return t;
  }

  private static Label hint(FieldModel f) {
    Label l = Controls.muted("");
    l.getStyleClass().add("field-hint");
    // an empty hint keeps its line (a no-break space): the rows below stay put as it comes and goes
    l.textProperty().bind(Bindings.createStringBinding(() -> {
      String hint = SparkPanelModel.memoryHint(f.text());
      return hint.isEmpty() ? "\u00a0" : hint;
    }, f.textProperty()));
    return l;
  }
}
