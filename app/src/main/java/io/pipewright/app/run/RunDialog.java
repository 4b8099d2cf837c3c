package io.pipewright.app.run;

import io.pipewright.model.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Asks for the experiment, where the Spark steps run, the pipeline's parameters and whether to
 * regenerate outputs before a run; Enter runs.
 */
final class RunDialog extends Dialog<RunRequest> {
  static final ButtonType RUN = new ButtonType("Run", ButtonBar.ButtonData.OK_DONE);

  /** @param sparkTargets the "Run Spark steps on" choices, each step's own compute first */
  RunDialog(String pipelineName, List<Parameter> parameters, RunRequest defaults, List<SparkTargetChoice> sparkTargets,
      String defaultExperiment, String note) {
    setTitle("Run " + pipelineName);
    setHeaderText("Run " + pipelineName);
    TextField experiment = new TextField(defaults.experiment());
    experiment.setId("experimentField");
    experiment.setPromptText(defaultExperiment);
    experiment.setPrefColumnCount(28);
    CheckBox regenerate = new CheckBox("Regenerate outputs");
    regenerate.setId("regenerateOutputs");
    regenerate.setSelected(defaults.regenerateOutputs());
    Label regenerateHelp = new Label("Runs every step, even where an identical earlier result could be reused.");
    regenerateHelp.getStyleClass().add("dialog-help");
    regenerateHelp.setWrapText(true);
    regenerateHelp.setMaxWidth(380);
    Label noteLabel = new Label(note);
    noteLabel.setId("runNote");
    noteLabel.setWrapText(true);
    noteLabel.setMaxWidth(460);
    noteLabel.getStyleClass().add("dialog-help");

    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    grid.setPadding(new Insets(10, 4, 4, 4));
    Label experimentLabel = new Label("_Experiment");
    experimentLabel.setMnemonicParsing(true);
    experimentLabel.setLabelFor(experiment);
    experimentLabel.setMinWidth(Region.USE_PREF_SIZE);
    grid.add(experimentLabel, 0, 0);
    grid.add(experiment, 1, 0);

    ComboBox<SparkTargetChoice> sparkTarget = new ComboBox<>();
    sparkTarget.setId("sparkTargetChoice");
    sparkTarget.getItems().setAll(sparkTargets);
    sparkTarget.setMaxWidth(Double.MAX_VALUE);
    sparkTarget.getSelectionModel().select(sparkTargets.stream()
        .filter(c -> Objects.equals(c.target(), defaults.sparkTarget())).findFirst().orElse(sparkTargets.get(0)));
    Label sparkTargetLabel = new Label("Run _Spark steps on");
    sparkTargetLabel.setMnemonicParsing(true);
    sparkTargetLabel.setLabelFor(sparkTarget);
    sparkTargetLabel.setMinWidth(Region.USE_PREF_SIZE);
    Label sparkTargetHelp = new Label("Script steps run on their own compute (on this machine when Spark steps run"
        + " on local-spark and theirs is remote). An Azure ML workspace runs the whole pipeline as one pipeline job.");
    sparkTargetHelp.getStyleClass().add("dialog-help");
    sparkTargetHelp.setWrapText(true);
    sparkTargetHelp.setMaxWidth(380);
    grid.add(sparkTargetLabel, 0, 1);
    grid.add(sparkTarget, 1, 1);
    grid.add(sparkTargetHelp, 1, 2);

    grid.add(regenerate, 1, 3);
    grid.add(regenerateHelp, 1, 4);
    int row = 5;
    Map<String, TextField> values = new LinkedHashMap<>();
    if (!parameters.isEmpty()) {
      Label heading = new Label("Parameters");
      heading.getStyleClass().add("dialog-section");
      grid.add(heading, 0, row++, 2, 1);
      for (Parameter p : parameters) {
        TextField value = new TextField(defaults.parameters().getOrDefault(p.name(), p.defaultValue()));
        value.setId("parameter-" + p.name());
        value.setPromptText(p.defaultValue() == null || p.defaultValue().isEmpty() ? "(empty)" : p.defaultValue());
        Label name = new Label(p.name());
        name.setLabelFor(value);
        name.setMinWidth(Region.USE_PREF_SIZE);
        if (p.description() != null && !p.description().isBlank()) {
          Tooltip tip = new Tooltip(p.description());
          name.setTooltip(tip);
          value.setTooltip(tip);
        }
        grid.add(name, 0, row);
        grid.add(value, 1, row++);
        values.put(p.name(), value);
      }
    }
    grid.add(noteLabel, 0, row, 2, 1);
    GridPane.setHgrow(experiment, Priority.ALWAYS);
    getDialogPane().setContent(grid);
    getDialogPane().getButtonTypes().setAll(RUN, ButtonType.CANCEL);
    getDialogPane().setId("runDialog");
    io.pipewright.app.fx.AppStyle.style(getDialogPane());
    setResultConverter(b -> {
      if (b != RUN) {
        return null;
      }
      Map<String, String> chosen = new LinkedHashMap<>();
      values.forEach((name, field) -> chosen.put(name, field.getText()));
      SparkTargetChoice on = sparkTarget.getValue();
      return new RunRequest(experiment.getText(), regenerate.isSelected(), chosen, on == null ? null : on.target());
    });
    setOnShown(e -> Platform.runLater(() -> {
      experiment.requestFocus();
      experiment.selectAll();
    }));
  }
}
