package io.pipewright.model;

import java.util.List;
import java.util.Locale;

/**
 * The one rule for "is this file tabular": delimited text with a header, told by its extension
 * ({@code .csv}, {@code .tsv}, {@code .psv}, {@code .txt}), and the delimiter the extension implies.
 * The palette, the register dialog and the Datasets tab's preview all ask here.
 */
public final class TabularFiles {
  /** The extensions of delimited text, as a user reads them in a message. */
  public static final List<String> EXTENSIONS = List.of(".csv", ".tsv", ".psv", ".txt");

  private TabularFiles() {}

  /** Whether a file of this name ({@code Titanic.csv}, {@code titanic/Titanic.csv}) is read as tabular. */
  public static boolean isTabular(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(lower::endsWith);
  }

  /** {@link DatasetKind#TABULAR} for delimited text, else {@link DatasetKind#FILE}. */
  public static DatasetKind kindOf(String fileName) {
    return isTabular(fileName) ? DatasetKind.TABULAR : DatasetKind.FILE;
  }

  /** The delimiter a file's extension implies: tab for {@code .tsv}, pipe for {@code .psv}, else comma. */
  public static char delimiterOf(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tsv")) {
      return '\t';
    }
    if (lower.endsWith(".psv")) {
      return '|';
    }
    return ',';
  }

  /** ".csv, .tsv, .psv, .txt", for messages. */
  public static String extensionList() {
    return String.join(", ", EXTENSIONS);
  }
}
