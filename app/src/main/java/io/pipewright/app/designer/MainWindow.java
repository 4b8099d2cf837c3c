package io.pipewright.app.designer;

import io.pipewright.app.canvas.CanvasPane;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.Icons;
import io.pipewright.app.fx.Tips;
import io.pipewright.app.palette.PaletteView;
import io.pipewright.app.palette.PaletteViewModel;
import io.pipewright.app.problems.ProblemsView;
import io.pipewright.app.problems.ProblemsViewModel;
import io.pipewright.graph.view.GraphColors;
import io.pipewright.graph.view.GraphView;
import io.pipewright.model.Diagnostic;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/**
 * The main window: menu bar and toolbar on top, the palette on the left, the canvas in the middle,
 * the property panel on the right and the Problems, Runs and Log tabs below. It only builds controls
 * and binds them; what happens lives in the view models.
 */
public final class MainWindow extends BorderPane {
  private final MainViewModel viewModel;
  private final AppContext context;
  private final PaletteViewModel palette;
  private final ProblemsViewModel problems;
  private final CanvasPane canvas;
  private final StackPane propertiesSlot = new StackPane();
  private final TabPane bottomTabs = new TabPane();
  private final Tab problemsTab = new Tab("Problems");
  private final Tab runsTab = new Tab("Runs");
  private final Tab logTab = new Tab("Log");
  private final MenuBar menuBar = new MenuBar();
  private final ToolBar toolBar = new ToolBar();
  private final SplitPane horizontal = new SplitPane();
  private final SplitPane vertical = new SplitPane();
  private final Menu fileMenu = new Menu("_File");
  private final Menu editMenu = new Menu("_Edit");
  private final Menu viewMenu = new Menu("_View");
  private final Menu runMenu = new Menu("_Run");
  private final Menu computeMenu = new Menu("_Compute");
  private final Menu helpMenu = new Menu("_Help");
  private final PanelLayout panels;
  private final HBox statusBar = new HBox(12);
  private final java.util.List<Consumer<Diagnostic>> problemHandlers = new java.util.ArrayList<>();

  public MainWindow(MainViewModel viewModel) {
    this.viewModel = viewModel;
    this.context = viewModel.context();
    getStyleClass().add("main-window");
    palette = new PaletteViewModel(context);
    problems = new ProblemsViewModel(context);
    canvas = new CanvasPane(context, palette);
    canvas.colorsProperty().bind(Bindings.when(viewModel.darkProperty()).then(GraphColors.DARK)
        .otherwise(GraphColors.LIGHT));

    PaletteView paletteView = new PaletteView(palette, canvas::placeInView);
    paletteView.setMinWidth(180);
    propertiesSlot.setMinWidth(260);
    propertiesSlot.getStyleClass().add("properties-slot");
    SplitPane.setResizableWithParent(paletteView, false);
    SplitPane.setResizableWithParent(propertiesSlot, false);

    problemsTab.setContent(new ProblemsView(problems, () -> context.document().pipeline(), this::openProblem));
    problemsTab.textProperty().bind(Bindings.concat("Problems (", Bindings.size(problems.problems()), ")"));
    for (Tab t : new Tab[] {problemsTab, runsTab, logTab}) {
      t.setClosable(false);
    }
    bottomTabs.getTabs().setAll(problemsTab, runsTab, logTab);
    bottomTabs.setMinHeight(0);
    vertical.setOrientation(Orientation.VERTICAL);
    SplitPane.setResizableWithParent(bottomTabs, false);
    panels = new PanelLayout(horizontal, vertical, paletteView, canvas, propertiesSlot, bottomTabs);

    buildMenus();
    buildToolBar();
    setTop(new VBox(menuBar, toolBar));
    setCenter(vertical);
    setBottom(statusBar());
  }

