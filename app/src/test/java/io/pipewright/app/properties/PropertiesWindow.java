package io.pipewright.app.properties;

import io.pipewright.app.compute.ComputesFeature;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainViewModel;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.designer.Theme;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.FxDialogService;
import io.pipewright.app.fx.FxTaskExecutor;
import io.pipewright.app.samples.Samples;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.PipelineFormat;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window with the property panel on the Titanic sample and a real workspace under
 * {@code home}, 1400×900 in the light theme: what the property panel's robot tests drive.
 */
final class PropertiesWindow {
  final AppContext context;
  final MainWindow window;
  final LocalWorkspace workspace;
  final PropertiesFeature feature;
  private final FxTaskExecutor executor;
  private final Stage stage;

  private PropertiesWindow(Stage stage, Path home) throws Exception {
    this.stage = stage;
    Path file = Samples.titanic(home);
    workspace = LocalWorkspace.open(home);
    executor = new FxTaskExecutor();
    context = new AppContext(executor, new FxDialogService(stage),
        new PipelineDocument(PipelineFormat.read(file).pipeline(), file));
    window = new MainWindow(new MainViewModel(context));
    ComputesFeature.install(window, context);
    feature = PropertiesFeature.install(window, context);
    context.workspaceProperty().set(workspace);
    Scene scene = new Scene(window, 1400, 900);
    Theme.apply(false);
    Theme.style(scene);
    stage.setScene(scene);
    stage.show();
  }

  /** Shows the window on {@code stage} (on the FX thread, from a TestFX {@code @Start}). */
  static PropertiesWindow show(Stage stage, Path home) throws Exception {
    return new PropertiesWindow(stage, home);
  }

  /** Takes the window away, then stops the executor and closes the workspace (after each test). */
  void close() {
    // the window goes first, so that a field left with typing commits while the executor still runs
    WaitForAsyncUtils.asyncFx(() -> stage.setScene(new Scene(new Pane())));
    WaitForAsyncUtils.waitForFxEvents();
    executor.close();
    workspace.close();
  }
}
