package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's native library comes from the user's cache, extracted there once. */
class SqliteNativeLibraryTest {

  @TempDir Path cache;
  private String pathBefore;
  private String nameBefore;

  @BeforeEach
  void noLibrarySet() {
    pathBefore = System.clearProperty(SqliteNativeLibrary.PATH_PROPERTY);
    nameBefore = System.clearProperty(SqliteNativeLibrary.NAME_PROPERTY);
  }

  @AfterEach
  void restore() {
    restore(SqliteNativeLibrary.PATH_PROPERTY, pathBefore);
    restore(SqliteNativeLibrary.NAME_PROPERTY, nameBefore);
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }

  private Path library() {
    return Path.of(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY),
        System.getProperty(SqliteNativeLibrary.NAME_PROPERTY));
  }

  @Test
  void theLibraryIsExtractedIntoTheCacheAndSqliteIsPointedAtIt() throws Exception {
    SqliteNativeLibrary.useCachedCopy(cache);

    assertThat(library()).startsWith(cache.resolve("sqlite-jdbc")).isRegularFile();
    assertThat(Files.size(library())).isGreaterThan(100_000);
    try (var files = Files.list(library().getParent())) {
      assertThat(files).as("no partial copy is left behind").containsExactly(library());
    }
  }

  @Test
  void aCachedLibraryIsUsedAsItIsWithoutExtractingAgain() throws Exception {
    SqliteNativeLibrary.useCachedCopy(cache);
    Path first = library();
    FileTime written = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(first, written);
    System.clearProperty(SqliteNativeLibrary.PATH_PROPERTY);

    SqliteNativeLibrary.useCachedCopy(cache);

    assertThat(library()).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(first)).isEqualTo(written);
  }

  @Test
  void aLibraryPathTheUserSetIsKept() {
    System.setProperty(SqliteNativeLibrary.PATH_PROPERTY, "/opt/sqlite");

    SqliteNativeLibrary.useCachedCopy(cache);

    assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isEqualTo("/opt/sqlite");
    assertThat(cache.resolve("sqlite-jdbc")).doesNotExist();
  }
}
