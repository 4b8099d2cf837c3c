package io.pipewright.app.properties;

/** The model of what the property panel shows: a step, a dataset, an edge or the pipeline. */
interface PanelModel {

  /** Shows the pipeline's values again (after an edit, an undo or a redo). */
  void refresh();

  /** Stops listening to the document and the workspace (another node was selected). */
  default void dispose() {}
}
