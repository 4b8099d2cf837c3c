package io.pipewright.app.properties;

import atlantafx.base.theme.Styles;
import io.pipewright.model.InputMode;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** The sections of a step: General, Entry, Inputs and outputs, Arguments, Spark…, Environment. */
final class StepForm {
  private final StepPanelModel m;
  private final Controls c;

  StepForm(StepPanelModel model, Controls controls) {
    this.m = model;
    this.c = controls;
  }

  List<TitledPane> sections() {
    List<TitledPane> list = new ArrayList<>();
    list.add(Controls.section("General", general()));
    if (m.spark != null) {
      // the resources come first: the footprint line above the sections is about them
      SparkForm spark = new SparkForm(m.spark, c);
      list.add(Controls.section("Spark driver", spark.driver()));
      list.add(Controls.section("Spark executors", spark.executors()));
      list.add(Controls.section("Spark conf", spark.conf()));
    }
    list.add(Controls.section("Entry", entry()));
    list.add(Controls.section("Inputs and outputs", ports()));
    list.add(Controls.section("Arguments", arguments()));
    TitledPane env = Controls.section("Environment", environment());
    env.setExpanded(!m.environment.isEmpty());
    list.add(env);
    return list;
  }

  private Node general() {
    TextField name = c.text(m.name);
    name.setId("stepName");
    c.register("", name);
    TextArea description = c.area(m.description, 2);
    ComboBox<String> compute = c.combo(m.compute, m::computeLabel);
    compute.setId("stepCompute");
    return new Controls.Grid()
        .add("Name", name, m.name.errorProperty())
        .add("Description", description)
        .add("Compute", compute)
        .add("", c.check(m.allowReuse, "Reuse results of an identical earlier run"));
  }

  private Node entry() {
    Controls.Grid grid = new Controls.Grid();
    if (m.command != null) {
      TextField command = c.text(m.command);
      command.getStyleClass().add("monospace");
      grid.add("Command", command, m.command.errorProperty());
    }
    TextField dir = c.text(m.sourceDirectory);
    grid.add("Source directory", Controls.row(dir, Controls.iconButton(MaterialDesignF.FOLDER_OPEN_OUTLINE,
        "Choose the source directory", m::browseSourceDirectory)), m.sourceDirectory.errorProperty());
    if (m.entryFile != null) {
      TextField file = c.text(m.entryFile);
      file.setId("entryFile");
      grid.add(m.entryFile.label(), Controls.row(file, Controls.iconButton(MaterialDesignF.FILE_FIND_OUTLINE,
          "Choose the " + m.entryFile.label().toLowerCase(java.util.Locale.ROOT), m::browseEntryFile)),
          m.entryFile.errorProperty());
    }
    if (m.mainClass != null) {
      grid.add("Main class", c.text(m.mainClass), m.mainClass.errorProperty());
    }
    if (m.sql != null) {
      TextArea sql = new TextArea();
      sql.setId("sqlEditor");
      sql.getStyleClass().add("sql-editor");
      sql.setPrefRowCount(14);
      sql.setWrapText(false);
      sql.textProperty().bindBidirectional(m.sql.textProperty());
      sql.editableProperty().bind(m.sql.editableProperty());
      sql.getProperties().put(Controls.EDITING, (java.util.function.BooleanSupplier) m.sql::isEditing);
      sql.focusedProperty().addListener((o, was, focused) -> {
        if (!focused) {
          m.sql.commit();
        }
      });
      Label status = Controls.muted("");
      status.textProperty().bind(m.sql.statusProperty());
      grid.wide(Controls.column(sql, status));
      c.register("/entry/sqlText", sql);
    }
    return grid;
  }

  // ------------------------------------------------------------------------------ ports

