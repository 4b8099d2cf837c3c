package io.pipewright.local;

import io.pipewright.model.DatasetKind;
import io.pipewright.workspace.DatasetPreview;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.Datastore;
import io.pipewright.workspace.DatastoreEntry;
import io.pipewright.workspace.FieldProblem;
import io.pipewright.workspace.InvalidFieldsException;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The data of the embedded workspace: datastores (storage roots, the default one a directory of
 * the workspace), browsing them, registered datasets and their versions, and previews of
 * delimited text. Registering a dataset here records where the data is; it copies nothing.
 */
final class DatasetCatalog {

  static final String DEFAULT_DATASTORE = "default";

  /** Dataset names: a letter or digit first, then letters, digits, '-', '_' or '.'; at most 128. */
  private static final Pattern DATASET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final HistoryStore store;
  private final Path datastores;

  /** {@code datastores}: the workspace's directory of datastores, where the default one lives. */
  DatasetCatalog(HistoryStore store, Path datastores) {
    this.store = store;
    this.datastores = datastores;
  }

  /** Adds the default datastore when missing. */
  void seed(Instant now) throws SQLException {
    store.addDatastoreIfAbsent(DEFAULT_DATASTORE, "local", datastores.resolve(DEFAULT_DATASTORE).toString(), true, now);
  }

  List<Datastore> datastores() throws WorkspaceException {
    return HistoryCalls.read(() -> store.datastores().stream()
        .map(row -> new Datastore(row.name(), row.kind(), row.root(), row.isDefault()))
        .toList());
  }

  /** The root directory of a datastore. */
  Path datastoreRoot(String name) throws WorkspaceException {
    Map<String, String> roots = HistoryCalls.read(store::datastoreRoots);
    String root = roots.get(name);
    if (root == null) {
      throw new WorkspaceException("datastore '" + name + "' does not exist in this workspace (it has: "
          + String.join(", ", roots.keySet()) + ")");
    }
    return Path.of(root);
  }

  List<DatastoreEntry> browse(String datastore, String folder) throws WorkspaceException {
    Path root = datastoreRoot(datastore);
    Path directory = DatastorePaths.resolve(root, datastore, folder);
    if (!Files.isDirectory(directory)) {
      throw new WorkspaceException("'" + folder + "' is not a folder of datastore '" + datastore + "'");
    }
    List<DatastoreEntry> entries = new ArrayList<>();
    try (Stream<Path> children = Files.list(directory)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class);
        entries.add(new DatastoreEntry(DatastorePaths.relative(root, child), child.getFileName().toString(),
            attributes.isDirectory(), attributes.isDirectory() ? 0 : attributes.size(),
            attributes.lastModifiedTime().toInstant()));
      }
    } catch (IOException e) {
      throw new WorkspaceException("cannot list " + directory + ": " + e.getMessage(), e);
    }
    entries.sort(Comparator.comparing((DatastoreEntry e) -> !e.folder()).thenComparing(DatastoreEntry::name));
    return entries;
  }

  DatasetVersion registerDataset(String name, DatasetKind kind, String datastore, String path, char delimiter)
      throws WorkspaceException {
    if (name == null || !DATASET_NAME.matcher(name).matches()) {
      throw InvalidFieldsException.of(FieldProblem.NAME, "dataset name '" + name + "' is not allowed: use letters,"
          + " digits, '.', '-' or '_', starting with a letter or digit, at most 128");
    }
    if (kind == DatasetKind.TABULAR) {
      checkDelimiter(delimiter);
    }
    Path root = datastoreRoot(datastore);
    Path data = DatastorePaths.resolve(root, datastore, path);
    if (!Files.exists(data)) {
      throw InvalidFieldsException.of("path", "datastore '" + datastore + "' has no file or folder '" + path + "'");
    }
    if (data.equals(root)) {
      throw InvalidFieldsException.of("path", "choose a file or folder inside datastore '" + datastore
          + "', not the whole datastore");
    }
    if (kind == DatasetKind.TABULAR) {
      DelimitedText.preview(data, delimiter, 0); // reads the header: refuses what is not delimited text
    }
    Character stored = kind == DatasetKind.TABULAR ? delimiter : null;
    return HistoryCalls.read(() -> store.registerDataset(name, kind, data.toString(), null, null,
        Instant.now(), stored));
  }

  private static void checkDelimiter(char delimiter) throws InvalidFieldsException {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw InvalidFieldsException.of("delimiter", "the delimiter cannot be a quote or a line break");
    }
  }

  DatasetPreview previewDataset(String name, Integer version, int maxRows) throws WorkspaceException {
    checkRows(maxRows);
    DatasetVersion dataset = HistoryCalls.read(() -> store.dataset(name, version)).orElseThrow(() -> new WorkspaceException(
        "dataset '" + name + "'" + (version == null ? "" : " version " + version) + " is not registered in this workspace"));
    if (dataset.kind() != DatasetKind.TABULAR) {
      throw new WorkspaceException("dataset '" + name + "' version " + dataset.version() + " is a " + dataset.kind().wireName()
          + " dataset: only tabular datasets have rows to preview");
    }
    Path location = Path.of(dataset.location());
    if (!Files.exists(location)) {
      throw new WorkspaceException("dataset '" + name + "' version " + dataset.version() + " is gone: "
          + location + " does not exist any more");
    }
    return DelimitedText.preview(location, dataset.delimiterOrDefault(), maxRows);
  }

  DatasetPreview previewDatastorePath(String datastore, String path, char delimiter, int maxRows)
      throws WorkspaceException {
    checkRows(maxRows);
    checkDelimiter(delimiter);
    Path data = DatastorePaths.resolve(datastoreRoot(datastore), datastore, path);
    if (!Files.exists(data)) {
      throw new WorkspaceException("datastore '" + datastore + "' has no file or folder '" + path + "'");
    }
    return DelimitedText.preview(data, delimiter, maxRows);
  }

  private static void checkRows(int maxRows) throws WorkspaceException {
    if (maxRows < 0 || maxRows > 10_000) {
      throw new WorkspaceException("a preview shows 0 to 10000 rows, not " + maxRows);
    }
  }

  List<DatasetVersion> datasets() throws WorkspaceException {
    return HistoryCalls.read(store::datasets);
  }
}
