package io.pipewright.app.designer;

import io.pipewright.app.DesignerApp;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineEdits;
import io.pipewright.model.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The whole designer in a process of its own, used as a user would, for {@link DesignerKillTest} to
 * kill: on the workspace {@code args[0]} (headless under Monocle, as the robot tests), it edits the
 * open pipeline's description ("edit N") every {@link #PACE_MILLIS} and clicks Run (and Run in the
 * dialog, regenerating outputs) whenever Run is enabled, so runs follow each other. After each edit it appends {@code
 * edit N EPOCH_MILLIS} to {@code args[1]}: what the test knows was edited, and when.
 */
public final class KillableDesigner {
  /** Between two edits: the harness's pace, not a wait for something. */
  static final long PACE_MILLIS = 250;

  private KillableDesigner() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    Path edits = Path.of(args[1]);
    DesignerApp app = new DesignerApp();
    Stage[] stage = new Stage[1];
    CompletableFuture<Void> up = new CompletableFuture<>();
    Platform.startup(() -> {
      try {
        stage[0] = new Stage();
        app.start(stage[0], home);
        up.complete(null);
      } catch (RuntimeException e) {
        up.completeExceptionally(e);
      }
    });
    up.get(60, TimeUnit.SECONDS);
    // Told by the designer's own properties when its workspace and pipeline file are open.
    CompletableFuture<Void> open = new CompletableFuture<>();
    Platform.runLater(() -> {
      AppContext context = app.context();
      InvalidationListener check = o -> {
        if (context.workspace().isPresent() && context.document().file().isPresent()) {
          open.complete(null);
        }
      };
      context.workspaceProperty().addListener(check);
      context.document().fileProperty().addListener(check);
      context.documentProperty().addListener((o, was, now) -> {
        now.fileProperty().addListener(check);
        check.invalidated(o);
      });
      check.invalidated(null);
    });
    try {
      open.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the designer did not open its workspace and pipeline within 60 s", e);
    }
    for (int n = 1; ; n++) {
      String description = "edit " + n;
      onFx(() -> {
        Pipeline p = app.context().document().pipeline();
        app.context().document().edit("Describe", PipelineEdits.describe(p.name(), description, p.defaultCompute()));
        return true;
      });
      Files.writeString(edits, description + " " + System.currentTimeMillis() + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      Platform.runLater(() -> clickRun(stage[0]));
      Thread.sleep(PACE_MILLIS);
    }
  }

  /** Clicks Run when it is enabled, then Run in the dialog it opens (shown modal: answered from a later pulse). */
  private static void clickRun(Stage stage) {
    Button run = (Button) stage.getScene().lookup("#runButton");
    if (run == null || run.isDisabled() || Window.getWindows().stream().anyMatch(w -> w.getScene() != null
        && w.getScene().lookup("#runDialog") != null)) {
      return;
    }
    Platform.runLater(() -> confirmRunDialog(100));
    run.fire();
  }

  private static void confirmRunDialog(int pulsesLeft) {
    for (Window w : Window.getWindows()) {
      if (w.getScene() != null && w.getScene().lookup("#runDialog") != null) {
        // Every run runs its steps: reused steps would end a run at once.
        if (w.getScene().lookup("#regenerateOutputs") instanceof javafx.scene.control.CheckBox regenerate) {
          regenerate.setSelected(true);
        }
        w.getScene().getRoot().lookupAll(".button").stream()
            .filter(b -> b instanceof Button button && "Run".equals(button.getText()))
            .findFirst().ifPresent(b -> ((Button) b).fire());
        return;
      }
    }
    if (pulsesLeft > 0) {
      Platform.runLater(() -> confirmRunDialog(pulsesLeft - 1)); // not shown yet
    }
  }

  private static <T> T onFx(Supplier<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(action.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(30, TimeUnit.SECONDS);
  }
}
