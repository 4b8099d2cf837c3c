package io.pipewright.app.designer;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** The look: AtlantaFX Primer (light or dark) plus Pipewright's own stylesheet. */
public final class Theme {
  static final String STYLESHEET = "/io/pipewright/app/designer/app.css";

  private Theme() {}

  /** Switches every window between light and dark. */
  public static void apply(boolean dark) {
    Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet());
  }

  /** Adds Pipewright's stylesheet to a scene (main window and dialogs). */
  public static void style(Scene scene) {
    scene.getStylesheets().add(Theme.class.getResource(STYLESHEET).toExternalForm());
  }
}
