package io.pipewright.app.compute;

import io.pipewright.app.context.AppContext;
import io.pipewright.azure.SynapseSparkPool;
import io.pipewright.azureml.AzureMlVmSize;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.AzureMlConfig;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeSetting;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.FieldProblem;
import io.pipewright.workspace.InvalidFieldsException;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.WeakListChangeListener;

/**
 * The attach (or edit) dialog of one compute kind: the target's name and one {@link SettingField}
 * per setting the kind takes, checked as typed; a connection test in the background; saving through
 * the workspace, whose field-level refusals land on the fields they are about.
 *
 * <p>What can be picked is listed from Azure in the background: a Synapse pool's Spark pools (of
 * its linked service's Synapse workspace; picking one fills the pool, node size and node count, so
 * that its capacity feeds the footprint line), and a cluster's Azure ML workspace targets and VM
 * sizes. Signed out or offline, the values stay typeable and a note says why nothing is listed.
 */
public final class AttachComputeViewModel {
  private final AppContext context;
  private final ComputeCatalog catalog;
  private final ComputeKind kind;
  private final ComputeTarget editing;
  private final StringProperty name = new SimpleStringProperty(this, "name", "");
  private final ReadOnlyStringWrapper nameProblem = new ReadOnlyStringWrapper(this, "nameProblem", "");
  private final List<SettingField> fields = new ArrayList<>();
  private final ReadOnlyObjectWrapper<ConnectionState> connection =
      new ReadOnlyObjectWrapper<>(this, "connection", ConnectionState.NOT_TESTED);
  private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving", false);
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ObservableList<String> linkedServices = FXCollections.observableArrayList();
  private final Supplier<AzureSession> azure;
  private final ObservableList<SynapseSparkPool> pools = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<SynapseSparkPool> pickedPool = new ReadOnlyObjectWrapper<>(this, "pickedPool");
  private final ObservableList<String> azureMlWorkspaces = FXCollections.observableArrayList();
  private final ObservableList<AzureMlVmSize> vmSizes = FXCollections.observableArrayList();
  private final ObservableList<String> vmSizeNames = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper listing = new ReadOnlyBooleanWrapper(this, "listing", false);
  private final ReadOnlyStringWrapper listNote = new ReadOnlyStringWrapper(this, "listNote", "");
  private final BooleanBinding valid;
  private String suggestedName = "";
  /** Held here so that the weak listener on the shared list lives as long as this view model. */
  private final ListChangeListener<ComputeTarget> namesChanged = c -> checkName();

  private AttachComputeViewModel(AppContext context, ComputeCatalog catalog, ComputeKind kind, ComputeTarget editing,
      Supplier<AzureSession> azure) {
    this.context = context;
    this.azure = azure;
    this.catalog = catalog;
    this.kind = kind;
    this.editing = editing;
    for (ComputeSetting s : kind.settings()) {
      String initial = editing != null ? editing.settings().getOrDefault(s.key(), "") : s.defaultValue();
      SettingField field = new SettingField(s, initial);
      fields.add(field);
    }
    if (editing != null) {
      name.set(editing.name());
    }
    List<Observable> dependencies = new ArrayList<>();
    dependencies.add(nameProblem);
    dependencies.add(saving);
    for (SettingField f : fields) {
      dependencies.add(f.problemProperty());
      dependencies.add(f.checkingProperty());
      if (f.isPath()) {
        f.valueProperty().addListener((o, a, b) -> checkPath(f));
      } else {
        f.valueProperty().addListener((o, a, b) -> checkValues());
      }
      f.valueProperty().addListener((o, a, b) -> connection.set(ConnectionState.NOT_TESTED));
    }
    valid = Bindings.createBooleanBinding(() -> nameProblem.get().isEmpty() && !saving.get()
        && fields.stream().allMatch(f -> f.problem().isEmpty() && !f.checkingProperty().get()),
        dependencies.toArray(Observable[]::new));
    name.addListener((o, a, b) -> {
      checkName();
      connection.set(ConnectionState.NOT_TESTED);
    });
    context.computes().addListener(new WeakListChangeListener<>(namesChanged));
    if (ComputeKind.SYNAPSE_SPARK_POOL.equals(kind.id()) && editing == null) {
      field("linkedService").valueProperty().addListener((o, a, b) -> suggestName());
      field("pool").valueProperty().addListener((o, a, b) -> suggestName());
    }
    checkName();
    checkValues();
    fields.stream().filter(SettingField::isPath).forEach(this::checkPath);
    if (ComputeKind.SYNAPSE_SPARK_POOL.equals(kind.id())) {
      field("linkedService").valueProperty().addListener((o, a, b) -> loadPools());
      field("pool").valueProperty().addListener((o, a, b) -> {
        SynapseSparkPool picked = pickedPool.get();
        if (picked != null && !picked.name().equals(b)) {
          pickedPool.set(null);
        }
      });
      loadLinkedServices();
      if (editing != null && !field("linkedService").value().isBlank()) {
        loadPools();
      }
    }
    if (ComputeKind.AZUREML_CLUSTER.equals(kind.id())) {
      azureMlWorkspaces.setAll(AzureLookups.azureMlTargetNames(context.computes()));
      field("workspace").valueProperty().addListener((o, a, b) -> loadVmSizes());
      if (field("workspace").value().isBlank() && azureMlWorkspaces.size() == 1) {
        field("workspace").setValue(azureMlWorkspaces.get(0));
      } else {
        loadVmSizes();
      }
    }
  }

