package io.pipewright.app.run;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** Asks for the experiment and whether to regenerate outputs before a run; Enter runs. */
final class RunDialog extends Dialog<RunRequest> {
  static final ButtonType RUN = new ButtonType("Run", ButtonBar.ButtonData.OK_DONE);

  RunDialog(String pipelineName, RunRequest defaults, String defaultExperiment, String note) {
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
    grid.add(experimentLabel, 0, 0);
    grid.add(experiment, 1, 0);
    grid.add(regenerate, 1, 1);
    grid.add(regenerateHelp, 1, 2);
    grid.add(noteLabel, 0, 3, 2, 1);
    GridPane.setHgrow(experiment, Priority.ALWAYS);
    getDialogPane().setContent(grid);
    getDialogPane().getButtonTypes().setAll(RUN, ButtonType.CANCEL);
    getDialogPane().setId("runDialog");
    setResultConverter(b -> b == RUN ? new RunRequest(experiment.getText(), regenerate.isSelected()) : null);
    setOnShown(e -> Platform.runLater(() -> {
      experiment.requestFocus();
      experiment.selectAll();
    }));
  }
}
