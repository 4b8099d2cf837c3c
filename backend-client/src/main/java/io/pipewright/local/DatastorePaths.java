package io.pipewright.local;

import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Relative paths inside a datastore, which never lead outside its root. */
final class DatastorePaths {
  private DatastorePaths() {}

  /**
   * The file or folder {@code relative} names under {@code root}. Refused, with the reason: an
   * absolute path, a {@code ..} or {@code \} in it, and a link that leads outside the root.
   *
   * @param relative names separated by {@code /}; null or empty for the root itself
   */
  static Path resolve(Path root, String datastore, String relative) throws WorkspaceException {
    String path = relative == null ? "" : relative;
    if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.startsWith("~")) {
      throw new WorkspaceException("'" + path + "' is not a path inside datastore '" + datastore
          + "': give it relative to the datastore, without a leading / (for example titanic/Titanic.csv)");
    }
    if (path.contains("\\")) {
      throw new WorkspaceException("'" + path + "': separate folders with /, not \\");
    }
    Path resolved = root;
    for (String name : path.split("/")) {
      if (name.equals("..")) {
        throw new WorkspaceException("'" + path + "' is not a path inside datastore '" + datastore
            + "': '..' is not allowed, paths cannot leave the datastore");
      }
      if (!name.isEmpty() && !name.equals(".")) {
        resolved = resolved.resolve(name);
      }
    }
    if (Files.exists(resolved)) {
      try {
        Path realRoot = root.toRealPath();
        if (!resolved.toRealPath().startsWith(realRoot)) {
          throw new WorkspaceException("'" + path + "' leads outside datastore '" + datastore + "' through a link");
        }
      } catch (IOException e) {
        throw new WorkspaceException("cannot read " + resolved + ": " + e.getMessage(), e);
      }
    }
    return resolved;
  }

  /** {@code file} relative to {@code root}, with {@code /} between names. */
  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
