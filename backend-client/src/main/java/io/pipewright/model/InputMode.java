package io.pipewright.model;

/**
 * How an input reaches a step. Direct and mount hand over the path where the data lives (read
 * only by convention); download copies it into the step's working directory first.
 */
public enum InputMode {
  DIRECT,
  MOUNT,
  DOWNLOAD;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
