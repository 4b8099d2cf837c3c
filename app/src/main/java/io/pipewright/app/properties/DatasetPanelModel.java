package io.pipewright.app.properties;

import io.pipewright.app.document.PipelineEdits;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.DatasetSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** A dataset node: its name, kind, and where its data is (a datastore path, or a registered dataset). */
public final class DatasetPanelModel implements PanelModel {
  /** Where a dataset node's data comes from. */
  public enum SourceKind {
    DATASTORE_PATH("Datastore path"),
    REGISTERED("Registered dataset");

    private final String label;

    SourceKind(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final EditContext ctx;
  private final String id;
  private DatasetNode last;

  final FieldModel name;
  final ChoiceModel<DatasetKind> kind;
  final ChoiceModel<SourceKind> source;
  final FieldModel datastore;
  final FieldModel path;
  final FieldModel registeredName;
  final FieldModel version;

  DatasetPanelModel(EditContext ctx, String datasetId) {
    this.ctx = ctx;
    this.id = datasetId;
    this.last = ctx.pipeline().dataset(datasetId).orElseThrow();
    name = new FieldModel("Name", "/name", () -> dataset().name(),
        t -> Validators.uniqueName("dataset", t, otherNames()),
        v -> edit("Rename dataset " + dataset().name() + " to " + v, d -> new DatasetNode(d.id(), v, d.kind(), d.source())));
    kind = new ChoiceModel<>("Kind", "/kind", List.of(DatasetKind.values()), () -> dataset().kind(),
        v -> edit("Make dataset " + dataset().name() + " " + v.wireName(), d -> new DatasetNode(d.id(), d.name(), v, d.source())));
    source = new ChoiceModel<>("Source", "/registered", List.of(SourceKind.values()),
        () -> dataset().source() instanceof DatasetSource.Registered ? SourceKind.REGISTERED : SourceKind.DATASTORE_PATH,
        v -> edit("Read dataset " + dataset().name() + " from a " + v.toString().toLowerCase(java.util.Locale.ROOT),
            d -> new DatasetNode(d.id(), d.name(), d.kind(), v == SourceKind.REGISTERED
                ? new DatasetSource.Registered(Validators.IDENTIFIER.matcher(d.name()).matches() ? d.name() : d.id(), null)
                : new DatasetSource.DatastorePath("default", ""))));
    datastore = new FieldModel("Datastore", "/datastore", () -> pathSource().map(DatasetSource.DatastorePath::datastore).orElse(""),
        t -> Validators.notBlank("the datastore", t),
        v -> edit("Set datastore of " + dataset().name() + " to " + v,
            d -> withSource(d, new DatasetSource.DatastorePath(v, pathSource().map(DatasetSource.DatastorePath::path).orElse("")))));
    path = new FieldModel("Path", "/path", () -> pathSource().map(DatasetSource.DatastorePath::path).orElse(""),
        t -> Validators.notBlank("the path", t).or(() -> t.strip().startsWith("/") || t.contains("..")
            ? Optional.of("the path is relative to the datastore's root, without .. (titanic/Titanic.csv)")
            : Optional.empty()),
        v -> edit("Set path of " + dataset().name() + " to " + v,
            d -> withSource(d, new DatasetSource.DatastorePath(pathSource().map(DatasetSource.DatastorePath::datastore)
                .orElse("default"), v))));
    registeredName = new FieldModel("Registered name", "/registered/name",
        () -> registered().map(DatasetSource.Registered::name).orElse(""),
        t -> Validators.notBlank("the registered name", t).or(() -> Validators.datasetName(t)),
        v -> edit("Read dataset " + dataset().name() + " from registered " + v,
            d -> withSource(d, new DatasetSource.Registered(v, registered().map(DatasetSource.Registered::version).orElse(null)))));
    version = new FieldModel("Version", "/registered/version",
        () -> registered().map(r -> r.version() == null ? "" : String.valueOf(r.version())).orElse(""),
        Validators::version,
        v -> edit("Read " + (v.isEmpty() ? "the latest version" : "version " + v) + " of " + dataset().name(),
            d -> withSource(d, new DatasetSource.Registered(registered().map(DatasetSource.Registered::name).orElse(""),
                v.isEmpty() ? null : Validators.parse(v)))));
  }

  public String datasetId() {
    return id;
  }

  DatasetNode dataset() {
    ctx.pipeline().dataset(id).ifPresent(d -> last = d);
    return last;
  }

  private Optional<DatasetSource.DatastorePath> pathSource() {
    return dataset().source() instanceof DatasetSource.DatastorePath
        ? Optional.of((DatasetSource.DatastorePath) dataset().source()) : Optional.empty();
  }

  private Optional<DatasetSource.Registered> registered() {
    return dataset().source() instanceof DatasetSource.Registered
        ? Optional.of((DatasetSource.Registered) dataset().source()) : Optional.empty();
  }

  private static DatasetNode withSource(DatasetNode d, DatasetSource s) {
    return new DatasetNode(d.id(), d.name(), d.kind(), s);
  }

  private Set<String> otherNames() {
    Set<String> names = new HashSet<>();
    ctx.pipeline().datasets().forEach(d -> {
      if (!d.id().equals(id)) {
        names.add(d.name());
      }
    });
    return names;
  }

  private void edit(String what, UnaryOperator<DatasetNode> change) {
    ctx.edit(what, p -> p.dataset(id).map(d -> PipelineEdits.updateDataset(change.apply(d)).apply(p)).orElse(p));
  }

  @Override
  public void refresh() {
    if (ctx.pipeline().dataset(id).isEmpty()) {
      return;
    }
    name.refresh();
    kind.refresh();
    source.refresh();
    datastore.refresh();
    path.refresh();
    registeredName.refresh();
    version.refresh();
  }
}
