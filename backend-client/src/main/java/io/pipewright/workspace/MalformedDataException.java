package io.pipewright.workspace;

/** Data that cannot be read as what it was registered as, with where the problem is. */
public class MalformedDataException extends WorkspaceException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  /**
   * @param file the file, relative to the dataset's folder when it has part files
   * @param line the 1-based line the problem is on, or 0 when it is about the whole file
   */
  public MalformedDataException(String file, int line, String problem) {
    super(file + (line > 0 ? " line " + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }
}
