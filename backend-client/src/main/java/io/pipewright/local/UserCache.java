package io.pipewright.local;

import java.nio.file.Path;

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
}
