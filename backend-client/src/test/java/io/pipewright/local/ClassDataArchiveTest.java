package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who writes Spark's class-data archive, who uses it, and that a half-written one is never used. */
class ClassDataArchiveTest {

  @TempDir Path temp;
  private Path jars;
  private Path java;

  @BeforeEach
  void sparkJars() throws Exception {
    jars = Files.createDirectories(temp.resolve("jars"));
    Files.writeString(jars.resolve("spark-core_2.13-4.1.3.jar"), "jar");
    java = Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private ClassDataArchive archive() throws Exception {
    return ClassDataArchive.of(temp.resolve("cache"), java, jars, List.of("-XX:TieredStopAtLevel=1"));
  }

  @Test
  void theFirstDriverWritesTheArchiveAndOnlyOneWritesAtATime() throws Exception {
    ClassDataArchive.Use first = archive().use();
    ClassDataArchive.Use second = archive().use();

    assertThat(first.writes()).isTrue();
    assertThat(first.jvmOptions()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=") && o.endsWith(".jsa.partial"));
    assertThat(second.writes()).isFalse();
    assertThat(second.jvmOptions()).noneMatch(o -> o.startsWith("-XX:"));
  }

  @Test
  void aWrittenArchiveIsUsedByTheNextDriver() throws Exception {
    ClassDataArchive archive = archive();
    archive.use();
    Files.writeString(archive.path().resolveSibling(archive.path().getFileName() + ".partial"), "archive bytes");

    archive.written(true);

    assertThat(archive.path()).hasContent("archive bytes");
    assertThat(archive().use().jvmOptions()).contains("-XX:SharedArchiveFile=" + archive.path());
  }

  @Test
  void theArchiveOfAFailedDriverIsThrownAwayAndTheNextDriverWritesAgain() throws Exception {
    ClassDataArchive archive = archive();
    archive.use();
    Files.writeString(archive.path().resolveSibling(archive.path().getFileName() + ".partial"), "half");

    archive.written(false);

    assertThat(archive.path()).doesNotExist();
    assertThat(archive().use().writes()).isTrue();
  }

  @Test
  void anArchiveWrittenAtInstallIsUsedWhenTheUsersCacheHasNone() throws Exception {
    Path installedDirectory = temp.resolve("installed");
    ClassDataArchive atInstall = ClassDataArchive.of(installedDirectory, java, jars, List.of("-XX:TieredStopAtLevel=1"));
    atInstall.use();
    Files.writeString(atInstall.path().resolveSibling(atInstall.path().getFileName() + ".partial"), "installed");
    atInstall.written(true);

    ClassDataArchive.Use use = ClassDataArchive.of(temp.resolve("cache"), installedDirectory, java, jars,
        List.of("-XX:TieredStopAtLevel=1")).use();

    assertThat(use.writes()).isFalse();
    assertThat(use.jvmOptions()).contains("-XX:SharedArchiveFile=" + atInstall.path());
  }

  @Test
  void theUsersOwnArchiveComesBeforeTheInstalledOneAndOtherOptionsMatchNeither() throws Exception {
    Path installedDirectory = Files.createDirectories(temp.resolve("installed"));
    ClassDataArchive users = archive();
    Files.writeString(users.path(), "user's");
    Files.writeString(installedDirectory.resolve(users.path().getFileName()), "installed");

    assertThat(ClassDataArchive.of(temp.resolve("cache"), installedDirectory, java, jars,
        List.of("-XX:TieredStopAtLevel=1")).use().jvmOptions()).contains("-XX:SharedArchiveFile=" + users.path());
    assertThat(ClassDataArchive.of(temp.resolve("cache"), installedDirectory, java, jars,
        List.of("-Xss4m")).use().writes()).as("an archive of other JVM options is another archive").isTrue();
  }

  @Test
  void aNewArchiveLeavesTheCacheWithTheThreeUsedLastAndNothingElseTouched() throws Exception {
    Path cache = Files.createDirectories(temp.resolve("cache"));
    long now = System.currentTimeMillis();
    for (int i = 1; i <= 4; i++) { // spark-1.jsa, used 4 hours ago … spark-4.jsa, 1 hour ago
      Path old = Files.writeString(cache.resolve("spark-" + i + ".jsa"), "old");
      Files.setLastModifiedTime(old, FileTime.fromMillis(now - (5 - i) * 3_600_000L));
    }
    Files.createDirectories(cache.resolve("bootstrap"));
    ClassDataArchive archive = archive();
    archive.use();
    Files.writeString(archive.path().resolveSibling(archive.path().getFileName() + ".partial"), "new");

    archive.written(true);

    try (var files = Files.list(cache)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(archive.path().getFileName().toString(), "spark-4.jsa", "spark-3.jsa", "bootstrap");
    }
  }

  @Test
  void usingAnArchiveMarksItUsedSoThatPruningKeepsIt() throws Exception {
    ClassDataArchive archive = archive();
    Files.createDirectories(archive.path().getParent());
    Files.writeString(archive.path(), "archive");
    Files.setLastModifiedTime(archive.path(), FileTime.fromMillis(0));

    archive().use();

    assertThat(Files.getLastModifiedTime(archive.path()).toMillis()).isGreaterThan(System.currentTimeMillis() - 60_000);
  }

  @Test
  void otherJarsGiveAnotherArchive() throws Exception {
    Path before = archive().path();
    Files.writeString(jars.resolve("extra.jar"), "more");

    assertThat(archive().path()).isNotEqualTo(before);
  }

  @Test
  void jvmWarningsGoToStderrNotToTheJobsStdout() throws Exception {
    assertThat(archive().use().jvmOptions()).startsWith("-Xlog:disable", "-Xlog:all=warning:stderr");
  }
}
