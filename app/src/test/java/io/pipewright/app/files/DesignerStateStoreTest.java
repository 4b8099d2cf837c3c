package io.pipewright.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesignerStateStoreTest {
  @TempDir Path home;

  @Test
  void remembersWindowLayoutThemeRecentAndLastFile() {
    DesignerState state = new DesignerState(new DesignerState.Bounds(10, 20, 1200, 800), true,
        List.of(0.2, 0.7), List.of(0.6), true, List.of(home.resolve("a.pipeline.json"), home.resolve("b c.pipeline.json")),
        home.resolve("b c.pipeline.json"), List.of("palette", "bottom"));
    DesignerStateStore store = DesignerStateStore.in(home);

    store.save(state);

    assertThat(DesignerStateStore.in(home).load()).isEqualTo(state);
    assertThat(store.file()).isEqualTo(home.resolve("designer.properties"));
  }

  @Test
  void aFirstStartHasNoState() {
    assertThat(DesignerStateStore.in(home).load()).isEqualTo(DesignerState.FIRST_START);
  }

  @Test
  void nonsenseInTheFileIsIgnoredFieldByField() throws IOException {
    Files.writeString(home.resolve("designer.properties"),
        "window.bounds=a,b\nsplit.horizontal=0.2,7\nsplit.vertical=0.5\ntheme.dark=true\nrecent.0=/x.pipeline.json\n");

    DesignerState state = DesignerStateStore.in(home).load();

    assertThat(state.windowBounds()).isEmpty();
    assertThat(state.horizontalDividers()).isEmpty();
    assertThat(state.verticalDividers()).containsExactly(0.5);
    assertThat(state.dark()).isTrue();
    assertThat(state.recentFiles()).containsExactly(Path.of("/x.pipeline.json"));
    assertThat(state.last()).isEmpty();
  }
}