  private Node ports() {
    VBox inputs = new VBox(8);
    VBox outputs = new VBox(8);
    follow(m.ports.inputs, inputs, () -> {
      List<Node> rows = new ArrayList<>();
      for (PortsModel.InputRow r : m.ports.inputs) {
        rows.add(inputRow(r));
      }
      if (rows.isEmpty()) {
        rows.add(Controls.muted("No inputs."));
      }
      return rows;
    });
    follow(m.ports.outputs, outputs, () -> {
      List<Node> rows = new ArrayList<>();
      for (PortsModel.OutputRow r : m.ports.outputs) {
        rows.add(outputRow(r));
      }
      if (rows.isEmpty()) {
        rows.add(Controls.muted("No outputs."));
      }
      return rows;
    });
    Button addInput = Controls.button(MaterialDesignP.PLUS, "Add input", () -> {
      int i = m.ports.addInput();
      focus("/inputs/" + i + "/name");
    });
    addInput.setId("addInput");
    Button addOutput = Controls.button(MaterialDesignP.PLUS, "Add output", () -> {
      int i = m.ports.addOutput();
      focus("/outputs/" + i + "/name");
    });
    Label in = new Label("Inputs");
    in.getStyleClass().add("subsection");
    Label out = new Label("Outputs");
    out.getStyleClass().add("subsection");
    return Controls.column(in, inputs, addInput, out, outputs, addOutput);
  }

  private Node inputRow(PortsModel.InputRow r) {
    TextField name = c.text(r.name);
    name.setPrefColumnCount(8);
    ComboBox<InputMode> mode = c.combo(r.mode, InputMode::wireName);
    mode.setMaxWidth(110);
    io.pipewright.app.fx.Tips.install(mode,
        "direct: the path where the data lives; mount: the same, read only; download: a copy in the step's directory");
    c.register("/inputs/" + r.index, name);
    Label from = Controls.muted("");
    from.textProperty().bind(Bindings.concat("from ", r.sourceProperty()));
    HBox line = Controls.row(name, mode, c.check(r.optional, "optional"),
        Controls.iconButton(MaterialDesignD.DELETE_OUTLINE, "Remove input (its edge goes too)", r::remove));
    return Controls.column(line, Controls.errorLabel(r.name.errorProperty()), from);
  }

  private Node outputRow(PortsModel.OutputRow r) {
    TextField name = c.text(r.name);
    name.setPrefColumnCount(8);
    TextField register = c.text(r.registerAs);
    register.setPromptText("register as dataset…");
    HBox line = Controls.row(name, register,
        Controls.iconButton(MaterialDesignD.DELETE_OUTLINE, "Remove output (its edges go too)", r::remove));
    return Controls.column(line, Controls.errorLabel(r.name.errorProperty()),
        Controls.errorLabel(r.registerAs.errorProperty()));
  }

  // ------------------------------------------------------------------------------ arguments

  private Node arguments() {
    VBox rows = new VBox(4);
    follow(m.arguments.rows, rows, () -> {
      List<Node> list = new ArrayList<>();
      for (int i = 0; i < m.arguments.rows.size(); i++) {
        int index = i;
        FieldModel f = m.arguments.rows.get(i);
        TextField t = c.text(f);
        t.getStyleClass().add("monospace");
        list.add(Controls.column(Controls.row(t,
            Controls.iconButton(MaterialDesignA.ARROW_UP, "Move up", () -> m.arguments.moveArgument(index, -1)),
            Controls.iconButton(MaterialDesignA.ARROW_DOWN, "Move down", () -> m.arguments.moveArgument(index, 1)),
            Controls.iconButton(MaterialDesignD.DELETE_OUTLINE, "Remove argument", () -> m.arguments.removeArgument(index))),
            Controls.errorLabel(f.errorProperty())));
      }
      if (list.isEmpty()) {
        list.add(Controls.muted("No arguments."));
      }
      return list;
    });
    TextField add = c.adder(m.arguments.newArgument);
    add.setId("newArgument");
    add.getStyleClass().add("monospace");
    add.setPromptText("New argument, Enter adds it");
    MenuButton placeholders = new MenuButton(null, io.pipewright.app.document.Icons.of(MaterialDesignC.CODE_BRACES));
    io.pipewright.app.fx.Tips.install(placeholders, "Insert a placeholder: a port or a parameter");
    placeholders.getStyleClass().addAll(Styles.FLAT, Styles.BUTTON_ICON);
    placeholders.setOnShowing(e -> {
      placeholders.getItems().clear();
      for (String p : m.arguments.placeholders()) {
        MenuItem item = new MenuItem(p + "   " + m.arguments.placeholderDetail(p));
        item.setOnAction(a -> {
          int at = add.getCaretPosition();
          add.insertText(at, p);
          add.requestFocus();
          add.positionCaret(at + p.length());
        });
        placeholders.getItems().add(item);
      }
    });
    Button addButton = Controls.iconButton(MaterialDesignP.PLUS, "Add argument", () -> m.arguments.newArgument.commit());
    return Controls.column(rows, Controls.row(add, placeholders, addButton),
        Controls.errorLabel(m.arguments.newArgument.errorProperty()),
        Controls.muted("Placeholders: {inputs.NAME}, {outputs.NAME}, {parameters.NAME}"));
  }

