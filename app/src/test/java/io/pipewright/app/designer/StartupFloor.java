package io.pipewright.app.designer;

import atlantafx.base.theme.PrimerLight;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * The floor of bench/startup: the least a JavaFX window of this size costs on this machine, with
 * the designer's JVM options, theme and kind of class-data archive: a menu bar and a label, nothing
 * else. Its first frame is taken the way the designer's is ({@code StartupReport}: at the start of
 * the pulse after the one that laid out and painted the window) and written to the file named by
 * {@code -Dpipewright.startup.report} as {@code first_frame_epoch_ms=…}, with the FX thread's CPU time
 * until then ({@code fx_cpu_ms=…}); then it exits.
 */
public final class StartupFloor {
  private StartupFloor() {}

  public static void main(String[] args) {
    Application.launch(Window.class, args);
  }

  /** The window (a separate class: a main class that extends Application fails on the class path). */
  public static final class Window extends Application {
    @Override
    public void start(Stage stage) {
      Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
      BorderPane root = new BorderPane(new Label("Pipewright"));
      root.setTop(new MenuBar(new Menu("_File"), new Menu("_Edit"), new Menu("_View")));
      Scene scene = new Scene(root, 1440, 900);
      stage.setScene(scene);
      stage.setTitle("Startup floor");
      scene.addPostLayoutPulseListener(new Runnable() {
        @Override
        public void run() {
          scene.removePostLayoutPulseListener(this);
          scene.addPreLayoutPulseListener(() -> report(System.currentTimeMillis()));
          Platform.requestNextPulse();
        }
      });
      stage.show();
    }

    private static void report(long now) {
      String file = System.getProperty("pipewright.startup.report");
      try {
        if (file != null) {
          long fxCpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
          Files.writeString(Path.of(file), "first_frame_epoch_ms=" + now + "\nfx_cpu_ms=" + fxCpu + "\n",
              StandardCharsets.UTF_8);
        }
      } catch (java.io.IOException e) {
        e.printStackTrace();
      } finally {
        Platform.exit();
      }
    }
  }
}
