package io.pipewright.local;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The user's cache directory for what Pipewright derives once and reuses on every start:
 * class-data archives of Spark, Spark's module options, SQLite's native library.
 */
final class UserCache {
  private UserCache() {}

  /** {@code PIPEWRIGHT_CACHE}, else {@code $XDG_CACHE_HOME/pipewright}, else {@code ~/.cache/pipewright}. */
  static Path directory() {
    String explicit = System.getenv("PIPEWRIGHT_CACHE");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("pipewright");
  }

  /**
   * Moves a fully written file into place in one step, so that a reader (another Pipewright
   * process) sees either no file or the whole file. Writers of the same name write the same bytes.
   */
  static void publish(Path written, Path target) throws IOException {
    try {
      Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
