package io.pipewright.model;

/** A place in a pipeline file: 1-based line and column. */
public record SourceLocation(int line, int column) {

  public static final SourceLocation START = new SourceLocation(1, 1);

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
