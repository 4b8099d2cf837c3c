package io.pipewright.app.datasets;

import io.pipewright.app.context.AppContext;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.TabularFiles;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.DatastoreEntry;
import io.pipewright.workspace.FieldProblem;
import io.pipewright.workspace.InvalidFieldsException;
import io.pipewright.workspace.Workspace;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Registering a datastore file or folder as a dataset: its name (the next version when the name
 * exists), tabular (delimited with a header) or file, and the delimiter.
 */
public final class RegisterDatasetViewModel {
  /** The delimiters offered, as shown, and what they stand for. */
  public static final List<Delimiter> DELIMITERS = List.of(new Delimiter("Comma ( , )", ','),
      new Delimiter("Semicolon ( ; )", ';'), new Delimiter("Tab", '\t'), new Delimiter("Pipe ( | )", '|'));

  /** The workspace's rule for dataset names. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final AppContext context;
  private final String datastore;
  private final DatastoreEntry entry;
  private final Consumer<DatasetVersion> onRegistered;
  private final StringProperty name = new SimpleStringProperty(this, "name", "");
  private final ObjectProperty<DatasetKind> kind = new SimpleObjectProperty<>(this, "kind", DatasetKind.TABULAR);
  private final ObjectProperty<Delimiter> delimiter = new SimpleObjectProperty<>(this, "delimiter", DELIMITERS.get(0));
  private final ReadOnlyStringWrapper nameProblem = new ReadOnlyStringWrapper(this, "nameProblem", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving", false);
  private final BooleanBinding valid;

  /** A delimiter as offered in the form. */
  public record Delimiter(String label, char value) {
    @Override
    public String toString() {
      return label;
    }
  }

  RegisterDatasetViewModel(AppContext context, String datastore, DatastoreEntry entry,
      Consumer<DatasetVersion> onRegistered) {
    this.context = context;
    this.datastore = datastore;
    this.entry = entry;
    this.onRegistered = onRegistered;
    name.addListener((o, a, b) -> checkName());
    kind.set(entry.folder() ? DatasetKind.TABULAR : TabularFiles.kindOf(entry.name()));
    if (!entry.folder()) {
      char implied = TabularFiles.delimiterOf(entry.name());
      DELIMITERS.stream().filter(d -> d.value() == implied).findFirst().ifPresent(delimiter::set);
    }
    name.set(suggestedName(entry.name()));
    checkName();
    valid = Bindings.createBooleanBinding(() -> nameProblem.get().isEmpty() && !saving.get(), nameProblem, saving);
    kind.addListener((o, a, b) -> error.set(""));
    delimiter.addListener((o, a, b) -> error.set(""));
  }

  /** {@code Titanic.csv} → {@code titanic}: the file name without its extension, in lower case, cleaned. */
  static String suggestedName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
    String cleaned = stem.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
        .replaceAll("^[^a-z0-9]+", "");
    return cleaned.length() > 128 ? cleaned.substring(0, 128) : cleaned;
  }

  private void checkName() {
    String n = name.get() == null ? "" : name.get().strip();
    if (n.isEmpty()) {
      nameProblem.set("a dataset needs a name");
    } else if (!NAME.matcher(n).matches()) {
      nameProblem.set("dataset name '" + n + "' is not allowed: use letters, digits, '.', '-' or '_', starting"
          + " with a letter or digit, at most 128");
    } else {
      nameProblem.set("");
    }
    error.set("");
  }

  /** Registers in the background; the header of a tabular dataset is read to check it. */
  public void register(Runnable onDone) {
    Optional<Workspace> workspace = context.workspace().map(w -> w);
    if (!valid.get() || workspace.isEmpty()) {
      return;
    }
    String n = name.get().strip();
    DatasetKind k = kind.get();
    char d = delimiter.get().value();
    saving.set(true);
    error.set("");
    context.executor().submit(() -> workspace.get().registerDataset(n, k, datastore, entry.path(), d), version -> {
      saving.set(false);
      onRegistered.accept(version);
      onDone.run();
    }, e -> {
      saving.set(false);
      if (e instanceof InvalidFieldsException) {
        for (FieldProblem p : ((InvalidFieldsException) e).problems()) {
          if (FieldProblem.NAME.equals(p.field())) {
            nameProblem.set(p.message());
          } else {
            error.set(p.message());
          }
        }
      } else {
        error.set("Cannot register " + entry.path() + " as " + k.wireName() + ": " + e.getMessage());
      }
    });
  }

  /** What is registered: "Titanic.csv in datastore default". */
  public String source() {
    return entry.path() + " in datastore " + datastore + (entry.folder() ? " (a folder: all its files)" : "");
  }

  public StringProperty nameProperty() {
    return name;
  }

  public ObjectProperty<DatasetKind> kindProperty() {
    return kind;
  }

  public ObjectProperty<Delimiter> delimiterProperty() {
    return delimiter;
  }

  public ReadOnlyStringProperty nameProblemProperty() {
    return nameProblem.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty savingProperty() {
    return saving.getReadOnlyProperty();
  }

  public BooleanBinding validBinding() {
    return valid;
  }
}
