package io.pipewright.graph.model;

/** The answer of an {@link EdgeValidator}: legal, or refused with a reason the user reads. */
public record EdgeCheck(boolean legal, String reason) {
  private static final EdgeCheck OK = new EdgeCheck(true, "");

  public static EdgeCheck ok() {
    return OK;
  }

  public static EdgeCheck refuse(String reason) {
    return new EdgeCheck(false, reason);
  }
}