  /** A new target of {@code kind}, without Azure (values are typed). */
  public static AttachComputeViewModel attach(AppContext context, ComputeCatalog catalog, ComputeKind kind) {
    return attach(context, catalog, kind, () -> AzureSession.NONE);
  }

  /** A new target of {@code kind}; lists come from Azure through {@code azure}'s sign-in. */
  public static AttachComputeViewModel attach(AppContext context, ComputeCatalog catalog, ComputeKind kind,
      Supplier<AzureSession> azure) {
    return new AttachComputeViewModel(context, catalog, kind, null, azure);
  }

  /** Changing the settings of an attached target (its name stays). */
  public static AttachComputeViewModel edit(AppContext context, ComputeCatalog catalog, ComputeTarget target) {
    return edit(context, catalog, target, () -> AzureSession.NONE);
  }

  /** Changing the settings of an attached target; lists come from Azure through {@code azure}'s sign-in. */
  public static AttachComputeViewModel edit(AppContext context, ComputeCatalog catalog, ComputeTarget target,
      Supplier<AzureSession> azure) {
    ComputeKind kind = ComputeKind.of(target.kind()).orElseThrow(() -> new IllegalArgumentException(
        "compute '" + target.name() + "' is of kind '" + target.kind() + "', which this version does not know"));
    return new AttachComputeViewModel(context, catalog, kind, target, azure);
  }

  // ------------------------------------------------------------------------------- checking

  private void checkName() {
    if (editing != null) {
      nameProblem.set("");
      return;
    }
    String n = name.get() == null ? "" : name.get().strip();
    Optional<String> problem = ComputeKind.checkName(n);
    if (problem.isEmpty() && context.computes().stream().anyMatch(c -> c.name().equals(n))) {
      problem = Optional.of("a compute target named '" + n + "' already exists: choose another name");
    }
    nameProblem.set(problem.orElse(""));
  }

  /** Checks every value that needs no disk at once, with the rules between fields (basic auth needs a user). */
  private void checkValues() {
    Map<String, String> values = new LinkedHashMap<>();
    for (SettingField f : fields) {
      if (!f.isPath()) {
        values.put(f.key(), f.value());
      }
    }
    List<FieldProblem> problems = kind.check(values);
    for (SettingField f : fields) {
      if (!f.isPath()) {
        f.setProblem(problems.stream().filter(p -> p.field().equals(f.key())).map(FieldProblem::message)
            .findFirst().orElse(""));
      }
    }
  }

  /** Directories are looked at in the background; an answer for a value no longer typed is dropped. */
  private void checkPath(SettingField f) {
    String value = f.value();
    if (value.isBlank()) {
      f.setProblem(f.setting().check(value).orElse(""));
      f.setChecking(false);
      return;
    }
    f.setChecking(true);
    context.executor().submit(() -> f.setting().check(value).orElse(""), message -> {
      if (value.equals(f.value())) {
        f.setProblem(message);
        f.setChecking(false);
      }
    }, e -> {
      if (value.equals(f.value())) {
        f.setProblem(f.key() + " cannot be checked: " + e.getMessage());
        f.setChecking(false);
      }
    });
  }

  private void suggestName() {
    String service = field("linkedService").value().strip();
    String pool = field("pool").value().strip();
    String suggestion = service.isEmpty() || pool.isEmpty() ? "" : service + "-" + pool;
    String current = name.get() == null ? "" : name.get();
    if (current.isEmpty() || current.equals(suggestedName)) {
      name.set(suggestion);
    }
    suggestedName = suggestion;
  }

