package io.pipewright.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AboutTest {

  @Test
  void namesTheVersionTheJavaTheSparkAndTheWorkspace() {
    String text = About.text("pipewright 0.1.0 (build 314354f)", "17.0.15", Path.of("/opt/pipewright/lib/runtime"),
        Optional.of(Path.of("/opt/pipewright/lib/app/spark-home")),
        Optional.of("Spark 4.1.3 (Scala 2.13) assembled by Pipewright 0.1.0-SNAPSHOT from Maven Central"),
        Path.of("/home/ada/.pipewright"));

    assertThat(text).isEqualTo("""
        pipewright 0.1.0 (build 314354f)

        Java 17.0.15: /opt/pipewright/lib/runtime
        Spark 4.1.3 (Scala 2.13): /opt/pipewright/lib/app/spark-home
        Workspace: /home/ada/.pipewright""");
  }

  @Test
  void saysWhenNoSparkHomeIsConfiguredOrItsVersionIsUnknown() {
    assertThat(About.text("pipewright (development build)", "17", Path.of("/jdk"), Optional.empty(), Optional.empty(),
        Path.of("/w"))).contains("Spark: no Spark home is configured");
    assertThat(About.text("pipewright (development build)", "17", Path.of("/jdk"), Optional.of(Path.of("/spark")),
        Optional.empty(), Path.of("/w"))).contains("Spark (version unknown): /spark");
  }

  @Test
  void describesThisJvmAndTheBuildsSparkHome() throws Exception {
    // The tests run with -Dpipewright.spark.runtime set to the build's Spark home (app/pom.xml).
    assertThat(About.describe(Path.of("/w")))
        .startsWith("pipewright (development build)")
        .contains("Java " + System.getProperty("java.version"))
        .containsPattern("Spark \\d+\\.\\d+\\.\\d+ \\(Scala [\\d.]+\\): ")
        .endsWith("Workspace: /w");
  }
}
