package io.pipewright.local;

import io.pipewright.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, extracted once into the user's cache instead of on every start.
 *
 * <p>Left alone, sqlite-jdbc copies its ~1 MiB native library out of its jar into the temporary
 * directory at every start, compares the copy byte by byte, and runs {@code uname} to tell
 * Android from Linux: ~0.1–0.2 s of every command. Pointing {@code org.sqlite.lib.path} and
 * {@code org.sqlite.lib.name} at a copy in {@code ~/.cache/pipewright/sqlite-jdbc/VERSION-OS-ARCH}
 * makes it load that copy directly. Should the copy not load (say, a cache shared with a machine
 * of another C library), sqlite-jdbc falls back to its own extraction, so this can only save time.
 * A user who sets {@code org.sqlite.lib.path} keeps it.
 */
final class SqliteNativeLibrary {

  static final String PATH_PROPERTY = "org.sqlite.lib.path";
  static final String NAME_PROPERTY = "org.sqlite.lib.name";

  private SqliteNativeLibrary() {}

  /** Points sqlite-jdbc at a cached copy of its library (extracting it on first use). Never fails. */
  static synchronized void useCachedCopy(Path cacheDirectory) {
    if (System.getProperty(PATH_PROPERTY) != null) {
      return;
    }
    try {
      String name = LibraryLoaderUtil.getNativeLibName();
      Path directory = cacheDirectory.resolve("sqlite-jdbc").resolve(SQLiteJDBCLoader.getVersion() + "-"
          + safe(System.getProperty("os.name")) + "-" + safe(System.getProperty("os.arch")));
      Path library = directory.resolve(name);
      if (!Files.isRegularFile(library)) {
        extract(name, directory, library);
      }
      System.setProperty(NAME_PROPERTY, name);
      System.setProperty(PATH_PROPERTY, directory.toString());
    } catch (IOException | RuntimeException e) {
      // sqlite-jdbc extracts the library itself, as it always did.
    }
  }

  private static void extract(String name, Path directory, Path library) throws IOException {
    // The resource path is where sqlite-jdbc detects the OS flavour (the slow part): once per cache.
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("sqlite-jdbc has no " + resource);
      }
      Files.createDirectories(directory);
      Path partial = Files.createTempFile(directory, name, ".partial");
      try {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        partial.toFile().setExecutable(true); // as sqlite-jdbc's own extraction does
        AtomicFiles.publish(partial, library);
      } finally {
        Files.deleteIfExists(partial);
      }
    }
  }

  private static String safe(String s) {
    return s == null ? "unknown" : s.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