  // ------------------------------------------------------------------------------- actions

  /** Reads the linked services (for a Synapse pool) again, in the background. */
  public void loadLinkedServices() {
    context.workspace().ifPresent(ws -> context.executor().submit(ws::linkedServices, list -> {
      linkedServices.setAll(list.stream().map(LinkedService::name).toList());
      SettingField f = field("linkedService");
      if (f.value().isBlank() && linkedServices.size() == 1) {
        f.setValue(linkedServices.get(0));
      }
    }, e -> error.set("Could not list the linked services: " + e.getMessage())));
  }

  /**
   * Lists, in the background, the Spark pools of the chosen linked service's Synapse workspace. An
   * answer for a linked service no longer chosen is dropped.
   */
  public void loadPools() {
    String service = field("linkedService").value().strip();
    pools.clear();
    if (service.isEmpty()) {
      listNote.set("");
      return;
    }
    AzureSession session = azure.get();
    Optional<Workspace> workspace = context.workspace().map(w -> w);
    if (!AzureLookups.signedIn(session)) {
      listNote.set(AzureLookups.SIGNED_OUT);
      return;
    }
    if (workspace.isEmpty()) {
      return;
    }
    listing.set(true);
    listNote.set("Listing the Spark pools of " + service + "…");
    context.executor().submit(() -> {
      LinkedService link = workspace.get().linkedServices().stream().filter(l -> l.name().equals(service))
          .findFirst().orElseThrow(() -> new java.io.IOException("No linked service named " + service));
      return AzureLookups.pools(session, link);
    }, found -> {
      if (!service.equals(field("linkedService").value().strip())) {
        return;
      }
      listing.set(false);
      pools.setAll(found);
      listNote.set(found.isEmpty() ? "The Synapse workspace of " + service + " has no Spark pool."
          : found.size() + (found.size() == 1 ? " Spark pool" : " Spark pools") + " in the Synapse workspace of "
          + service + ": pick one to fill its name, node size and node count.");
      String typed = field("pool").value().strip();
      found.stream().filter(p -> p.name().equals(typed)).findFirst().ifPresent(pickedPool::set);
    }, e -> {
      if (service.equals(field("linkedService").value().strip())) {
        listing.set(false);
        listNote.set(e.getMessage() + ". The pool can still be typed.");
      }
    });
  }

  /**
   * Fills the pool's name, node size and node count from a listed pool. The node count is the most
   * nodes the pool may have (autoscale's maximum), which is what a step can use at most.
   */
  public void pickPool(SynapseSparkPool pool) {
    if (pool == null) {
      return;
    }
    field("pool").setValue(pool.name());
    if (field("nodeSize").choices().contains(pool.nodeSize())) {
      field("nodeSize").setValue(pool.nodeSize());
    }
    field("nodeCount").setValue(String.valueOf(pool.mostNodes()));
    pickedPool.set(pool);
  }

  /** Lists, in the background, the VM sizes a cluster can have in the chosen Azure ML workspace's region. */
  public void loadVmSizes() {
    String chosen = field("workspace").value().strip();
    vmSizes.clear();
    vmSizeNames.clear();
    Optional<ComputeTarget> target = AzureLookups.azureMlTarget(context.computes(), chosen);
    if (target.isEmpty()) {
      listNote.set(azureMlWorkspaces.isEmpty() ? "No Azure ML workspace target yet: attach one first"
          + " (Azure Machine Learning workspace), or type its name." : "");
      return;
    }
    AzureSession session = azure.get();
    if (!AzureLookups.signedIn(session)) {
      listNote.set(AzureLookups.SIGNED_OUT);
      return;
    }
    listing.set(true);
    listNote.set("Listing the VM sizes of " + chosen + "'s region…");
    context.executor().submit(() -> AzureLookups.clusterVmSizes(session, target.get()), found -> {
      if (!chosen.equals(field("workspace").value().strip())) {
        return;
      }
      listing.set(false);
      vmSizes.setAll(found);
      vmSizeNames.setAll(found.stream().map(AzureMlVmSize::name).toList());
      listNote.set(found.size() + " VM sizes for clusters in " + chosen + "'s region.");
    }, e -> {
      if (chosen.equals(field("workspace").value().strip())) {
        listing.set(false);
        listNote.set(e.getMessage() + ". The VM size can still be typed.");
      }
    });
  }

