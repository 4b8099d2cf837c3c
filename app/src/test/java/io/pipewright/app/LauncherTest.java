package io.pipewright.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
