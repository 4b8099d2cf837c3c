package io.pipewright.model;

/** Tabular: delimited files with a header row. File: a set of files, read as they are. */
public enum DatasetKind {
  TABULAR,
  FILE;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
