package io.pipewright.app.fx;

import javafx.scene.Parent;

/**
 * Pipewright's stylesheet: one for the whole app, on top of AtlantaFX. The main window's scene has
 * it and its parts add none of their own (JavaFX matches styles again for every distinct set of
 * stylesheets, which slowed every start: bench/startup); dialogs, which have scenes of their own,
 * and views shown on their own add it with {@link #style}.
 */
public final class AppStyle {
  static final String STYLESHEET = "/io/pipewright/app/designer/app.css";

  private AppStyle() {}

  /** The stylesheet's URL. */
  public static String stylesheet() {
    return AppStyle.class.getResource(STYLESHEET).toExternalForm();
  }

  /** Adds the stylesheet to a dialog's pane or a view shown on its own; nothing when it has it. */
  public static void style(Parent parent) {
    String css = stylesheet();
    if (!parent.getStylesheets().contains(css)) {
      parent.getStylesheets().add(css);
    }
  }
}
