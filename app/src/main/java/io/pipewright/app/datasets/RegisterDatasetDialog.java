package io.pipewright.app.datasets;

import io.pipewright.app.fx.Forms;
import io.pipewright.model.DatasetKind;
import io.pipewright.workspace.DatasetVersion;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Register a datastore file or folder as a tabular or file dataset. */
public final class RegisterDatasetDialog extends Dialog<DatasetVersion> {
  public static final ButtonType REGISTER = new ButtonType("Register", ButtonBar.ButtonData.OK_DONE);

  public RegisterDatasetDialog(RegisterDatasetViewModel viewModel) {
    setTitle("Register dataset");
    setHeaderText("Register " + viewModel.source());
    getDialogPane().setId("registerDatasetDialog");
    Forms.style(getDialogPane());
    getDialogPane().getButtonTypes().setAll(REGISTER, ButtonType.CANCEL);

    GridPane grid = Forms.grid();
    TextField name = new TextField();
    name.setId("datasetName");
    name.textProperty().bindBidirectional(viewModel.nameProperty());
    int row = Forms.addRow(grid, 0, "Name *", name,
        "A new name becomes version 1; an existing name gets its next version.", viewModel.nameProblemProperty(), name);
    ToggleGroup kinds = new ToggleGroup();
    RadioButton tabular = new RadioButton("Tabular: delimited text with a header row");
    tabular.setId("kindTabular");
    tabular.setToggleGroup(kinds);
    tabular.setUserData(DatasetKind.TABULAR);
    RadioButton file = new RadioButton("File: the files as they are");
    file.setId("kindFile");
    file.setToggleGroup(kinds);
    file.setUserData(DatasetKind.FILE);
    kinds.selectToggle(viewModel.kindProperty().get() == DatasetKind.TABULAR ? tabular : file);
    kinds.selectedToggleProperty().addListener((o, a, b) -> {
      if (b != null) {
        viewModel.kindProperty().set((DatasetKind) b.getUserData());
      }
    });
    Label kindLabel = new Label("Kind");
    grid.add(kindLabel, 0, row);
    grid.add(new VBox(4, tabular, file), 1, row);
    row += 2;
    ComboBox<RegisterDatasetViewModel.Delimiter> delimiter = new ComboBox<>();
    delimiter.setId("delimiter");
    delimiter.getItems().setAll(RegisterDatasetViewModel.DELIMITERS);
    delimiter.valueProperty().bindBidirectional(viewModel.delimiterProperty());
    delimiter.disableProperty().bind(viewModel.kindProperty().isNotEqualTo(DatasetKind.TABULAR));
    grid.add(new Label("Delimiter"), 0, row);
    grid.add(new HBox(delimiter), 1, row);
    Label error = Forms.problemLabel(viewModel.errorProperty());
    error.setId("registerError");
    VBox content = new VBox(10, grid, error);
    content.setPadding(new Insets(4));
    content.setPrefWidth(520);
    getDialogPane().setContent(content);

    Button ok = (Button) getDialogPane().lookupButton(REGISTER);
    ok.setId("registerOk");
    ok.disableProperty().bind(viewModel.validBinding().not());
    ok.addEventFilter(ActionEvent.ACTION, e -> {
      e.consume();
      viewModel.register(() -> {
        setResult(null);
        close();
      });
    });
    setResultConverter(b -> null);
  }
}