  /** Fills subscription, resource group and workspace from an Azure ML {@code config.json}. */
  public void importAzureMlConfig(Path file) {
    error.set("");
    context.executor().submit(() -> AzureMlConfig.read(file), settings -> {
      settings.forEach((key, value) -> findField(key).ifPresent(f -> f.setValue(value)));
      String workspaceName = settings.get("workspaceName");
      if (editing == null && (name.get() == null || name.get().isBlank()) && workspaceName != null) {
        name.set(workspaceName.length() > 32 ? workspaceName.substring(0, 32) : workspaceName);
      }
      context.statusProperty().set("Read " + file.getFileName() + ": workspace " + workspaceName);
    }, e -> error.set(e.getMessage()));
  }

  /** Tests the target as typed, in the background; the result lands in {@link #connectionProperty()}. */
  public void testConnection() {
    Optional<Workspace> workspace = context.workspace().map(w -> w);
    if (workspace.isEmpty()) {
      connection.set(new ConnectionState(ConnectionState.Status.FAILED, "The workspace is still opening", List.of()));
      return;
    }
    ComputeTarget draft = draft();
    connection.set(ConnectionState.TESTING);
    context.executor().submit(() -> workspace.get().testConnection(draft), test -> {
      if (draft.equals(draft())) {
        connection.set(ConnectionState.of(test));
      }
      catalog.tested();
    }, e -> connection.set(ConnectionState.failed(e)));
  }

  /**
   * Attaches the target (or saves the changed settings) in the background. On success the
   * catalog is read again and {@code onSaved} gets the saved target; a refusal is shown on the
   * fields it is about, and nothing is lost.
   */
  public void save(Consumer<ComputeTarget> onSaved) {
    if (!valid.get()) {
      return;
    }
    Optional<Workspace> workspace = context.workspace().map(w -> w);
    if (workspace.isEmpty()) {
      error.set("The workspace is still opening; try again in a moment.");
      return;
    }
    error.set("");
    saving.set(true);
    String targetName = name.get().strip();
    Map<String, String> values = values();
    Map<String, String> changes = changes();
    context.executor().submit(() -> editing == null
        ? workspace.get().attachCompute(targetName, kind.id(), values)
        : workspace.get().updateCompute(targetName, changes), saved -> {
      saving.set(false);
      catalog.changed();
      context.statusProperty().set((editing == null ? "Attached " : "Saved ") + saved.name());
      onSaved.accept(saved);
    }, e -> {
      saving.set(false);
      showRefusal(e);
    });
  }

