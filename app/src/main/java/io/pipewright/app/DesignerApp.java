package io.pipewright.app;

import io.pipewright.app.compute.PasswordDialogPrompt;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainViewModel;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.designer.Theme;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.files.DesignerState;
import io.pipewright.app.files.FilesFeature;
import io.pipewright.app.files.StartupReport;
import io.pipewright.app.fx.FxDialogService;
import io.pipewright.app.fx.FxTaskExecutor;
import io.pipewright.app.run.RunFeature;
import io.pipewright.app.samples.SampleData;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.Workspace;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The designer. The window shows at once, where and as large as it was; the workspace opens in the
 * background. The last pipeline (on a first start, the Titanic sample) is read while JavaFX starts:
 * when it is read by the time the window is built, the window shows with it, else with an empty
 * canvas, and it appears when it is read ({@link FilesFeature}).
 */
public final class DesignerApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(DesignerApp.class);

  /** What main began to read for the window (the remembered state, the first document), or null. */
  private static volatile FilesFeature.Preload preload;

  private FxTaskExecutor executor;
  private AppContext context;
  private DesignerState remembered;

  /**
   * Started by {@code Launcher} (a main class that extends Application fails on the class path): the
   * designer on {@code file} (a pipeline named on the command line, as a double-click in a file
   * manager does), or on the last file or the sample when it is empty.
   */
  public static void launchDesigner(Optional<Path> file) {
    // Read while JavaFX starts.
    preload = FilesFeature.preloadInBackground(home(), file.map(f -> f.toAbsolutePath().normalize()));
    Application.launch(DesignerApp.class);
  }

  @Override
  public void init() {
    remembered = preload != null ? preload.awaitState() : FilesFeature.preload(home());
  }

  @Override
  public void start(Stage stage) {
    start(stage, home());
  }

  /** Starts on the workspace at {@code home} (tests give a temporary one). */
  public void start(Stage stage, Path home) {
    if (remembered == null) {
      remembered = FilesFeature.preload(home); // started without init(), as tests do
    }
    StartupReport.mark("start");
    Theme.apply(false);
    StartupReport.mark("theme");
    executor = new FxTaskExecutor();
    context = new AppContext(executor, new FxDialogService(stage), PipelineDocument.empty(), home);
    context.setBrowser(this::openInBrowser);
    MainViewModel viewModel = new MainViewModel(context);
    viewModel.darkProperty().addListener((o, a, dark) -> Theme.apply(dark));
    MainWindow window = new MainWindow(viewModel);
    StartupReport.mark("window");
    io.pipewright.app.compute.ComputesFeature computes = io.pipewright.app.compute.ComputesFeature.install(window, context);
    io.pipewright.app.properties.PropertiesFeature.install(window, context);
    io.pipewright.app.history.RunsFeature.install(window, context, RunFeature.install(window, context));
    io.pipewright.app.azure.AzureFeature azure =
        io.pipewright.app.azure.AzureFeature.install(window, context, this::openInBrowser);
    // The compute dialogs list from Azure while someone is signed in, and stay typed otherwise.
    computes.azureSessionProperty().bind(javafx.beans.binding.Bindings.when(azure.model().signedInBinding())
        .<io.pipewright.workspace.AzureSession>then(context.azureSession())
        .otherwise(io.pipewright.workspace.AzureSession.NONE));
    About.install(window, context);
    StartupReport.mark("features");

    Scene scene = new Scene(window, 1440, 900);
    Theme.style(scene);
    stage.setScene(scene);
    stage.titleProperty().bind(viewModel.titleBinding());
    // The first document, when main's reading of it is done, goes into the window before it shows.
    FilesFeature.install(stage, window, viewModel, home, remembered, home.equals(home()) ? preload : null);
    StartupReport.mark("files");
    stage.show();
    StartupReport.mark("shown");
    openWorkspace(home);
  }

  /** Opens a web page in the system browser (the device-code sign-in's link). */
  private void openInBrowser(String url) {
    try {
      getHostServices().showDocument(url);
    } catch (RuntimeException e) {
      LOG.warn("Cannot open {} in the browser", url, e);
      context.dialogs().showInformation("Open this page", "Pipewright could not open the browser. Open " + url
          + " in a browser yourself.");
    }
  }

  static Path home() {
    return LocalWorkspace.defaultHome();
  }

  private void openWorkspace(Path home) {
    context.statusProperty().set("Opening workspace " + home + "…");
    executor.submit(() -> {
      LocalWorkspace ws = LocalWorkspace.open(home);
      ws.setPasswordPrompt(new PasswordDialogPrompt(executor, context.dialogs()));
      SampleData.seed(ws);
      return ws;
    }, ws -> {
      context.workspaceProperty().set(ws);
      context.statusProperty().set("Workspace " + home);
    }, e -> {
      LOG.error("Cannot open the workspace {}", home, e);
      context.dialogs().showError("Cannot open the workspace",
          "Pipewright could not open its workspace in " + home + ": " + e.getMessage());
    });
  }

  /** What the views share, once {@code start} has run (for tests that drive the whole designer). */
  public AppContext context() {
    return context;
  }

  @Override
  public void stop() {
    if (context != null) {
      context.workspace().ifPresent(Workspace::close);
    }
    if (executor != null) {
      executor.close();
    }
  }

}
