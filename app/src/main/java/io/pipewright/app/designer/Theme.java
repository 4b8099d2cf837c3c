package io.pipewright.app.designer;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.pipewright.app.fx.AppStyle;
import javafx.application.Application;
import javafx.scene.Scene;

/** The look: AtlantaFX Primer (light or dark) plus Pipewright's own stylesheet. */
public final class Theme {
  private Theme() {}

  /** Switches every window between light and dark. */
  public static void apply(boolean dark) {
    Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet());
  }

  /** Adds Pipewright's stylesheet ({@link AppStyle}, one for the whole app) to a scene: the main window's. */
  public static void style(Scene scene) {
    scene.getStylesheets().add(AppStyle.stylesheet());
  }
}