  private void showRefusal(Throwable e) {
    if (e instanceof InvalidFieldsException) {
      List<String> elsewhere = new ArrayList<>();
      for (FieldProblem p : ((InvalidFieldsException) e).problems()) {
        if (FieldProblem.NAME.equals(p.field())) {
          nameProblem.set(p.message());
        } else {
          Optional<SettingField> f = findField(p.field());
          if (f.isPresent()) {
            f.get().setProblem(p.message());
          } else {
            elsewhere.add(p.message());
          }
        }
      }
      error.set(String.join("; ", elsewhere));
    } else {
      error.set("Could not save " + name.get() + ": " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------------------- state

  /** The target as typed (blank values left out). */
  public ComputeTarget draft() {
    String n = name.get() == null || name.get().isBlank() ? "draft" : name.get().strip();
    return new ComputeTarget(n, kind.id(), values());
  }

  private Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    for (SettingField f : fields) {
      if (!f.value().isBlank()) {
        values.put(f.key(), f.value().strip());
      }
    }
    return values;
  }

  /** Settings that differ from the target being edited; an empty value removes one. */
  private Map<String, String> changes() {
    Map<String, String> changes = new LinkedHashMap<>();
    for (SettingField f : fields) {
      String before = editing == null ? "" : editing.settings().getOrDefault(f.key(), "");
      if (!f.value().strip().equals(before)) {
        changes.put(f.key(), f.value().strip());
      }
    }
    return changes;
  }

  public ComputeKind kind() {
    return kind;
  }

  public boolean isEditing() {
    return editing != null;
  }

  public String title() {
    return editing == null ? "Attach " + kind.label() : "Edit " + editing.name() + " (" + kind.label() + ")";
  }

  public StringProperty nameProperty() {
    return name;
  }

  public ReadOnlyStringProperty nameProblemProperty() {
    return nameProblem.getReadOnlyProperty();
  }

  public List<SettingField> fields() {
    return List.copyOf(fields);
  }

  public SettingField field(String key) {
    return findField(key).orElseThrow(() -> new IllegalArgumentException(kind.id() + " has no setting " + key));
  }

  private Optional<SettingField> findField(String key) {
    return fields.stream().filter(f -> f.key().equals(key)).findFirst();
  }

  /** True while every field is acceptable and nothing is being checked or saved: OK is enabled. */
  public BooleanBinding validBinding() {
    return valid;
  }

  public boolean isValid() {
    return valid.get();
  }

  /** Valid for the given fields only (a wizard page). */
  public BooleanBinding validBinding(List<String> keys, boolean withName) {
    List<Observable> dependencies = new ArrayList<>();
    if (withName) {
      dependencies.add(nameProblem);
    }
    List<SettingField> some = keys.stream().map(this::field).toList();
    for (SettingField f : some) {
      dependencies.add(f.problemProperty());
      dependencies.add(f.checkingProperty());
    }
    return Bindings.createBooleanBinding(() -> (!withName || nameProblem.get().isEmpty())
        && some.stream().allMatch(f -> f.problem().isEmpty() && !f.checkingProperty().get()),
        dependencies.toArray(Observable[]::new));
  }

  public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
    return connection.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty savingProperty() {
    return saving.getReadOnlyProperty();
  }

  /** A refusal not tied to one field, or empty. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** The linked services a Synapse pool can be reached through. */
  public ObservableList<String> linkedServices() {
    return linkedServices;
  }

  /** The Spark pools of the chosen linked service's Synapse workspace, as Azure lists them. */
  public ObservableList<SynapseSparkPool> pools() {
    return pools;
  }

  /** The listed pool whose values are in the fields, or null once the pool is typed. */
  public ReadOnlyObjectProperty<SynapseSparkPool> pickedPoolProperty() {
    return pickedPool.getReadOnlyProperty();
  }

  /** The Azure ML workspace targets a cluster can belong to. */
  public ObservableList<String> azureMlWorkspaces() {
    return azureMlWorkspaces;
  }

  /** The VM sizes Azure offers clusters in the chosen workspace's region. */
  public ObservableList<AzureMlVmSize> vmSizes() {
    return vmSizes;
  }

  /** {@link #vmSizes()}' names, for a combo box. */
  public ObservableList<String> vmSizeNames() {
    return vmSizeNames;
  }

  /**
   * The choices a field offers, beside typing: the linked services, listed pools, Azure ML
   * workspace targets or VM sizes; empty for a field without a list.
   */
  public Optional<ObservableList<String>> pickList(String key) {
    if (ComputeKind.AZUREML_CLUSTER.equals(kind.id())) {
      return switch (key) {
        case "workspace" -> Optional.of(azureMlWorkspaces);
        case "vmSize" -> Optional.of(vmSizeNames);
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  /**
   * A Synapse pool's capacity as its fields say, in words ("Capacity: 3 × Medium nodes, 24 cores,
   * 192 GiB"); the footprint line of a Spark step on this target is measured against it.
   */
  public javafx.beans.binding.StringBinding capacityBinding() {
    if (!ComputeKind.SYNAPSE_SPARK_POOL.equals(kind.id())) {
      return Bindings.createStringBinding(() -> "");
    }
    return Bindings.createStringBinding(() -> {
      Optional<io.pipewright.model.SynapseNodeSize> size =
          io.pipewright.model.SynapseNodeSize.fromLabel(field("nodeSize").value().strip());
      int nodes;
      try {
        nodes = Integer.parseInt(field("nodeCount").value().strip());
      } catch (NumberFormatException e) {
        return "";
      }
      if (size.isEmpty() || nodes <= 0) {
        return "";
      }
      io.pipewright.model.Capacity c = io.pipewright.model.Capacity.synapsePool(size.get(), nodes);
      SynapseSparkPool picked = pickedPool.get();
      String pool = picked == null ? "" : " (pool " + picked.name() + ": " + picked.nodesInWords() + ", auto-pause "
          + picked.autoPauseInWords() + ", Spark " + picked.sparkVersion() + ")";
      return "Capacity: " + c.description() + ", " + c.cores() + " cores, " + (c.memoryBytes() >> 30) + " GiB" + pool;
    }, field("nodeSize").valueProperty(), field("nodeCount").valueProperty(), pickedPool);
  }

  public ReadOnlyBooleanProperty listingProperty() {
    return listing.getReadOnlyProperty();
  }

  /** What listing from Azure is doing or found, in words (progress, a count, an error, signed out). */
  public ReadOnlyStringProperty listNoteProperty() {
    return listNote.getReadOnlyProperty();
  }
}
