package io.pipewright.model;

/** Tabular: delimited files with a header row. File: a set of files, read as they are. */
public enum DatasetKind {
  TABULAR,
  FILE;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The kind a {@link #wireName()} names. */
  public static DatasetKind fromWireName(String wireName) {
    for (DatasetKind kind : values()) {
      if (kind.wireName().equals(wireName)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no dataset kind '" + wireName + "'");
  }
}
