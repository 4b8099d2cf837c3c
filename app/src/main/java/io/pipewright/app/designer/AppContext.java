package io.pipewright.app.designer;

import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.DialogService;
import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.ComputeTarget;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the designer's views and view models share: the one task executor, the one dialog service,
 * the workspace (opened in the background, so it is empty for the first moments), the open
 * document, the selected canvas node and the status line.
 */
public final class AppContext {
  private final TaskExecutor executor;
  private final DialogService dialogs;
  private final ObjectProperty<LocalWorkspace> workspace = new SimpleObjectProperty<>(this, "workspace");
  private final ObjectProperty<PipelineDocument> document = new SimpleObjectProperty<>(this, "document");
  private final ObjectProperty<String> selectedNodeId = new SimpleObjectProperty<>(this, "selectedNodeId");
  private final StringProperty status = new SimpleStringProperty(this, "status", "");
  private final ObservableList<ComputeTarget> computes = FXCollections.observableArrayList();

  public AppContext(TaskExecutor executor, DialogService dialogs, PipelineDocument initial) {
    this.executor = executor;
    this.dialogs = dialogs;
    this.document.set(initial);
  }

  public TaskExecutor executor() {
    return executor;
  }

  public DialogService dialogs() {
    return dialogs;
  }

  /** Set on the FX thread once the workspace is open. */
  public ObjectProperty<LocalWorkspace> workspaceProperty() {
    return workspace;
  }

  public Optional<LocalWorkspace> workspace() {
    return Optional.ofNullable(workspace.get());
  }

  public ObjectProperty<PipelineDocument> documentProperty() {
    return document;
  }

  public PipelineDocument document() {
    return document.get();
  }

  /** The id of the one selected step or dataset, or {@code null} (nothing or several selected). */
  public ObjectProperty<String> selectedNodeIdProperty() {
    return selectedNodeId;
  }

  /**
   * The workspace's compute targets as last read, kept current by the Compute feature ({@code
   * ComputeCatalog}) after the workspace opens and after every attach, edit and detach. Listen to
   * it; do not change it.
   */
  public ObservableList<ComputeTarget> computes() {
    return computes;
  }

  /** A short line at the bottom of the window ("Saved titanic.pipeline.json"). */
  public StringProperty statusProperty() {
    return status;
  }
}