  private void buildMenus() {
    MenuItem undo = item("_Undo", "Shortcut+Z", viewModel::undo);
    undo.textProperty().bind(Bindings.createStringBinding(() -> {
      String d = viewModel.undoStack().undoDescription();
      return d == null || d.isEmpty() ? "_Undo" : "_Undo " + d;
    }, context.documentProperty(), Bindings.select(context.documentProperty(), "undoStack", "undoDescription")));
    undo.disableProperty().bind(Bindings.selectBoolean(context.documentProperty(), "undoStack", "canUndo").not());
    MenuItem redo = item("_Redo", "Shortcut+Y", viewModel::redo);
    redo.disableProperty().bind(Bindings.selectBoolean(context.documentProperty(), "undoStack", "canRedo").not());
    editMenu.getItems().addAll(undo, redo, new SeparatorMenuItem(),
        item("_Find step…", "Shortcut+F", this::findStep));
    viewMenu.getItems().addAll(
        item("Zoom _in", "Shortcut+Plus", () -> canvas.view().zoomIn()),
        item("Zoom _out", "Shortcut+Minus", () -> canvas.view().zoomOut()),
        item("_Fit to window", "Shortcut+0", () -> canvas.view().fitToView()),
        item("_Actual size", "Shortcut+1", () -> canvas.view().zoomToActualSize()),
        item("Arrange _layout", "Shortcut+L", () -> canvas.view().autoLayout()),
        new SeparatorMenuItem(),
        panelItem("_Palette", "Shortcut+Shift+1", PanelLayout.Panel.PALETTE),
        panelItem("P_roperties", "Shortcut+Shift+2", PanelLayout.Panel.PROPERTIES),
        panelItem("Problems, runs and lo_g", "Shortcut+Shift+3", PanelLayout.Panel.BOTTOM),
        item("_Canvas only", "Shortcut+M", panels::toggleCanvasOnly));
    runMenu.getItems().add(item("_Validate", "F7", this::validate));
    menuBar.getMenus().setAll(fileMenu, editMenu, viewMenu, runMenu, computeMenu, helpMenu);
    menuBar.setUseSystemMenuBar(true);
  }

  private void buildToolBar() {
    Button undo = toolButton(MaterialDesignU.UNDO, "Undo (Ctrl+Z)", viewModel::undo);
    undo.disableProperty().bind(Bindings.selectBoolean(context.documentProperty(), "undoStack", "canUndo").not());
    Button redo = toolButton(MaterialDesignR.REDO, "Redo (Ctrl+Y)", viewModel::redo);
    redo.disableProperty().bind(Bindings.selectBoolean(context.documentProperty(), "undoStack", "canRedo").not());
    toolBar.getItems().addAll(undo, redo, new Separator(),
        toolButton(MaterialDesignM.MAGNIFY_PLUS_OUTLINE, "Zoom in (Ctrl++)", () -> canvas.view().zoomIn()),
        toolButton(MaterialDesignM.MAGNIFY_MINUS_OUTLINE, "Zoom out (Ctrl+−)", () -> canvas.view().zoomOut()),
        toolButton(MaterialDesignF.FIT_TO_SCREEN_OUTLINE, "Fit to window (Ctrl+0)", () -> canvas.view().fitToView()),
        new Separator());
    Button validate = new Button("Validate", Icons.of(MaterialDesignC.CHECK_ALL));
    validate.setId("validateButton");
    Tips.install(validate, "Check the pipeline now and show its problems (F7); it is also checked as you edit");
    validate.getStyleClass().add("flat");
    validate.setFocusTraversable(false);
    validate.setOnAction(e -> validate());
    toolBar.getItems().add(validate);
  }

  /** Validate (F7): checks the pipeline now, shows the Problems tab and says what was found. */
  public void validate() {
    showTab(problemsTab);
    context.statusProperty().set("Validating…");
    problems.validateNow(found -> context.statusProperty().set(found.isEmpty()
        ? "Validated: no problems" : "Validated: " + problems.summaryBinding().get()));
  }

  private Node statusBar() {
    Label status = new Label();
    status.textProperty().bind(context.statusProperty());
    status.setId("status");
    // A long message gives way (ellipsis, whole in its tooltip); the items on the right keep their size.
    status.setMinWidth(0);
    Tips.install(status, context.statusProperty());
    Label summary = new Label();
    summary.setMinWidth(Region.USE_PREF_SIZE);
    summary.textProperty().bind(problems.summaryBinding());
    summary.setId("problemsSummary");
    summary.setOnMouseClicked(e -> showTab(problemsTab));
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    statusBar.getChildren().setAll(status, grow, summary);
    statusBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    statusBar.getStyleClass().add("status-bar");
    return statusBar;
  }

  /** Adds a feature's item to the status bar, at its right end, before the problems' summary. */
  public void addStatusItem(Node item) {
    if (item instanceof Region region) {
      region.setMinWidth(Region.USE_PREF_SIZE);
    }
    statusBar.getChildren().add(statusBar.getChildren().size() - 1, item);
  }

