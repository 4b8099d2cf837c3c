package io.pipewright.app.compute;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.datasets.BrowseItem;
import io.pipewright.app.datasets.DatasetsView;
import io.pipewright.app.datasets.DatasetsViewModel;
import io.pipewright.app.datasets.RegisterDatasetDialog;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import java.util.Optional;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCombination;

/**
 * Compute targets, linked services and datasets in the main window: a Compute tab and a Datasets
 * tab below the canvas, the Compute menu's items, and the dialogs they open.
 */
public final class ComputesFeature {
  private final AppContext context;
  private final MainWindow window;
  private final ComputeCatalog catalog;
  private final ComputeTargetsViewModel targets;
  private final DatasetsViewModel datasets;
  private final Tab computeTab = new Tab("Compute");
  private final Tab datasetsTab = new Tab("Datasets");
  private final ComputeTargetsView targetsView;
  private final DatasetsView datasetsView;
  /** The Azure sign-in the dialogs list from; {@link AzureSession#NONE} until the app signs in. */
  private final javafx.beans.property.ObjectProperty<AzureSession> azure =
      new javafx.beans.property.SimpleObjectProperty<>(this, "azure", AzureSession.NONE);

  private ComputesFeature(MainWindow window, AppContext context) {
    this.context = context;
    this.window = window;
    catalog = new ComputeCatalog(context, window.problems()::refreshComputes);
    targets = new ComputeTargetsViewModel(context, catalog);
    datasets = new DatasetsViewModel(context, window.palette()::refreshDatasets);
    targetsView = new ComputeTargetsView(targets, this::attach, row -> edit(row.target()), this::linkedServices);
    datasetsView = new DatasetsView(datasets, this::register);
    window.setTabContent(computeTab, targetsView);
    computeTab.setId("computeTab");
    window.setTabContent(datasetsTab, datasetsView);
    datasetsTab.setId("datasetsTab");
    for (Tab t : new Tab[] {computeTab, datasetsTab}) {
      t.setClosable(false);
    }
    window.bottomTabs().getTabs().addAll(computeTab, datasetsTab);
    buildMenu(window.computeMenu());
  }

  /** Adds the Compute and Datasets tabs and the Compute menu's items to the window. */
  public static ComputesFeature install(MainWindow window, AppContext context) {
    return new ComputesFeature(window, context);
  }

  private void buildMenu(Menu menu) {
    MenuItem list = new MenuItem("Compute _targets…");
    list.setId("menuComputeTargets");
    list.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+K"));
    list.setOnAction(e -> showComputeTab());
    Menu attachMenu = new Menu("_Attach Spark pool");
    attachMenu.setId("menuAttach");
    for (ComputeKind kind : ComputeKind.all()) {
      if (kind.id().equals(ComputeKind.LOCAL_PROCESS)) {
        continue;
      }
      MenuItem item = new MenuItem(kind.label() + "…", ComputeIcons.forKind(kind.id()));
      item.setOnAction(e -> attach(kind));
      attachMenu.getItems().add(item);
    }
    MenuItem links = new MenuItem("_Linked services…");
    links.setOnAction(e -> linkedServices());
    MenuItem azureMl = new MenuItem("Azure ML _computes…");
    azureMl.setId("menuAzureMlComputes");
    azureMl.setOnAction(e -> azureMlComputes());
    MenuItem data = new MenuItem("_Datasets…");
    data.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
    data.setOnAction(e -> showDatasetsTab());
    menu.getItems().addAll(list, attachMenu, links, azureMl, new SeparatorMenuItem(), data);
  }

  public void showComputeTab() {
    window.showTab(computeTab);
    roomBelow();
    targetsView.table().requestFocus();
  }

  public void showDatasetsTab() {
    window.showTab(datasetsTab);
    roomBelow();
    datasetsView.tree().requestFocus();
  }

  /** Gives the tabs below the canvas enough height for a list (they start at a quarter of the window). */
  private void roomBelow() {
    javafx.scene.control.SplitPane split = window.verticalSplit();
    if (split.getDividerPositions().length > 0 && split.getDividerPositions()[0] > ROOM_BELOW) {
      split.setDividerPosition(0, ROOM_BELOW);
    }
  }

  private static final double ROOM_BELOW = 0.5;

  /** Opens the attach dialog of {@code kind} (the wizard for a Synapse pool); returns the attached target. */
  public Optional<ComputeTarget> attach(ComputeKind kind) {
    AttachComputeViewModel vm = AttachComputeViewModel.attach(context, catalog, kind, this::azureSession);
    if (ComputeKind.SYNAPSE_SPARK_POOL.equals(kind.id())) {
      SynapsePoolWizard wizard = new SynapsePoolWizard(vm, context.dialogs(), this::linkedServices);
      context.dialogs().show(wizard.dialog());
      return wizard.saved();
    }
    return context.dialogs().show(new AttachComputeDialog(vm, context.dialogs()));
  }

  public Optional<ComputeTarget> edit(ComputeTarget target) {
    if (ComputeKind.of(target.kind()).isEmpty() || ComputeKind.LOCAL_PROCESS.equals(target.kind())) {
      return Optional.empty();
    }
    AttachComputeViewModel vm = AttachComputeViewModel.edit(context, catalog, target, this::azureSession);
    return context.dialogs().show(new AttachComputeDialog(vm, context.dialogs()));
  }

  public void linkedServices() {
    context.dialogs().show(new LinkedServicesDialog(new LinkedServicesViewModel(context, this::azureSession)));
  }

  /** The computes an Azure ML workspace target has in Azure, with Detach. */
  public void azureMlComputes() {
    context.dialogs().show(new AzureMlComputesDialog(new AzureMlComputesViewModel(context, this::azureSession)));
  }

  /**
   * The Azure sign-in the compute dialogs list from (Synapse pools, linked Synapse workspaces, VM
   * sizes, Azure ML computes); {@link AzureSession#NONE} keeps them typed.
   */
  public javafx.beans.property.ObjectProperty<AzureSession> azureSessionProperty() {
    return azure;
  }

  private AzureSession azureSession() {
    AzureSession session = azure.get();
    return session == null ? AzureSession.NONE : session;
  }

  private void register(BrowseItem item) {
    context.dialogs().show(new RegisterDatasetDialog(datasets.register(item.datastore(), item.entry())));
  }

  public ComputeCatalog catalog() {
    return catalog;
  }

  public ComputeTargetsViewModel targets() {
    return targets;
  }

  public DatasetsViewModel datasets() {
    return datasets;
  }

  public Tab computeTab() {
    return computeTab;
  }

  public Tab datasetsTab() {
    return datasetsTab;
  }

  public DatasetsView datasetsView() {
    return datasetsView;
  }
}
