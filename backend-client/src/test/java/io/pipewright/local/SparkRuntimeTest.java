package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.workspace.WorkspaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the Spark home and a Java that Spark can run on. */
class SparkRuntimeTest {

  @TempDir Path temp;

  private Path fakeJavaHome(String version) throws Exception {
    Path home = Files.createDirectories(temp.resolve("jdk-" + version));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    return home;
  }

  @Test
  void aConfiguredJavaNewerThan21IsRefusedSayingWhatSparkNeeds() throws Exception {
    Path jdk25 = fakeJavaHome("25.0.1");

    assertThatThrownBy(() -> SparkRuntime.javaFor(jdk25.toString()))
        .isInstanceOf(WorkspaceException.class)
        .hasMessage("Java home " + jdk25 + " is Java 25; Spark needs Java 17 to 21");
  }

  @Test
  void aDirectoryThatIsNoJavaIsRefused() {
    assertThatThrownBy(() -> SparkRuntime.javaFor(temp.toString()))
        .hasMessage("Java home " + temp + " is not a JDK or JRE (no release file)");
  }

  @Test
  void withNothingConfiguredAJava17To21IsFound() throws Exception {
    Path java = SparkRuntime.javaFor(null);

    assertThat(java).isExecutable();
    assertThat(java.getFileName().toString()).isEqualTo("java");
  }

  @Test
  void theBundledRuntimeGivesSparksOwnModuleOptions() throws Exception {
    SparkRuntime runtime = SparkRuntime.locate(null, null);

    assertThat(runtime.moduleOptions()).contains("--add-opens=java.base/java.nio=ALL-UNNAMED");
    assertThat(runtime.sparkVersion()).startsWith("4.");
    assertThat(runtime.sqlDriverJar()).isRegularFile();
  }

  @Test
  void moduleOptionsAreRememberedInTheCacheAndReadFromIt() throws Exception {
    Path cache = temp.resolve("cache");
    SparkRuntime first = SparkRuntime.locate(null, null, cache);
    Path remembered;
    try (var files = Files.list(cache.resolve("spark-module-options"))) {
      remembered = files.findFirst().orElseThrow();
    }
    assertThat(Files.readAllLines(remembered)).isEqualTo(first.moduleOptions());

    Files.write(remembered, java.util.List.of("--add-opens=remembered/x=ALL-UNNAMED"));

    assertThat(SparkRuntime.locate(null, null, cache).moduleOptions())
        .containsExactly("--add-opens=remembered/x=ALL-UNNAMED");
  }

  @Test
  void anotherSparkLauncherJarHasItsOwnRememberedModuleOptions() throws Exception {
    Path bundled = SparkRuntime.locate(null, null).home();
    Path home = Files.createDirectories(temp.resolve("spark-home/jars")).getParent();
    Path launcherJar;
    try (var jars = Files.list(bundled.resolve("jars"))) {
      launcherJar = jars.filter(p -> p.getFileName().toString().startsWith("spark-launcher_")).findFirst().orElseThrow();
    }
    Path copy = Files.copy(launcherJar, home.resolve("jars").resolve(launcherJar.getFileName()));
    Path cache = temp.resolve("cache");
    SparkRuntime.locate(home.toString(), null, cache);

    Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
    SparkRuntime replaced = SparkRuntime.locate(home.toString(), null, cache);

    assertThat(replaced.moduleOptions()).contains("--add-opens=java.base/java.nio=ALL-UNNAMED");
    try (var files = Files.list(cache.resolve("spark-module-options"))) {
      assertThat(files).hasSize(2);
    }
  }

  @Test
  void aSparkHomeWithoutJarsIsRefusedSayingHowToBuildOne() {
    assertThatThrownBy(() -> SparkRuntime.locate(temp.toString(), null))
        .hasMessageContaining("has no jars/ directory")
        .hasMessageContaining("./mvnw -pl spark-runtime package");
  }
}