  /** Ctrl+F: find a step or dataset by name and show it. */
  public void findStep() {
    io.pipewright.app.canvas.FindStepPopup.show(canvas, context.document().pipeline(), canvas::reveal);
  }

  private void openProblem(Diagnostic d) {
    if (d.nodeId() != null) {
      canvas.select(d.nodeId());
    }
    problemHandlers.forEach(h -> h.accept(d));
  }

  private MenuItem panelItem(String text, String accelerator, PanelLayout.Panel panel) {
    CheckMenuItem item = new CheckMenuItem(text);
    item.setAccelerator(KeyCombination.keyCombination(accelerator));
    item.selectedProperty().bindBidirectional(panels.shownProperty(panel));
    item.setId("show-" + panel.key());
    return item;
  }

  /**
   * Gives {@code tab} its content. A tab that is not selected gets it when it is first selected: a
   * tab's controls cost their skins and styling only once they are in the scene, and the tabs
   * nobody looks at would otherwise slow every start (bench/startup).
   */
  public void setTabContent(Tab tab, Node content) {
    setTabContent(tab, () -> content);
  }

  /**
   * As {@link #setTabContent(Tab, Node)}, and the content is also made then: a view that only its
   * tab shows, and that keeps no state of its own, costs nothing at start (bench/startup).
   */
  public void setTabContent(Tab tab, java.util.function.Supplier<? extends Node> content) {
    if (tab.isSelected()) {
      tab.setContent(content.get());
      return;
    }
    tab.setContent(null);
    ChangeListener<Boolean> firstSelection = new ChangeListener<>() {
      @Override
      public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean selected) {
        if (selected) {
          tab.selectedProperty().removeListener(this);
          tab.setContent(content.get());
        }
      }
    };
    tab.selectedProperty().addListener(firstSelection);
  }

  /** Selects {@code tab} below the canvas, showing the tabs first when they are hidden. */
  public void showTab(Tab tab) {
    panels.show(PanelLayout.Panel.BOTTOM);
    bottomTabs.getSelectionModel().select(tab);
  }

  static MenuItem item(String text, String accelerator, Runnable action) {
    MenuItem item = new MenuItem(text);
    if (accelerator != null) {
      item.setAccelerator(KeyCombination.keyCombination(accelerator));
    }
    item.setOnAction(e -> action.run());
    return item;
  }

  static Button toolButton(Ikon ikon, String tip, Runnable action) {
    Button b = new Button(null, Icons.of(ikon));
    Tips.install(b, tip);
    b.getStyleClass().addAll("flat", "button-icon");
    b.setOnAction(e -> action.run());
    b.setFocusTraversable(false);
    return b;
  }

  // ------------------------------------------------ slots for the panels that other parts add

  public CanvasPane canvas() {
    return canvas;
  }

  public GraphView graphView() {
    return canvas.view();
  }

  public PaletteViewModel palette() {
    return palette;
  }

  public ProblemsViewModel problems() {
    return problems;
  }

  public StackPane propertiesSlot() {
    return propertiesSlot;
  }

  public TabPane bottomTabs() {
    return bottomTabs;
  }

  public Tab problemsTab() {
    return problemsTab;
  }

  public Tab runsTab() {
    return runsTab;
  }

  public Tab logTab() {
    return logTab;
  }

  public ToolBar toolBar() {
    return toolBar;
  }

  /** Which panels around the canvas are shown, and how wide. */
  public PanelLayout panels() {
    return panels;
  }

  public SplitPane horizontalSplit() {
    return horizontal;
  }

  public SplitPane verticalSplit() {
    return vertical;
  }

  public Menu fileMenu() {
    return fileMenu;
  }

  public Menu editMenu() {
    return editMenu;
  }

  public Menu viewMenu() {
    return viewMenu;
  }

  public Menu runMenu() {
    return runMenu;
  }

  public Menu computeMenu() {
    return computeMenu;
  }

  public Menu helpMenu() {
    return helpMenu;
  }

  /** Adds a handler run when a problem is opened, after the canvas selected its node. */
  public void onProblemOpened(Consumer<Diagnostic> handler) {
    problemHandlers.add(handler); // by click and by Enter, after the node is selected
  }
}