  // ------------------------------------------------------------------------------ environment

  private Node environment() {
    VBox packages = new VBox(4);
    follow(m.environment.pipPackages, packages, () -> {
      List<Node> list = new ArrayList<>();
      for (int i = 0; i < m.environment.pipPackages.size(); i++) {
        int index = i;
        FieldModel f = m.environment.pipPackages.get(i);
        list.add(Controls.column(Controls.row(c.text(f), Controls.iconButton(MaterialDesignD.DELETE_OUTLINE,
            "Remove package", () -> m.environment.removePipPackage(index))), Controls.errorLabel(f.errorProperty())));
      }
      return list;
    });
    TextField newPackage = c.adder(m.environment.newPipPackage);
    newPackage.setPromptText("pandas==2.2.2, Enter adds it");
    VBox variables = new VBox(4);
    follow(m.environment.variables, variables, () -> {
      List<Node> list = new ArrayList<>();
      for (KeyValueRow r : m.environment.variables) {
        list.add(keyValueRow(r, "Remove variable"));
      }
      return list;
    });
    Label pip = new Label("pip packages");
    pip.getStyleClass().add("subsection");
    Label vars = new Label("Environment variables");
    vars.getStyleClass().add("subsection");
    return Controls.column(pip, packages, Controls.row(newPackage,
        Controls.iconButton(MaterialDesignP.PLUS, "Add package", () -> m.environment.newPipPackage.commit())),
        Controls.errorLabel(m.environment.newPipPackage.errorProperty()), vars, variables,
        pairAdder(m.environment.newVariable, "NAME", "value", null));
  }

  // ------------------------------------------------------------------------------ shared by the Spark form

  Node keyValueRow(KeyValueRow r, String removeTip) {
    TextField key = c.text(r.keyField);
    key.getStyleClass().add("monospace");
    key.setPrefColumnCount(16);
    TextField value = c.text(r.valueField);
    value.setPrefColumnCount(5);
    c.register(r.valueField.pointer(), value);
    return Controls.column(Controls.row(key, value,
        Controls.iconButton(MaterialDesignD.DELETE_OUTLINE, removeTip, r::remove)),
        Controls.errorLabel(r.keyField.errorProperty()), Controls.errorLabel(r.valueField.errorProperty()));
  }

  static Node pairAdder(PairInput pair, String keyPrompt, String valuePrompt, List<String> suggestions) {
    TextField key = new TextField();
    key.setPromptText(keyPrompt);
    key.getStyleClass().add("monospace");
    key.textProperty().bindBidirectional(pair.keyProperty());
    key.setPrefColumnCount(16);
    TextField value = new TextField();
    value.setPrefColumnCount(5);
    value.setPromptText(valuePrompt);
    value.textProperty().bindBidirectional(pair.valueProperty());
    Controls.decorate(key, pair.errorProperty());
    if (suggestions != null) {
      TextFields.bindAutoCompletion(key, suggestions);
    }
    Runnable add = () -> {
      if (pair.add()) {
        key.requestFocus();
      }
    };
    key.setOnAction(e -> value.requestFocus());
    value.setOnAction(e -> add.run());
    Button addButton = Controls.iconButton(MaterialDesignP.PLUS, "Add", add);
    return Controls.column(Controls.row(key, value, addButton), Controls.errorLabel(pair.errorProperty()));
  }

  /** Keeps {@code box}'s children made by {@code rows} whenever {@code list} changes. */
  <T> void follow(ObservableList<T> list, VBox box, java.util.function.Supplier<List<Node>> rows) {
    box.getChildren().setAll(rows.get());
    list.addListener((ListChangeListener<T>) change -> c.quietly(() -> box.getChildren().setAll(rows.get())));
  }

  private void focus(String pointer) {
    javafx.scene.Node n = c.byPointer().get(pointer);
    if (n != null) {
      n.requestFocus();
      if (n instanceof TextField) {
        ((TextField) n).selectAll();
      }
    }
  }
}
