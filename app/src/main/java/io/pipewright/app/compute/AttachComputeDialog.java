package io.pipewright.app.compute;

import io.pipewright.app.fx.DialogService;
import io.pipewright.app.fx.Forms;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

/**
 * Attach (or edit) one compute target of one kind: the name, the kind's settings checked as typed
 * with the reason under each field, a connection test, and Attach enabled only while everything is
 * acceptable. The dialog stays open while saving and shows a refusal on its fields.
 */
public final class AttachComputeDialog extends Dialog<ComputeTarget> {
  public static final ButtonType ATTACH = new ButtonType("Attach", ButtonBar.ButtonData.OK_DONE);
  public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

  public AttachComputeDialog(AttachComputeViewModel viewModel, DialogService dialogs) {
    setTitle(viewModel.title());
    setResizable(true);
    getDialogPane().setId("attachComputeDialog");
    Forms.style(getDialogPane());
    ButtonType ok = viewModel.isEditing() ? SAVE : ATTACH;
    getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);

    VBox content = new VBox(10, header(viewModel.kind()));
    if (ComputeKind.AZUREML.equals(viewModel.kind().id())) {
      Button importConfig = new Button("Import config.json…", new FontIcon(MaterialDesignC.CLOUD_DOWNLOAD_OUTLINE));
      importConfig.setId("importConfig");
      importConfig.setOnAction(e -> dialogs.chooseFileToOpen("Azure ML workspace config.json", null,
          List.of(new DialogService.FileFilter("Azure ML config", List.of("*.json")), DialogService.FileFilter.ALL))
          .ifPresent(viewModel::importAzureMlConfig));
      Label hint = new Label("Download config.json from the workspace's page in the Azure portal (Overview →"
          + " Download config.json), then import it here.");
      hint.getStyleClass().add("note");
      hint.setWrapText(true);
      hint.setMaxWidth(480);
      content.getChildren().add(new VBox(4, importConfig, hint));
    }
    content.getChildren().add(form(viewModel, dialogs, viewModel.fields()));
    if (ComputeKind.AZUREML_CLUSTER.equals(viewModel.kind().id())) {
      content.getChildren().add(listNote(viewModel, "vmSizesNote"));
    }
    content.getChildren().add(new ConnectionPane(viewModel.connectionProperty(),
        Bindings.createBooleanBinding(() -> true), viewModel::testConnection));
    Label error = Forms.problemLabel(viewModel.errorProperty());
    error.setId("attachError");
    content.getChildren().add(error);
    content.setPadding(new Insets(8, 14, 8, 14));
    content.setPrefWidth(600);
    ScrollPane scroll = new ScrollPane(content);
    scroll.setFitToWidth(true);
    scroll.setPrefViewportHeight(Math.min(660, 260 + 70 * viewModel.fields().size()));
    scroll.setStyle("-fx-background-color: transparent;");
    getDialogPane().setContent(scroll);

    Button okButton = (Button) getDialogPane().lookupButton(ok);
    okButton.setId("attachOk");
    okButton.disableProperty().bind(viewModel.validBinding().not());
    okButton.addEventFilter(ActionEvent.ACTION, e -> {
      e.consume();
      viewModel.save(saved -> {
        setResult(saved);
        close();
      });
    });
    setResultConverter(button -> null);
  }

  static Node header(ComputeKind kind) {
    FontIcon icon = ComputeIcons.forKind(kind.id());
    icon.setIconSize(32);
    Label title = new Label(kind.label());
    title.getStyleClass().add("kind-title");
    Label description = new Label(kind.description());
    description.getStyleClass().add("kind-description");
    description.setWrapText(true);
    HBox header = new HBox(12, icon, new VBox(2, title, description));
    header.setAlignment(Pos.CENTER_LEFT);
    header.getStyleClass().add("kind-header");
    return header;
  }

  /** The name (when attaching) and the given settings' fields. */
  static GridPane form(AttachComputeViewModel viewModel, DialogService dialogs, List<SettingField> fields) {
    GridPane grid = Forms.grid();
    int row = 0;
    if (!viewModel.isEditing()) {
      row = nameRow(grid, row, viewModel);
    }
    for (SettingField f : fields) {
      row = viewModel.pickList(f.key()).isPresent()
          ? pickRow(grid, row, f, viewModel.pickList(f.key()).get())
          : fieldRow(grid, row, f, dialogs);
    }
    return grid;
  }

  /** A field whose value is picked from a list (listed from Azure), or typed when the list is empty. */
  static int pickRow(GridPane grid, int row, SettingField f, javafx.collections.ObservableList<String> choices) {
    javafx.scene.control.ComboBox<String> box = new javafx.scene.control.ComboBox<>(choices);
    box.setEditable(true);
    box.setId("field-" + f.key());
    box.valueProperty().bindBidirectional(f.valueProperty());
    box.getEditor().textProperty().addListener((o, a, b) -> {
      if (box.isFocused() || box.getEditor().isFocused()) {
        f.setValue(b);
      }
    });
    box.setMaxWidth(Double.MAX_VALUE);
    box.setPromptText(f.setting().defaultValue() != null ? f.setting().defaultValue() : "pick or type");
    return Forms.addRow(grid, row, f.label(), box, f.help() + " Pick from the list, or type.", f.problemProperty(), box);
  }

  /** What listing from Azure is doing or found, with a spinner while it lists. */
  static Node listNote(AttachComputeViewModel viewModel, String id) {
    javafx.scene.control.ProgressIndicator spinner = new javafx.scene.control.ProgressIndicator();
    spinner.setPrefSize(16, 16);
    spinner.setMaxSize(16, 16);
    spinner.visibleProperty().bind(viewModel.listingProperty());
    spinner.managedProperty().bind(spinner.visibleProperty());
    Label note = new Label();
    note.setId(id);
    note.getStyleClass().add("note");
    note.setWrapText(true);
    note.setMaxWidth(540);
    note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    note.textProperty().bind(viewModel.listNoteProperty());
    HBox box = new HBox(6, spinner, note);
    box.setAlignment(Pos.CENTER_LEFT);
    box.visibleProperty().bind(viewModel.listNoteProperty().isNotEmpty());
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  static int nameRow(GridPane grid, int row, AttachComputeViewModel viewModel) {
    TextField name = new TextField();
    name.setId("computeName");
    name.textProperty().bindBidirectional(viewModel.nameProperty());
    name.setPromptText(ComputeKind.SYNAPSE_SPARK_POOL.equals(viewModel.kind().id()) ? "link1-spark01" : "my-spark");
    return Forms.addRow(grid, row, "Name *", name, "How pipelines refer to this target.",
        viewModel.nameProblemProperty(), name);
  }

  static int fieldRow(GridPane grid, int row, SettingField f, DialogService dialogs) {
    Control[] decorated = new Control[1];
    Node control = SettingControls.control(f, dialogs, decorated);
    return Forms.addRow(grid, row, f.label(), control, f.help(), f.problemProperty(), decorated[0]);
  }
}
