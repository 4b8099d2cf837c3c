package io.pipewright.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentFilesTest {

  @Test
  void addingMovesAFileToTheFrontOnce() {
    List<Path> list = List.of(Path.of("/a"), Path.of("/b"), Path.of("/c"));

    assertThat(RecentFiles.add(list, Path.of("/b"))).containsExactly(Path.of("/b"), Path.of("/a"), Path.of("/c"));
  }

  @Test
  void theSameFileSpelledDifferentlyIsOneEntry() {
    assertThat(RecentFiles.add(List.of(Path.of("/a/x")), Path.of("/a/../a/x"))).containsExactly(Path.of("/a/x"));
  }

  @Test
  void keepsTheTenNewest() {
    List<Path> list = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      list = RecentFiles.add(list, Path.of("/f" + i));
    }

    assertThat(list).hasSize(RecentFiles.MAX).startsWith(Path.of("/f14")).endsWith(Path.of("/f5"));
  }

  @Test
  void removingDropsOnlyThatFile() {
    assertThat(RecentFiles.remove(List.of(Path.of("/a"), Path.of("/b")), Path.of("/a"))).containsExactly(Path.of("/b"));
  }
}
