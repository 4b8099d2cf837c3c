package io.pipewright.app.compute;

import io.pipewright.app.fx.Forms;
import io.pipewright.workspace.FieldProblem;
import io.pipewright.workspace.LinkedService;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** The workspace's linked services: the list with Remove, and a form to add one. */
public final class LinkedServicesDialog extends Dialog<Void> {

  public LinkedServicesDialog(LinkedServicesViewModel viewModel) {
    setTitle("Linked services");
    setHeaderText("Links to Azure Synapse workspaces, through which Synapse Spark pools are attached");
    setResizable(true);
    getDialogPane().setId("linkedServicesDialog");
    Forms.style(getDialogPane());
    getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);

    ListView<LinkedService> list = new ListView<>(viewModel.services());
    list.setId("linkedServices");
    list.setPlaceholder(new Label("No linked service yet"));
    list.setPrefSize(260, 260);
    list.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(LinkedService s, boolean empty) {
        super.updateItem(s, empty);
        if (empty || s == null) {
          setText(null);
          setGraphic(null);
          return;
        }
        Label name = new Label(s.name());
        name.setStyle("-fx-font-weight: bold;");
        Label detail = new Label(s.synapseWorkspace() + " · " + s.resourceGroup());
        detail.getStyleClass().add("field-help");
        setGraphic(new HBox(8, new FontIcon(MaterialDesignL.LINK_VARIANT), new VBox(1, name, detail)));
        setText(null);
      }
    });
    viewModel.selectedProperty().bind(list.getSelectionModel().selectedItemProperty());
    Button remove = new Button("Remove", new FontIcon(MaterialDesignD.DELETE_OUTLINE));
    remove.setId("removeLinkedService");
    remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
    remove.setOnAction(e -> viewModel.removeSelected());
    VBox left = new VBox(6, list, remove);
    VBox.setVgrow(list, Priority.ALWAYS);

    GridPane form = Forms.grid();
    int row = 0;
    for (Map.Entry<String, String> field : LinkedServicesViewModel.FIELDS.entrySet()) {
      TextField text = new TextField();
      text.setId("linked-" + field.getKey());
      text.textProperty().bindBidirectional(viewModel.value(field.getKey()));
      text.setPromptText(prompt(field.getKey()));
      row = Forms.addRow(form, row, field.getValue() + " *", text, null, viewModel.problem(field.getKey()), text);
    }
    Button add = new Button("Add linked service", new FontIcon(MaterialDesignP.PLUS));
    add.setId("addLinkedService");
    add.setDefaultButton(true);
    add.disableProperty().bind(viewModel.validBinding().not());
    add.setOnAction(e -> viewModel.add());
    Label error = Forms.problemLabel(viewModel.errorProperty());
    Label title = new Label("Add a linked service");
    title.getStyleClass().add("panel-title");
    VBox right = new VBox(8, title, fromAzure(viewModel), form, add, error);
    right.setPrefWidth(420);
    HBox content = new HBox(16, left, right);
    content.setPadding(new Insets(8, 14, 8, 14));
    getDialogPane().setContent(content);
  }

  /** Pick an Azure ML workspace target, then one of the Synapse workspaces linked to it in Azure. */
  private static VBox fromAzure(LinkedServicesViewModel viewModel) {
    javafx.scene.control.ComboBox<String> workspace = new javafx.scene.control.ComboBox<>(viewModel.azureMlWorkspaces());
    workspace.setId("azureMlWorkspace");
    workspace.valueProperty().bindBidirectional(viewModel.azureMlWorkspaceProperty());
    workspace.setPromptText("Azure ML workspace");
    workspace.setMaxWidth(Double.MAX_VALUE);
    Button refresh = new Button(null, new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignR.REFRESH));
    refresh.setId("refreshLinkedInAzure");
    refresh.setTooltip(new javafx.scene.control.Tooltip("List again"));
    refresh.disableProperty().bind(viewModel.lookingProperty());
    refresh.setOnAction(e -> viewModel.findLinkedInAzure());
    HBox chooser = new HBox(6, new Label("Linked in"), workspace, refresh);
    chooser.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    HBox.setHgrow(workspace, Priority.ALWAYS);

    ListView<io.pipewright.azureml.AzureMlLinkedService> found = new ListView<>(viewModel.linkedInAzure());
    found.setId("linkedInAzure");
    found.setPrefHeight(96);
    found.setPlaceholder(new Label("Nothing listed"));
    found.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(io.pipewright.azureml.AzureMlLinkedService link, boolean empty) {
        super.updateItem(link, empty);
        setGraphic(null);
        setText(empty || link == null ? null : link.name() + " → " + link.synapseWorkspace()
            .map(r -> r.name() + " · " + r.resourceGroup()).orElse(link.linkedServiceResourceId()));
      }
    });
    found.getSelectionModel().selectedItemProperty().addListener((o, a, picked) -> viewModel.pick(picked));

    javafx.scene.control.ProgressIndicator spinner = new javafx.scene.control.ProgressIndicator();
    spinner.setPrefSize(16, 16);
    spinner.setMaxSize(16, 16);
    spinner.visibleProperty().bind(viewModel.lookingProperty());
    spinner.managedProperty().bind(spinner.visibleProperty());
    Label note = new Label();
    note.setId("lookupNote");
    note.getStyleClass().add("note");
    note.setWrapText(true);
    note.setMaxWidth(400);
    note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    note.textProperty().bind(viewModel.lookupProperty());
    HBox status = new HBox(6, spinner, note);
    status.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    return new VBox(6, chooser, found, status);
  }

  private static String prompt(String key) {
    switch (key) {
      case FieldProblem.NAME: return "link1";
      case "subscriptionId": return "00000000-0000-0000-0000-000000000000";
      case "resourceGroup": return "rg-ml";
      case "synapseWorkspace": return "contoso-synapse";
      default: return "";
    }
  }
}
