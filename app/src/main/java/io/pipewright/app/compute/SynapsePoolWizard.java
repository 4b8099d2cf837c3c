package io.pipewright.app.compute;

import io.pipewright.app.fx.DialogService;
import io.pipewright.app.fx.Forms;
import io.pipewright.azure.SynapseSparkPool;
import io.pipewright.workspace.ComputeTarget;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * Attaching a Synapse Spark pool the way Azure ML's seed workflow does: pick the linked service of
 * the pool's Synapse workspace, then the pool from those Azure lists (with node size and count,
 * autoscale, auto-pause and Spark version; typed when signed out), then the compute target's name
 * ({@code link1-spark01}). Next and Finish are disabled while the page has a problem.
 */
public final class SynapsePoolWizard {
  private final Wizard wizard;
  private final AttachComputeViewModel viewModel;
  private ComputeTarget saved;

  /** @param manageLinkedServices opens the linked services dialog (to add the first one) */
  public SynapsePoolWizard(AttachComputeViewModel viewModel, DialogService dialogs, Runnable manageLinkedServices) {
    this.viewModel = viewModel;
    wizard = new Wizard(null, viewModel.title());
    wizard.setReadSettings(false);

    ComboBox<String> services = new ComboBox<>(viewModel.linkedServices());
    services.setId("field-linkedService");
    services.valueProperty().bindBidirectional(viewModel.field("linkedService").valueProperty());
    services.setMaxWidth(Double.MAX_VALUE);
    services.setPromptText("choose a linked service");
    Button add = new Button("Linked services…", new FontIcon(MaterialDesignP.PLUS));
    add.setId("manageLinkedServices");
    add.setOnAction(e -> {
      manageLinkedServices.run();
      viewModel.loadLinkedServices();
    });
    HBox serviceRow = new HBox(8, services, add);
    javafx.scene.layout.HBox.setHgrow(services, javafx.scene.layout.Priority.ALWAYS);
    GridPane first = Forms.grid();
    Forms.addRow(first, 0, "Linked service *", serviceRow, viewModel.field("linkedService").help()
        + " A linked service links this workspace to a Synapse workspace (subscription, resource group, name).",
        viewModel.field("linkedService").problemProperty(), services);
    Label none = new Label("No linked service yet: add the Synapse workspace's linked service first.",
        new FontIcon(MaterialDesignI.INFORMATION_OUTLINE));
    none.getStyleClass().add("note");
    none.visibleProperty().bind(Bindings.isEmpty(viewModel.linkedServices()));
    none.managedProperty().bind(none.visibleProperty());

    GridPane second = Forms.grid();
    int row = 0;
    for (String key : List.of("pool", "nodeSize", "nodeCount")) {
      row = AttachComputeDialog.fieldRow(second, row, viewModel.field(key), dialogs);
    }
    Node poolList = poolTable(viewModel);
    Button refresh = new Button("Refresh", new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignR.REFRESH));
    refresh.setId("refreshPools");
    refresh.disableProperty().bind(viewModel.listingProperty());
    refresh.setOnAction(e -> viewModel.loadPools());
    HBox listHeader = new HBox(8, new Label("Spark pools in Azure"), refresh);
    listHeader.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    Label capacity = new Label();
    capacity.setId("poolCapacity");
    capacity.setWrapText(true);
    capacity.setMaxWidth(680);
    capacity.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    capacity.textProperty().bind(viewModel.capacityBinding());

    GridPane third = Forms.grid();
    AttachComputeDialog.nameRow(third, 0, viewModel);
    Label summary = new Label();
    summary.setWrapText(true);
    summary.textProperty().bind(Bindings.createStringBinding(() -> "Pool " + viewModel.field("pool").value()
        + " of the Synapse workspace linked as " + viewModel.field("linkedService").value() + ", "
        + viewModel.field("nodeCount").value() + " × " + viewModel.field("nodeSize").value() + " nodes.",
        viewModel.field("pool").valueProperty(), viewModel.field("linkedService").valueProperty(),
        viewModel.field("nodeCount").valueProperty(), viewModel.field("nodeSize").valueProperty()));
    Label later = new Label("Spark steps on this target run on the pool as Synapse batch jobs, their files staged to"
        + " the Synapse workspace's storage; in a pipeline with an Azure ML compute cluster the pool is attached to"
        + " that Azure ML workspace and runs its Spark child jobs.", new FontIcon(MaterialDesignI.INFORMATION_OUTLINE));
    later.getStyleClass().add("note");
    later.setWrapText(true);
    Label error = Forms.problemLabel(viewModel.errorProperty());
    error.setId("attachError");

