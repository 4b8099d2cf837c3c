package io.pipewright.app.preview;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.datasets.PreviewPane;
import io.pipewright.app.datasets.PreviewViewModel;
import io.pipewright.workspace.Workspace;
import io.pipewright.workspace.WorkspaceException;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The first {@link #ROWS} rows of what a step of a run wrote to an output port (delimited text or
 * Parquet), read in the background through {@link Workspace#previewOutput}: a table with the
 * column names, what is shown ("first 100 rows", the total when the format tells it), a progress
 * indicator while it loads, and the reason when there is nothing to show (the step wrote nothing
 * there, the format cannot be read). Not modal: it can stay open beside the canvas.
 */
public final class OutputPreviewDialog extends Dialog<Void> {
  /** How many rows a preview shows. */
  public static final int ROWS = 100;
  private static final double WIDTH = 900;
  private static final double HEIGHT = 560;

  private final PreviewViewModel preview;
  private final PreviewPane pane;

  private OutputPreviewDialog(AppContext context, String runId, String stepId, String stepName, String port) {
    this.preview = new PreviewViewModel(context.executor());
    this.pane = new PreviewPane(preview, "Reading the output…");
    setTitle("Output '" + port + "' of " + stepName);
    setHeaderText(null);
    setResizable(true);
    initModality(Modality.NONE);
    getDialogPane().setId("outputPreview");
    getDialogPane().setContent(pane);
    getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
    getDialogPane().setPrefSize(WIDTH, HEIGHT);
    // the window's title names the output and the step: the message says which run and what was read
    String what = "Run " + runId;
    Optional<Workspace> workspace = context.workspace();
    if (workspace.isEmpty()) {
      preview.clear("The workspace is still opening.");
      return;
    }
    Workspace w = workspace.get();
    preview.load(what, () -> read(w, runId, stepId, port));
  }

  private static io.pipewright.workspace.DatasetPreview read(Workspace workspace, String runId, String stepId,
      String port) throws WorkspaceException {
    return workspace.previewOutput(runId, stepId, port, ROWS);
  }

  /**
   * Opens a preview of a step's output of a run beside {@code owner} and returns it (shown, not
   * waited for).
   */
  public static OutputPreviewDialog show(AppContext context, Window owner, String runId, String stepId, String port) {
    return show(context, owner, runId, stepId, stepId, port);
  }

  /** As {@link #show(AppContext, Window, String, String, String)}, naming the step by its name. */
  public static OutputPreviewDialog show(AppContext context, Window owner, String runId, String stepId,
      String stepName, String port) {
    OutputPreviewDialog dialog = new OutputPreviewDialog(context, runId, stepId, stepName, port);
    if (owner != null) {
      dialog.initOwner(owner);
      if (owner.getScene() != null) {
        dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
      }
    }
    dialog.show();
    // wide enough for a table of several columns (the dialog alone sizes to its buttons' row)
    dialog.setWidth(Math.max(dialog.getWidth(), WIDTH));
    dialog.setHeight(Math.max(dialog.getHeight(), HEIGHT));
    return dialog;
  }

  /** What is loaded and shown. */
  public PreviewViewModel preview() {
    return preview;
  }

  public PreviewPane pane() {
    return pane;
  }
}
