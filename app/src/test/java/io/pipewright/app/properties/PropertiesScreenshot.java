package io.pipewright.app.properties;

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
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Takes the screenshot in docs/screenshots: the designer on the Titanic sample with "Prepare data"
 * selected. Run on a display (Xvfb): {@code java -cp … PropertiesScreenshot OUT.png [WORKSPACE]}.
 */
public final class PropertiesScreenshot {
  private PropertiesScreenshot() {}

  public static void main(String[] args) {
    Application.launch(Shot.class, args);
  }

  /** The window, shown and photographed once the compute targets are read. */
  public static final class Shot extends Application {
    @Override
    public void start(Stage stage) throws Exception {
      Path out = Path.of(getParameters().getRaw().get(0));
      Path home = getParameters().getRaw().size() > 1 ? Path.of(getParameters().getRaw().get(1))
          : Files.createTempDirectory("pipewright-shot");
      Path file = Samples.titanic(home);
      LocalWorkspace workspace = LocalWorkspace.open(home);
      Theme.apply(false);
      FxTaskExecutor executor = new FxTaskExecutor();
      AppContext context = new AppContext(executor, new FxDialogService(stage),
          new PipelineDocument(PipelineFormat.read(file).pipeline(), file));
      MainWindow window = new MainWindow(new MainViewModel(context));
      io.pipewright.app.compute.ComputesFeature.install(window, context);
      PropertiesFeature.install(window, context);
      context.workspaceProperty().set(workspace);
      Scene scene = new Scene(window, 1600, 1000);
      Theme.style(scene);
      stage.setScene(scene);
      stage.setTitle("titanic.pipeline.json — Pipewright");
      stage.show();
      window.horizontalSplit().setDividerPositions(0.15, 0.66);
      window.verticalSplit().setDividerPositions(0.84);
      PauseTransition settle = new PauseTransition(Duration.seconds(2));
      settle.setOnFinished(e -> {
        window.canvas().select("prep");
        PauseTransition shown = new PauseTransition(Duration.seconds(2));
        shown.setOnFinished(x -> {
          try {
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", new File(out.toString()));
            if (System.getProperty("pipewright.shot.panel") != null) {
              javafx.scene.Node content = ((javafx.scene.control.ScrollPane) window.lookup("#properties")
                  .lookup(".scroll-pane")).getContent();
              ImageIO.write(SwingFXUtils.fromFXImage(content.snapshot(null, null), null), "png",
                  new File(System.getProperty("pipewright.shot.panel")));
            }
            if (System.getProperty("pipewright.shot.invalid") != null) {
              ((javafx.scene.control.TextField) window.lookup("#driverMemory")).setText("4x");
              ((javafx.scene.control.TextField) window.lookup("#executorCores")).setText("3");
              window.layout();
              ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png",
                  new File(System.getProperty("pipewright.shot.invalid")));
            }
          } catch (Exception ex) {
            ex.printStackTrace();
          }
          executor.close();
          workspace.close();
          Platform.exit();
        });
        shown.play();
      });
      settle.play();
    }
  }
}