    WizardPane linkedPage = page("1 of 3 · Linked service", new VBox(10, AttachComputeDialog.header(viewModel.kind()),
        first, none), () -> viewModel.validBinding(List.of("linkedService"), false));
    WizardPane poolPage = page("2 of 3 · Spark pool", new VBox(10, AttachComputeDialog.header(viewModel.kind()),
        listHeader, poolList, AttachComputeDialog.listNote(viewModel, "poolsNote"), second, capacity),
        () -> viewModel.validBinding(List.of("pool", "nodeSize", "nodeCount"), false));
    WizardPane namePage = new WizardPane() {
      @Override
      public void onEnteringPage(Wizard w) {
        bindInvalid(w, viewModel.validBinding());
        Node finish = lookupButton(ButtonType.FINISH);
        if (finish != null && finish.getProperties().putIfAbsent("pipewright.save", true) == null) {
          finish.setId("attachOk");
          finish.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            viewModel.save(target -> {
              saved = target;
              Dialog<ButtonType> dialog = wizard.getDialog();
              dialog.setResult(ButtonType.FINISH);
              dialog.close();
            });
          });
        }
      }
    };
    namePage.setHeaderText("3 of 3 · Compute target name");
    namePage.setContent(padded(new VBox(10, AttachComputeDialog.header(viewModel.kind()), third, summary, later,
        new ConnectionPane(viewModel.connectionProperty(), Bindings.createBooleanBinding(() -> true),
            viewModel::testConnection), error)));
    for (WizardPane p : List.of(linkedPage, poolPage, namePage)) {
      p.setId("synapseWizardPage");
      Forms.style(p);
    }
    wizard.setFlow(new Wizard.LinearFlow(linkedPage, poolPage, namePage));
  }

  /** The pools listed from Azure: picking one fills the pool's name, node size and node count. */
  private static Node poolTable(AttachComputeViewModel viewModel) {
    javafx.scene.control.TableView<SynapseSparkPool> table = new javafx.scene.control.TableView<>(viewModel.pools());
    table.setId("poolTable");
    table.setPrefHeight(150);
    table.setColumnResizePolicy(javafx.scene.control.TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("No pool listed: type the pool below"));
    table.getColumns().add(column("Pool", 105, SynapseSparkPool::name));
    table.getColumns().add(column("Node size", 150, p -> p.nodeSize() + p.nodeInWords().map(n -> " (" + n + ")")
        .orElse("")));
    table.getColumns().add(column("Nodes", 120, p -> p.autoScale() ? p.minNodes() + "–" + p.maxNodes() + " autoscale"
        : String.valueOf(p.nodeCount())));
    table.getColumns().add(column("Auto-pause", 100, SynapseSparkPool::autoPauseInWords));
    table.getColumns().add(column("Spark", 55, SynapseSparkPool::sparkVersion));
    table.getSelectionModel().selectedItemProperty().addListener((o, a, picked) -> viewModel.pickPool(picked));
    return table;
  }

  private static javafx.scene.control.TableColumn<SynapseSparkPool, String> column(String title, double width,
      java.util.function.Function<SynapseSparkPool, String> text) {
    javafx.scene.control.TableColumn<SynapseSparkPool, String> column = new javafx.scene.control.TableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(text.apply(c.getValue())));
    return column;
  }

  private static WizardPane page(String header, Node content, Supplier<BooleanBinding> valid) {
    WizardPane page = new WizardPane() {
      @Override
      public void onEnteringPage(Wizard w) {
        bindInvalid(w, valid.get());
      }
    };
    page.setHeaderText(header);
    page.setContent(padded(content));
    return page;
  }

  private static Node padded(Node content) {
    VBox box = new VBox(content);
    box.setPadding(new Insets(8));
    box.setPrefWidth(700);
    box.setMinWidth(700); // the pool table's columns, whole
    return box;
  }

  private static void bindInvalid(Wizard w, BooleanBinding valid) {
    w.invalidProperty().unbind();
    w.invalidProperty().bind(valid.not());
  }

  /** The wizard's dialog, to show through the dialog service. */
  public Dialog<ButtonType> dialog() {
    return wizard.getDialog();
  }

  /** The target attached, once Finish saved it. */
  public Optional<ComputeTarget> saved() {
    return Optional.ofNullable(saved);
  }

  public AttachComputeViewModel viewModel() {
    return viewModel;
  }
}
