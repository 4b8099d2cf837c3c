package io.pipewright.app.compute;

import io.pipewright.app.fx.Forms;
import io.pipewright.azureml.AzureMlCompute;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/** The computes an Azure ML workspace has in Azure, with Detach. */
public final class AzureMlComputesDialog extends Dialog<Void> {

  public AzureMlComputesDialog(AzureMlComputesViewModel viewModel) {
    setTitle("Azure ML computes");
    setHeaderText("The computes of an Azure Machine Learning workspace, as Azure has them");
    setResizable(true);
    getDialogPane().setId("azureMlComputesDialog");
    Forms.style(getDialogPane());
    getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
    getDialogPane().setPrefWidth(800);

    ComboBox<String> workspace = new ComboBox<>(viewModel.workspaces());
    workspace.setId("computesWorkspace");
    workspace.valueProperty().bindBidirectional(viewModel.workspaceProperty());
    workspace.setPromptText("Azure ML workspace");
    Button refresh = new Button("Refresh", new FontIcon(MaterialDesignR.REFRESH));
    refresh.setId("refreshComputes");
    refresh.disableProperty().bind(viewModel.busyProperty());
    refresh.setOnAction(e -> viewModel.refresh());
    HBox top = new HBox(8, new Label("Workspace"), workspace, refresh);
    top.setAlignment(Pos.CENTER_LEFT);

    TableView<AzureMlCompute> table = new TableView<>(viewModel.computes());
    table.setId("azureMlComputes");
    table.setPrefSize(720, 260);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("No compute listed"));
    table.getColumns().add(column("Name", 140, AzureMlCompute::name));
    table.getColumns().add(column("Type", 120, AzureMlCompute::computeType));
    table.getColumns().add(column("State", 100, AzureMlCompute::provisioningState));
    table.getColumns().add(column("Details", 360, c -> details(c)));
    table.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth() * 0.8));
    viewModel.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());

    Button detach = new Button("Detach", new FontIcon(MaterialDesignL.LINK_VARIANT_OFF));
    detach.setId("detachAzureMlCompute");
    detach.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull()
        .or(viewModel.busyProperty()));
    detach.setOnAction(e -> viewModel.detachSelected());
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setPrefSize(16, 16);
    spinner.setMaxSize(16, 16);
    spinner.visibleProperty().bind(viewModel.busyProperty());
    Label status = new Label();
    status.setId("azureMlComputesStatus");
    status.setWrapText(true);
    status.textProperty().bind(viewModel.statusProperty());
    javafx.scene.control.MenuButton attach = new javafx.scene.control.MenuButton("Attach Synapse pool",
        new FontIcon(MaterialDesignL.LINK_VARIANT));
    attach.setId("attachSynapsePoolToAzureMl");
    Runnable pools = () -> attach.getItems().setAll(viewModel.attachablePools().stream().map(name -> {
      javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(name);
      item.setOnAction(e -> viewModel.attachPool(name));
      return item;
    }).toList());
    viewModel.attachablePools().addListener((javafx.collections.ListChangeListener<String>) c -> pools.run());
    pools.run();
    attach.disableProperty().bind(Bindings.isEmpty(viewModel.attachablePools()).or(viewModel.busyProperty())
        .or(Bindings.isEmpty(viewModel.workspaces())));
    attach.setTooltip(new javafx.scene.control.Tooltip("Attach a Synapse pool target of this workspace to the Azure ML"
        + " workspace as a SynapseSpark compute of the same name"));
    HBox bottom = new HBox(8, attach, detach, spinner, status);
    bottom.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(status, Priority.ALWAYS);

    VBox content = new VBox(10, top, table, bottom);
    VBox.setVgrow(table, Priority.ALWAYS);
    content.setPadding(new Insets(8, 14, 8, 14));
    content.setPrefWidth(760);
    content.setMinWidth(720);
    getDialogPane().setContent(content);
  }

  private static String details(AzureMlCompute c) {
    String summary = c.summary();
    String prefix = c.name() + ": " + c.computeType() + (c.provisioningState().isBlank() ? "" : ", "
        + c.provisioningState());
    String rest = summary.startsWith(prefix) ? summary.substring(prefix.length()).replaceFirst("^, ", "") : summary;
    return rest.isBlank() ? c.description() : rest;
  }

  private static TableColumn<AzureMlCompute, String> column(String title, double width,
      Function<AzureMlCompute, String> text) {
    TableColumn<AzureMlCompute, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.apply(c.getValue())));
    return column;
  }
}
