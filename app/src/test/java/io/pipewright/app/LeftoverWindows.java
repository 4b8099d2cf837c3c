package io.pipewright.app;

import java.util.List;
import javafx.application.Platform;
import javafx.stage.Window;
import org.testfx.api.FxRobot;

/**
 * Robot tests share one JavaFX toolkit and primary stage. Monocle remembers the window the pointer
 * was last over: when a test ends with it over a tooltip or a context menu, the next test's first
 * drag-and-drop sends a leave to that window, which never saw the drag enter, and the drag fails
 * ({@code dropTargetAssistant is null}). Tests hide every window but the primary stage when they
 * end, and put the pointer back over the primary stage.
 */
public final class LeftoverWindows {
  private LeftoverWindows() {}

  /** Hides every window but {@code keep}; call on the FX thread. */
  public static void hideAllBut(Window keep) {
    if (!Platform.isFxApplicationThread()) {
      throw new IllegalStateException("call on the FX thread");
    }
    for (Window w : List.copyOf(Window.getWindows())) {
      if (w != keep && w.isShowing()) {
        w.hide();
      }
    }
  }

  /** Hides every window but the primary stage of the tests. */
  public static void hide(FxRobot robot) {
    Window primary = org.testfx.api.FxToolkit.toolkitContext().getRegisteredStage();
    robot.interact(() -> hideAllBut(primary));
    if (primary != null && primary.isShowing()) {
      robot.moveTo(new javafx.geometry.Point2D(primary.getX() + primary.getWidth() / 2,
          primary.getY() + primary.getHeight() / 2));
    }
  }
}
