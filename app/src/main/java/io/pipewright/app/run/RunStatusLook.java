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

/** One icon and one colour per step status, the colours the canvas uses for the same states. */
final class RunStatusLook {
  private RunStatusLook() {}

  static Ikon ikonOf(StepRunState state) {
    if (state.isSkipped()) {
      return MaterialDesignM.MINUS_CIRCLE_OUTLINE;
    }
    switch (state.status()) {
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

  static Color colorOf(StepRunState state) {
    if (state.status() == RunStatus.CANCELED) {
      return Color.web("#d97706");
    }
    NodeStatus s = RunDecorations.nodeStatus(state, false);
    // The canvas's pale grey of skipped steps is too light for an icon on white.
    return s == NodeStatus.SKIPPED || s == NodeStatus.QUEUED ? Color.web("#64748b") : StatusColors.of(s);
  }

  static FontIcon iconOf(StepRunState state) {
    FontIcon icon = new FontIcon(ikonOf(state));
    icon.setIconSize(16);
    icon.setIconColor(colorOf(state));
    return icon;
  }
}
