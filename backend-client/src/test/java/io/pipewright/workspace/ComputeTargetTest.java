package io.pipewright.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ComputeTargetTest {

  private static ComputeTarget standalone(String master, String... more) {
    Map<String, String> settings = new java.util.HashMap<>(Map.of("masterUrl", master));
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return new ComputeTarget("c", ComputeKind.SPARK_STANDALONE, settings);
  }

  @Test
  void aClusterOnLoopbackSeesTheWorkspacesFiles() {
    assertThat(standalone("spark://127.0.0.1:7077").seesWorkspaceFiles()).isTrue();
    assertThat(standalone("spark://localhost:7077").seesWorkspaceFiles()).isTrue();
    assertThat(new ComputeTarget("l", ComputeKind.LIVY, Map.of("url", "http://[::1]:8998")).seesWorkspaceFiles()).isTrue();
  }

  @Test
  void aClusterOnAnotherMachineSeesThemOnlyThroughAStagingFolder() {
    assertThat(standalone("spark://spark-master.example.org:7077").seesWorkspaceFiles()).isFalse();
    assertThat(standalone("spark://spark-master.example.org:7077", "stagingDir", "/mnt/shared").seesWorkspaceFiles())
        .isTrue();
  }

  @Test
  void localTargetsSeeThem() {
    assertThat(new ComputeTarget("local-spark", ComputeTarget.LOCAL_SPARK, Map.of()).seesWorkspaceFiles()).isTrue();
  }
}
