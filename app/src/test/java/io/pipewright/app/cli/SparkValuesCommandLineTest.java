package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case: a driver memory Spark cannot start with, and a conf value Spark refuses, are
 * located errors of {@code validate} and {@code run}, and nothing runs (it used to fail after the
 * driver started, with "Unable to initialize main class org.apache.spark.deploy.SparkSubmit").
 */
class SparkValuesCommandLineTest {

  @TempDir Path temp;

  @Test
  void sparkValuesSparkWouldRefuseAreLocatedErrorsAndNothingRuns() throws Exception {
    Files.writeString(temp.resolve("prep.sql"), "SELECT 1;\n");
    Path file = Files.writeString(temp.resolve("p.pipeline.json"), """
        {
          "schemaVersion": 1,
          "id": "p",
          "defaultCompute": "local-spark",
          "steps": [
            {"id": "prep", "type": "spark", "entry": {"sql": "prep.sql"},
             "spark": {"driverMemory": "100m",
                       "conf": {"spark.sql.shuffle.partitions": "abc"}}}
          ]
        }
        """);
    String ws = temp.resolve("ws").toString();

    Cli validate = Cli.run("validate", file.toString(), "--workspace", ws);
    Cli run = Cli.run("run", file.toString(), "--workspace", ws);

    assertThat(validate.exitCode()).isEqualTo(1);
    assertThat(validate.out()).contains(file + ":7:16: error PW129 Driver memory of step 'prep' 100m is below the "
        + "450m Spark needs to start")
        .contains(file + ":8:25: error PW130 step 'prep': spark.sql.shuffle.partitions must be a whole number of 1 or "
            + "more, not 'abc'");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(file + ":7:16: error PW129").contains("has errors; nothing was run");
    assertThat(Cli.run("runs", "list", "--workspace", ws).out()).startsWith("no runs yet");
  }
}
