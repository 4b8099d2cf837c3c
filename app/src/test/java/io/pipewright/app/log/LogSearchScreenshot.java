package io.pipewright.app.log;

import io.pipewright.app.DesignerApp;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunHandle;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Takes docs/screenshots/designer-log-search.png: the designer whose Log tab shows a step's 200 MB
 * Spark-like driver log, searched for an exception. Run on a display (Xvfb):
 * {@code java -cp … io.pipewright.app.log.LogSearchScreenshot OUT.png [MB]}.
 */
public final class LogSearchScreenshot {
  private static String runId;
  private static Path home;

  private LogSearchScreenshot() {}

  public static void main(String[] args) throws Exception {
    home = Files.createTempDirectory("pipewright-log-shot");
    Path log = home.resolve("spark-driver.log");
    long mb = args.length > 1 ? Long.parseLong(args[1]) : 200;
    SparkLikeLog.write(log, mb << 20, 5);
    Files.createDirectories(home.resolve("src"));
    try (LocalWorkspace workspace = LocalWorkspace.open(home)) {
      RunHandle run = LogSteps.finished(workspace, home.resolve("src"), "cat " + log);
      runId = run.runId();
    }
    Files.delete(log);
    Application.launch(Shot.class, args);
  }

  /** The designer; its Log tab opened on the step's log, searched, then photographed. */
  public static final class Shot extends Application {
    private final DesignerApp app = new DesignerApp();

    @Override
    public void start(Stage stage) throws Exception {
      Path out = Path.of(getParameters().getRaw().get(0));
      app.start(stage, home);
      if (Boolean.getBoolean("pipewright.shot.dark")) {
        io.pipewright.app.designer.Theme.apply(true);
      }
      stage.setWidth(1600);
      stage.setHeight(1000);
      MainWindow window = (MainWindow) stage.getScene().getRoot();
      later(3, () -> {
        window.verticalSplit().setDividerPositions(0.38);
        window.showTab(window.logTab()); // its content is made when first shown
        LogView view = (LogView) window.logTab().getContent();
        LogViewModel model = view.viewModel();
        model.reveal(runId, "a", LogStream.DRIVER_STDOUT, 1);
        later(2, () -> {
          model.queryProperty().set("IllegalStateException");
          later(4, () -> {
            model.next();
            model.next();
            later(2, () -> {
              try {
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", new File(out.toString()));
              } catch (Exception e) {
                e.printStackTrace();
              }
              app.stop();
              Platform.exit();
            });
          });
        });
      });
    }

    private static void later(double seconds, Runnable action) {
      PauseTransition p = new PauseTransition(Duration.seconds(seconds));
      p.setOnFinished(e -> action.run());
      p.play();
    }
  }
}
