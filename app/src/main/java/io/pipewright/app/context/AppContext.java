package io.pipewright.app.context;

import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.DialogService;
import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.azure.AzureSignIn;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.Workspace;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the designer's views and view models share: the one task executor, the one dialog service,
 * the designer's folder, the workspace (opened in the background, so it is empty for the first
 * moments; view models know it only as a {@link Workspace}), the open document, the selected canvas
 * node and the status line.
 */
public final class AppContext {
  private final TaskExecutor executor;
  private final DialogService dialogs;
  private final ObjectProperty<Workspace> workspace = new SimpleObjectProperty<>(this, "workspace");
  private final ObjectProperty<PipelineDocument> document = new SimpleObjectProperty<>(this, "document");
  private final ObjectProperty<String> selectedNodeId = new SimpleObjectProperty<>(this, "selectedNodeId");
  private final StringProperty status = new SimpleStringProperty(this, "status", "");
  private final ObservableList<ComputeTarget> computes = FXCollections.observableArrayList();
  private AzureSignIn azure;
  /** The workspace's Azure session: the sign-in, made when first used. */
  private final AzureSession azureSession = new AzureSession() {
    @Override
    public String token(String scope, boolean refresh) throws java.io.IOException {
      return azure().token(scope, refresh);
    }

    @Override
    public Optional<Account> account() {
      return azure().account();
    }
  };

  private final Path home;

  /**
   * @param home the designer's own folder ({@code $PIPEWRIGHT_HOME}): its settings, journal and
   *     samples; an untitled pipeline's relative paths resolve against it
   */
  private volatile java.util.function.Consumer<String> browser = url -> {};

  public AppContext(TaskExecutor executor, DialogService dialogs, PipelineDocument initial, Path home) {
    this.executor = executor;
    this.dialogs = dialogs;
    this.document.set(initial);
    this.home = home.toAbsolutePath().normalize();
    // The workspace's Azure compute targets take their tokens from the designer's sign-in.
    workspace.addListener((o, was, opened) -> {
      if (opened != null) {
        opened.setAzureSession(azureSession);
      }
    });
  }

  /** With the current directory as the designer's folder (tests that do not care). */
  public AppContext(TaskExecutor executor, DialogService dialogs, PipelineDocument initial) {
    this(executor, dialogs, initial, Path.of(""));
  }

  /** The designer's own folder ({@code $PIPEWRIGHT_HOME}, a test's temporary one). */
  public Path home() {
    return home;
  }

  public TaskExecutor executor() {
    return executor;
  }

  public DialogService dialogs() {
    return dialogs;
  }

  /** Set on the FX thread once the workspace is open. */
  public ObjectProperty<Workspace> workspaceProperty() {
    return workspace;
  }

  public Optional<Workspace> workspace() {
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

  /**
   * The designer's Azure sign-in (signed out at start; the status bar's Azure item signs in). The
   * workspace gets it as its Azure session when it is set, so launchers get tokens from it. Made at
   * the first call, on any thread: it loads azure-identity's classes, which the start has no time for.
   */
  public synchronized AzureSignIn azure() {
    if (azure == null) {
      azure = new AzureSignIn();
    }
    return azure;
  }

  /** What the workspace is given as its Azure session: {@link #azure()}, made when a token is first asked. */
  public AzureSession azureSession() {
    return azureSession;
  }

  /** A short line at the bottom of the window ("Saved titanic.pipeline.json"). */
  public StringProperty statusProperty() {
    return status;
  }

  /** Who opens web pages (the app's host services); nobody until the app says. */
  public void setBrowser(java.util.function.Consumer<String> opener) {
    browser = opener == null ? url -> {} : opener;
  }

  /** Opens a web page (an Azure ML job's Studio page) in the system's browser. */
  public void openInBrowser(String url) {
    browser.accept(url);
  }
}
