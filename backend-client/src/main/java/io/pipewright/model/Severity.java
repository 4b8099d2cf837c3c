package io.pipewright.model;

/** How bad a diagnostic is. Errors stop a run; warnings and infos do not. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
