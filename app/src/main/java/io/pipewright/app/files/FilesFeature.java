package io.pipewright.app.files;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainViewModel;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.designer.PanelLayout;
import io.pipewright.app.document.Icons;
import io.pipewright.local.LocalWorkspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and safety in the main window: the File menu (New, Open, Open recent, Save, Save As, Quit)
 * and its toolbar buttons, the unsaved-changes prompt on close, the autosave journal, the window
 * state remembered across starts (place, size, dividers, theme, recent files, last file) and the
 * View ▸ Dark theme toggle. {@link #install} is the one entry point, called before the stage shows.
 */
public final class FilesFeature {
  private static final Logger LOG = LoggerFactory.getLogger(FilesFeature.class);
  private static final Object SAVE_STATE = new Object();

  private final Stage stage;
  private final MainWindow window;
  private final MainViewModel main;
  private final AppContext context;
  private final DesignerStateStore store;
  private final FilesViewModel files;
  private final AzureMlYamlViewModel azureMlYaml;
  private DesignerState.Bounds normalBounds;

  private FilesFeature(Stage stage, MainWindow window, MainViewModel main, Path home, DesignerState state) {
    this.stage = stage;
    this.window = window;
    this.main = main;
    this.context = main.context();
    this.store = DesignerStateStore.in(home);
    this.files = new FilesViewModel(context, home, Journal.newSession(home), state.recentFiles());
    this.azureMlYaml = new AzureMlYamlViewModel(context, files, LocalWorkspace::sqlDriverJar);
    restore(state);
  }

  /**
   * Reads the remembered state (a small file: call from {@code Application.init}, off the FX thread,
   * so that the window opens in its old place at once).
   */
  public static DesignerState preload(Path home) {
    return DesignerStateStore.in(home).load();
  }

  /**
   * Begins reading, on a thread of its own, what the designer's window opens with: the remembered
   * state, then the first document (the last file, or the sample). Called from {@code main} before
   * JavaFX starts, it reads while JavaFX starts (another core's work), so that the window is
   * built and styled once, with its document, instead of empty first and again when the document
   * arrives (bench/startup).
   */
  public static Preload preloadInBackground(Path home, Optional<Path> requested) {
    Preload preload = new Preload(requested, new java.util.concurrent.CompletableFuture<>(),
        new java.util.concurrent.CompletableFuture<>());
    Thread reader = new Thread(() -> {
      DesignerState state;
      try {
        state = preload(home);
        preload.state().complete(state);
      } catch (RuntimeException e) {
        preload.state().completeExceptionally(e);
        preload.firstDocument().completeExceptionally(e);
        return;
      }
      try {
        preload.firstDocument().complete(FilesViewModel.Start.find(home, requested.or(state::last)));
      } catch (Exception | LinkageError e) {
        preload.firstDocument().completeExceptionally(e);
      }
    }, "designer-preload");
    reader.setDaemon(true);
    reader.start();
    return preload;
  }

  /**
   * What {@link #preloadInBackground} reads: the remembered state, then the first document (the file
   * named on the command line when one was, {@link #requested}).
   */
  public static final class Preload {
    private final Optional<Path> requested;
    private final java.util.concurrent.CompletableFuture<DesignerState> state;
    private final java.util.concurrent.CompletableFuture<FilesViewModel.Start> firstDocument;

    Preload(Optional<Path> requested, java.util.concurrent.CompletableFuture<DesignerState> state,
        java.util.concurrent.CompletableFuture<FilesViewModel.Start> firstDocument) {
      this.requested = requested;
      this.state = state;
      this.firstDocument = firstDocument;
    }

    /** The file named on the command line ({@code pipewright FILE}, a double-click), or none. */
    Optional<Path> requested() {
      return requested;
    }

    /** The remembered state; waits for its reading (a small file: not on the FX thread). */
    public DesignerState awaitState() {
      return state.join();
    }

    java.util.concurrent.CompletableFuture<DesignerState> state() {
      return state;
    }

    java.util.concurrent.CompletableFuture<FilesViewModel.Start> firstDocument() {
      return firstDocument;
    }
  }

  /**
   * Adds files, journal, window state and theme to the window of the workspace directory
   * {@code home}, as {@code remembered} (from {@link #preload}) left them; call before
   * {@code stage.show()}.
   */
  public static FilesFeature install(Stage stage, MainWindow window, MainViewModel main, Path home,
      DesignerState remembered) {
    return install(stage, window, main, home, remembered, null);
  }

  /**
   * As {@link #install(Stage, MainWindow, MainViewModel, Path, DesignerState)}, with the first
   * document that {@link #preloadInBackground} began to read ({@code preload}, or null).
   */
  public static FilesFeature install(Stage stage, MainWindow window, MainViewModel main, Path home,
      DesignerState remembered, Preload preload) {
    FilesFeature feature = new FilesFeature(stage, window, main, home, remembered);
    feature.buildMenus();
    feature.watch();
    StartupReport.install(stage, feature.files.startedProperty(), main.context().executor());
    Optional<Path> requested = preload == null ? Optional.empty() : preload.requested();
    if (requested.isPresent()) {
      feature.files.startWith(requested.get(), preload.firstDocument());
    } else {
      feature.files.start(remembered.last(), preload == null ? null : preload.firstDocument());
    }
    return feature;
  }

  public FilesViewModel files() {
    return files;
  }

  public AzureMlYamlViewModel azureMlYaml() {
    return azureMlYaml;
  }

  // ------------------------------------------------------------------------------------- menus

  private void buildMenus() {
    Menu recent = new Menu("Open _recent");
    recent.setId("openRecentMenu");
    recent.getItems().add(new MenuItem("(none)"));
    rebuildRecent(recent);
    files.recent().addListener((ListChangeListener<RecentFiles.Entry>) c -> rebuildRecent(recent));
    MenuItem newItem = item("_New", "Shortcut+N", files::newDocument);
    MenuItem open = item("_Open…", "Shortcut+O", files::open);
    MenuItem save = item("_Save", "Shortcut+S", files::save);
    MenuItem saveAs = item("Save _As…", "Shortcut+Shift+S", files::saveAs);
    MenuItem quit = item("_Quit", "Shortcut+Q", this::requestClose);
    MenuItem importYaml = item("_Import Azure ML YAML…", null, azureMlYaml::importYaml);
    importYaml.setId("importAzureMlYamlItem");
    MenuItem exportYaml = item("_Export as Azure ML YAML…", null, azureMlYaml::exportYaml);
    exportYaml.setId("exportAzureMlYamlItem");
    window.fileMenu().setOnShowing(e -> files.refreshRecent());
    window.fileMenu().getItems().addAll(0, List.of(newItem, open, recent, new SeparatorMenuItem(), save, saveAs,
        new SeparatorMenuItem(), importYaml, exportYaml, new SeparatorMenuItem(), quit));

    CheckMenuItem dark = new CheckMenuItem("_Dark theme");
    dark.setId("darkThemeItem");
    dark.selectedProperty().bindBidirectional(main.darkProperty());
    window.viewMenu().getItems().addAll(new SeparatorMenuItem(), dark);

    window.toolBar().getItems().addAll(0, List.of(
        button(MaterialDesignF.FILE_OUTLINE, "New (Ctrl+N)", files::newDocument),
        button(MaterialDesignF.FOLDER_OPEN_OUTLINE, "Open (Ctrl+O)", files::open),
        button(MaterialDesignC.CONTENT_SAVE_OUTLINE, "Save (Ctrl+S)", files::save),
        new Separator()));
  }

  private void rebuildRecent(Menu menu) {
    List<MenuItem> items = new ArrayList<>();
    int n = 1;
    for (RecentFiles.Entry e : files.recent()) {
      String mnemonic = n <= 9 ? "_" + n + "  " : n + "  ";
      MenuItem item = new MenuItem(mnemonic + e.label() + (e.exists() ? "" : "  (missing)"));
      item.setMnemonicParsing(true);
      item.setDisable(!e.exists());
      item.setOnAction(a -> files.openRecent(e));
      items.add(item);
      n++;
    }
    if (items.isEmpty()) {
      MenuItem none = new MenuItem("No recent files");
      none.setDisable(true);
      items.add(none);
    } else {
      items.add(new SeparatorMenuItem());
      items.add(item("_Clear recent files", null, files::clearRecent));
    }
    menu.getItems().setAll(items);
  }

  private static MenuItem item(String text, String accelerator, Runnable action) {
    MenuItem item = new MenuItem(text);
    if (accelerator != null) {
      item.setAccelerator(KeyCombination.keyCombination(accelerator));
    }
    item.setOnAction(e -> action.run());
    return item;
  }

  private static Button button(Ikon ikon, String tip, Runnable action) {
    Button b = new Button(null, Icons.of(ikon));
    io.pipewright.app.fx.Tips.install(b, tip);
    b.getStyleClass().addAll("flat", "button-icon");
    b.setOnAction(e -> action.run());
    b.setFocusTraversable(false);
    return b;
  }

  // ----------------------------------------------------------------------- journal, close, state

  private void watch() {
    context.executor().every(FilesViewModel.AUTOSAVE_PERIOD, files::autosave);
    stage.setOnCloseRequest(e -> {
      e.consume();
      requestClose();
    });
    // Remember the state soon after it changes, so that a crash loses little of it.
    files.recent().addListener((ListChangeListener<RecentFiles.Entry>) c -> saveStateSoon());
    main.darkProperty().addListener((o, a, b) -> saveStateSoon());
    for (PanelLayout.Panel p : PanelLayout.Panel.values()) {
      window.panels().shownProperty(p).addListener((o, a, b) -> saveStateSoon());
    }
    context.documentProperty().addListener((o, a, doc) -> {
      doc.fileProperty().addListener((p, x, y) -> saveStateSoon());
      saveStateSoon();
    });
    for (javafx.beans.value.ObservableValue<?> v : List.of(stage.xProperty(), stage.yProperty(),
        stage.widthProperty(), stage.heightProperty())) {
      v.addListener((o, a, b) -> {
        if (!stage.isMaximized() && !stage.isIconified()) {
          normalBounds = new DesignerState.Bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
      });
    }
  }

  /** Quit and the window's close button: the prompt, then the state is written and the app exits. */
  public void requestClose() {
    files.close(() -> {
      DesignerState state = capture();
      context.executor().submit(() -> {
        store.save(state);
        return null;
      }, ok -> Platform.exit(), e -> {
        LOG.warn("Cannot remember the window state in {}", store.file(), e);
        Platform.exit();
      });
    });
  }

  private void saveStateSoon() {
    context.executor().debounce(SAVE_STATE, Duration.ofSeconds(1), () -> {
      DesignerState state = capture();
      context.executor().submit(() -> {
        store.save(state);
        return null;
      }, ok -> { }, e -> LOG.warn("Cannot remember the window state in {}", store.file(), e));
    });
  }

  /** The state to remember, read from the window (FX thread). */
  DesignerState capture() {
    DesignerState.Bounds bounds = normalBounds != null ? normalBounds
        : new DesignerState.Bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
    Path last = context.document().file().orElse(null);
    PanelLayout panels = window.panels();
    List<String> hidden = panels.hidden().stream().map(PanelLayout.Panel::key).toList();
    return new DesignerState(bounds, stage.isMaximized(), dividers(panels.horizontalDividers()),
        dividers(panels.verticalDividers()), main.darkProperty().get(), files.recentPaths(), last, hidden);
  }

  private static List<Double> dividers(double[] positions) {
    List<Double> result = new ArrayList<>();
    for (double d : positions) {
      result.add(Math.round(d * 10000) / 10000.0);
    }
    return result;
  }

  /** Applies the remembered state before the window shows. */
  private void restore(DesignerState state) {
    main.darkProperty().set(state.dark());
    state.windowBounds().filter(FilesFeature::onSomeScreen).ifPresent(b -> {
      stage.setX(b.x());
      stage.setY(b.y());
      stage.setWidth(b.width());
      stage.setHeight(b.height());
      normalBounds = b;
    });
    stage.setMaximized(state.maximized());
    PanelLayout panels = window.panels();
    panels.restore(state.horizontalDividers(), state.verticalDividers());
    for (PanelLayout.Panel p : PanelLayout.Panel.values()) {
      panels.shownProperty(p).set(!state.hiddenPanels().contains(p.key()));
    }
  }

  /** A window whose title bar would be off every screen is placed by the system instead. */
  private static boolean onSomeScreen(DesignerState.Bounds b) {
    return !Screen.getScreensForRectangle(new Rectangle2D(b.x(), b.y(), Math.max(1, b.width()), 32)).isEmpty();
  }
}
