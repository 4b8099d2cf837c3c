package io.pipewright.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @Test
  void replacesTheFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("settings.properties");
    Files.writeString(file, "old content");

    AtomicFiles.writeString(file, "new content ü");

    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("new content ü");
    assertThat(listing(dir)).containsExactly(file);
  }

  @Test
  void createsTheMissingDirectories(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("a/b/c.txt");

    AtomicFiles.copy(new ByteArrayInputStream("copied".getBytes(StandardCharsets.UTF_8)), file);

    assertThat(Files.readString(file)).isEqualTo("copied");
    assertThat(listing(file.getParent())).containsExactly(file);
  }

  @Test
  void keepsTheOldFileWhenAWriteFailsMidway(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("titanic.pipeline.json");
    Files.writeString(file, "old content");

    assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
      out.write("{\"schemaVersion\": 1, \"id\": ".getBytes(StandardCharsets.UTF_8));
      throw new IOException("No space left on device");
    })).isInstanceOf(IOException.class).hasMessage("No space left on device");

    assertThat(Files.readString(file)).isEqualTo("old content");
    assertThat(listing(dir)).containsExactly(file);
  }

  @Test
  void keepsWhatIsInTheWayWhenTheNewFileCannotBeMovedOverIt(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("out.png");
    Files.createDirectories(target.resolve("kept"));

    assertThatThrownBy(() -> AtomicFiles.writeString(target, "x")).isInstanceOf(IOException.class);

    assertThat(target.resolve("kept")).isDirectory();
    assertThat(listing(dir)).containsExactly(target);
  }

  @Test
  void publishesAWrittenFileOverAnOlderOne(@TempDir Path dir) throws IOException {
    Path written = Files.writeString(dir.resolve("archive.partial"), "whole");
    Path target = Files.writeString(dir.resolve("archive.jsa"), "older");

    AtomicFiles.publish(written, target);

    assertThat(Files.readString(target)).isEqualTo("whole");
    assertThat(listing(dir)).containsExactly(target);
  }

  private static java.util.List<Path> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
