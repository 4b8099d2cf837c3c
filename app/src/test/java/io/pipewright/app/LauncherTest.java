package io.pipewright.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
  @Test
  void saysInOneLineThatTheDesignerNeedsADisplayOnLinuxWithoutOne() {
    assertThat(Launcher.missingDisplay("Linux", null, null, null))
        .contains("no display").contains("./pipewright --help");
  }

  @Test
  void opensTheDesignerWithX11OrWaylandOrAHeadlessGlassPlatform() {
    assertThat(Launcher.missingDisplay("Linux", ":0", null, null)).isNull();
    assertThat(Launcher.missingDisplay("Linux", null, "wayland-0", null)).isNull();
    assertThat(Launcher.missingDisplay("Linux", null, null, "Monocle")).isNull();
    assertThat(Launcher.missingDisplay("Mac OS X", null, null, null)).isNull();
  }

  @Test
  void aPipelineFileAloneOpensTheDesignerOnIt(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("mine.pipeline.json"), "{}");
    Path other = Files.writeString(dir.resolve("pipeline.json"), "{}");

    assertThat(Launcher.fileToOpen(new String[] {file.toString()})).contains(file);
    assertThat(Launcher.fileToOpen(new String[] {other.toString()})).contains(other);
    assertThat(Launcher.fileToOpen(new String[] {"missing.pipeline.json"}))
        .as("a pipeline's name that is not there (main says: no such file)")
        .contains(Path.of("missing.pipeline.json"));
  }

  @Test
  void commandsOptionsAndSeveralArgumentsAreTheCommandLine(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("mine.pipeline.json"), "{}");

    assertThat(Launcher.fileToOpen(new String[] {"runs"})).isEmpty();
    assertThat(Launcher.fileToOpen(new String[] {"--help"})).isEmpty();
    assertThat(Launcher.fileToOpen(new String[] {"--version"})).isEmpty();
    assertThat(Launcher.fileToOpen(new String[] {"rnu"})).as("a mistyped command").isEmpty();
    assertThat(Launcher.fileToOpen(new String[] {"validate", file.toString()})).isEmpty();
    assertThat(Launcher.fileToOpen(new String[] {dir.toString()})).as("a directory").isEmpty();
    assertThat(Launcher.fileToOpen(new String[0])).isEqualTo(Optional.empty());
  }
}
