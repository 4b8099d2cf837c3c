package io.pipewright.app.datasets;

import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.DatastoreEntry;

/** One node of the datasets tree: a section, a dataset, a version, a datastore, a folder or a file. */
public record BrowseItem(Type type, String label, DatasetsViewModel.DatasetGroup group, DatasetVersion version,
    String datastore, DatastoreEntry entry) {

  /** What a node of the tree is. */
  public enum Type { SECTION, DATASET, VERSION, DATASTORE, FOLDER, FILE }

  static BrowseItem section(String label) {
    return new BrowseItem(Type.SECTION, label, null, null, null, null);
  }

  static BrowseItem dataset(DatasetsViewModel.DatasetGroup group) {
    return new BrowseItem(Type.DATASET, group.name(), group, group.latest(), null, null);
  }

  static BrowseItem version(DatasetVersion v) {
    return new BrowseItem(Type.VERSION, "version " + v.version(), null, v, null, null);
  }

  static BrowseItem datastore(String name) {
    return new BrowseItem(Type.DATASTORE, name, null, null, name, new DatastoreEntry("", name, true, 0, null));
  }

  static BrowseItem entry(String datastore, DatastoreEntry e) {
    return new BrowseItem(e.folder() ? Type.FOLDER : Type.FILE, e.name(), null, null, datastore, e);
  }

  /** Whether this is a file or folder of a datastore that can be registered as a dataset. */
  public boolean isRegistrable() {
    return type == Type.FOLDER || type == Type.FILE;
  }

  @Override
  public String toString() {
    return label;
  }
}
