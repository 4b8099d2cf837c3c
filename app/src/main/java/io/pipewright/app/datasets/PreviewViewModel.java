package io.pipewright.app.datasets;

import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.workspace.DatasetPreview;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The first rows of a tabular dataset (or a datastore file), read in the background. A newer
 * request replaces an older one still loading.
 */
public final class PreviewViewModel {
  private final TaskExecutor executor;
  private final ObservableList<String> header = FXCollections.observableArrayList();
  private final ObservableList<List<String>> rows = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private long generation;

  public PreviewViewModel(TaskExecutor executor) {
    this.executor = executor;
  }

  /** Loads {@code what} ("titanic version 1") with {@code read}, replacing what is shown. */
  public void load(String what, Callable<DatasetPreview> read) {
    long mine = ++generation;
    loading.set(true);
    error.set("");
    message.set("Reading " + what + "…");
    executor.submit(read, preview -> {
      if (mine != generation) {
        return;
      }
      loading.set(false);
      // the rows first: the columns are sized to the header and the rows when the header changes
      rows.setAll(preview.rows());
      header.setAll(preview.header());
      message.set(describe(what, preview));
    }, e -> {
      if (mine != generation) {
        return;
      }
      loading.set(false);
      header.clear();
      rows.clear();
      message.set("");
      error.set("Cannot preview " + what + ": " + e.getMessage());
    });
  }

  static String describe(String what, DatasetPreview preview) {
    int n = preview.rows().size();
    String count = preview.more() ? "first " + n + " rows" : n + (n == 1 ? " row" : " rows") + " (all)";
    return what + ": " + count + ", " + preview.header().size() + " columns, from " + preview.source();
  }

  /** Shows nothing (a file dataset or a folder was chosen). */
  public void clear(String why) {
    ++generation;
    loading.set(false);
    header.clear();
    rows.clear();
    error.set("");
    message.set(why);
  }

  public ObservableList<String> header() {
    return header;
  }

  public ObservableList<List<String>> rows() {
    return rows;
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }
}
