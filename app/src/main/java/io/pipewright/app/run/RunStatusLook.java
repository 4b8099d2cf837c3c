package io.pipewright.app.run;

import io.pipewright.graph.view.StatusColors;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.workspace.RunStatus;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** How a step's status looks in lists: one icon and one colour per status, the canvas's colours. */
public record RunStatusLook(RunStatus status, boolean skipped) {

  public static RunStatusLook of(StepRunState state) {
    return new RunStatusLook(state.status(), state.isSkipped());
  }

  public String label() {
    return skipped ? "Not run" : status.label();
  }

  public Ikon ikon() {
    if (skipped) {
      return MaterialDesignM.MINUS_CIRCLE_OUTLINE;
    }
    switch (status) {
      case QUEUED:
      case PREPARING:
      case NOT_STARTED:
        return MaterialDesignC.CLOCK_OUTLINE;
      case RUNNING:
        return MaterialDesignP.PLAY_CIRCLE;
      case FINALIZING:
        return MaterialDesignP.PROGRESS_CHECK;
      case COMPLETED:
        return MaterialDesignC.CHECK_CIRCLE;
      case FAILED:
        return MaterialDesignC.CLOSE_CIRCLE;
      case CANCELED:
        return MaterialDesignS.STOP_CIRCLE;
      case REUSED:
      default:
        return MaterialDesignR.RECYCLE;
    }
  }

  /** The canvas's status of a run or step that has ended (for the history: nothing is waiting any more). */
  public static NodeStatus endedNodeStatus(RunStatus status, boolean skipped) {
    return RunDecorations.nodeStatus(status, skipped, true);
  }

  public Color color() {
    NodeStatus s = RunDecorations.nodeStatus(status, skipped, false);
    // The canvas's pale grey of skipped steps is too light for an icon on white.
    return s == NodeStatus.SKIPPED || s == NodeStatus.QUEUED ? Color.web("#64748b") : StatusColors.of(s);
  }

  public FontIcon icon() {
    FontIcon icon = new FontIcon(ikon());
    icon.setIconSize(16);
    // Inline, so that the theme's icon colour for table cells does not win.
    Color c = color();
    // (Added to the icon's own inline style, which names its font.)
    icon.setStyle(icon.getStyle() + String.format(java.util.Locale.ROOT, "; -fx-icon-color: rgb(%d, %d, %d);",
        Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255)));
    return icon;
  }
}
