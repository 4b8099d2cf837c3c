package io.pipewright.app.compute;

import io.pipewright.app.context.AppContext;
import io.pipewright.azureml.AzureMlCompute;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.ComputeTarget;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The computes of an Azure ML workspace as Azure has them (clusters, attached Synapse pools,
 * compute instances): listed in the background for the chosen Azure ML workspace target, and the
 * selected one detached after a confirmation, with Azure's progress shown as it comes.
 */
public final class AzureMlComputesViewModel {
  private final AppContext context;
  private final Supplier<AzureSession> azure;
  private final ObservableList<String> workspaces = FXCollections.observableArrayList();
  private final StringProperty workspace = new SimpleStringProperty(this, "workspace", "");
  private final ObservableList<AzureMlCompute> computes = FXCollections.observableArrayList();
  private final ObservableList<String> attachable = FXCollections.observableArrayList();
  /** Held here and added weakly: the app's list of targets outlives this dialog. */
  private final javafx.collections.ListChangeListener<ComputeTarget> targetsChanged = c -> updateAttachable();
  private final ObjectProperty<AzureMlCompute> selected = new SimpleObjectProperty<>(this, "selected");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

  public AzureMlComputesViewModel(AppContext context, Supplier<AzureSession> azure) {
    this.context = context;
    this.azure = azure;
    workspaces.setAll(AzureLookups.azureMlTargetNames(context.computes()));
    computes.addListener((javafx.collections.ListChangeListener<AzureMlCompute>) c -> updateAttachable());
    context.computes().addListener(new javafx.collections.WeakListChangeListener<>(targetsChanged));
    updateAttachable();
    workspace.addListener((o, a, b) -> refresh());
    if (workspaces.size() == 1) {
      workspace.set(workspaces.get(0));
    } else if (workspaces.isEmpty()) {
      status.set("No Azure ML workspace target yet: attach one first (Compute ▸ Attach ▸ Azure Machine Learning"
          + " workspace).");
    }
  }

  private Optional<ComputeTarget> target() {
    return AzureLookups.azureMlTarget(context.computes(), workspace.get() == null ? "" : workspace.get());
  }

  /** Lists the chosen workspace's computes again, in the background. */
  public void refresh() {
    String chosen = workspace.get() == null ? "" : workspace.get();
    computes.clear();
    Optional<ComputeTarget> target = target();
    if (target.isEmpty()) {
      return;
    }
    AzureSession session = azure.get();
    if (!AzureLookups.signedIn(session)) {
      status.set("Not signed in to Azure: sign in to see the computes of " + chosen + ".");
      return;
    }
    busy.set(true);
    status.set("Listing the computes of " + chosen + "…");
    context.executor().submit(() -> AzureLookups.azureMlComputes(session, target.get()), list -> {
      if (!chosen.equals(workspace.get())) {
        return;
      }
      busy.set(false);
      computes.setAll(list);
      status.set(list.isEmpty() ? chosen + " has no compute in Azure."
          : chosen + " has " + list.size() + (list.size() == 1 ? " compute." : " computes."));
    }, e -> {
      if (chosen.equals(workspace.get())) {
        busy.set(false);
        status.set(e.getMessage());
      }
    });
  }

  /**
   * Asks, then detaches the selected compute from the workspace in the background; what is behind
   * it (a Synapse pool, a cluster's VMs for a delete) is left to Azure's Detach. The list is read
   * again afterwards.
   */
  public void detachSelected() {
    AzureMlCompute compute = selected.get();
    Optional<ComputeTarget> target = target();
    AzureSession session = azure.get();
    if (compute == null || target.isEmpty() || busy.get() || !AzureLookups.signedIn(session)) {
      return;
    }
    if (!context.dialogs().confirm("Detach " + compute.name() + "?", "Detach " + compute.computeType() + " compute "
        + compute.name() + " from Azure ML workspace " + workspace.get() + "? Jobs can no longer run on it; what is"
        + " behind it stays in Azure.", "Detach")) {
      return;
    }
    busy.set(true);
    status.set("Detaching " + compute.name() + "…");
    context.executor().submit(() -> {
      AzureLookups.detach(session, target.get(), compute.name(),
          step -> context.executor().onUiThread(() -> status.set(step)));
      return compute.name();
    }, name -> {
      busy.set(false);
      context.statusProperty().set("Detached " + name + " from " + workspace.get());
      refresh();
    }, e -> {
      busy.set(false);
      status.set(e.getMessage());
    });
  }

  /** The Synapse pool targets of this workspace that the chosen Azure ML workspace does not have as computes yet. */
  public ObservableList<String> attachablePools() {
    return attachable;
  }

  private void updateAttachable() {
    java.util.Set<String> there = new java.util.HashSet<>();
    computes.forEach(c -> there.add(c.name()));
    attachable.setAll(context.computes().stream()
        .filter(c -> io.pipewright.workspace.ComputeKind.SYNAPSE_SPARK_POOL.equals(c.kind()))
        .map(ComputeTarget::name).filter(name -> !there.contains(name)).sorted().toList());
  }

  /**
   * Attaches the pool of Synapse pool target {@code poolTarget} to the chosen Azure ML workspace as
   * a SynapseSpark compute of the same name, in the background, with Azure's progress; the list is
   * read again afterwards. (A pipeline run attaches a missing pool by itself too.)
   */
  public void attachPool(String poolTarget) {
    Optional<ComputeTarget> target = target();
    Optional<ComputeTarget> pool = context.computes().stream().filter(c -> c.name().equals(poolTarget)).findFirst();
    AzureSession session = azure.get();
    if (pool.isEmpty() || target.isEmpty() || busy.get() || !AzureLookups.signedIn(session)) {
      return;
    }
    Optional<io.pipewright.workspace.Workspace> workspace = context.workspace();
    if (workspace.isEmpty()) {
      return;
    }
    busy.set(true);
    status.set("Attaching " + poolTarget + "…");
    context.executor().submit(() -> {
      AzureLookups.attachPool(session, target.get(), pool.get(), workspace.get().linkedServices(),
          step -> context.executor().onUiThread(() -> status.set(step)));
      return poolTarget;
    }, name -> {
      busy.set(false);
      context.statusProperty().set("Attached " + name + " to " + this.workspace.get());
      refresh();
    }, e -> {
      busy.set(false);
      status.set(e.getMessage());
    });
  }

  public ObservableList<String> workspaces() {
    return workspaces;
  }

  public StringProperty workspaceProperty() {
    return workspace;
  }

  public ObservableList<AzureMlCompute> computes() {
    return computes;
  }

  public ObjectProperty<AzureMlCompute> selectedProperty() {
    return selected;
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** What is happening or went wrong, in words. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }
}
