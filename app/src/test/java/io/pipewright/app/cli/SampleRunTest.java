package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples, run through the command line on real Spark, as a user would. */
class SampleRunTest {

  @TempDir Path workspace;

  @Test
  void theTitanicSampleRunsOnSparkTrainsAModelAndAnIdenticalRerunReusesEveryStep() {
    String sample = Cli.samples().resolve("titanic/titanic.pipeline.json").toString();

    Cli first = Cli.run("run", sample, "--workspace", workspace.toString());

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out())
        .contains("Prepare data | |PassengerId|Survived|Pclass|Name")
        .contains("Prepare data | wrote output 'prepared': 891 rows")
        .contains("Train model  |   accuracy")
        .contains("[Prepare data] Completed")
        .contains("[Train model] Completed");
    assertThat(first.lastLine()).matches("run \\d{8}-\\d{6}-[0-9a-f]{4} Completed in \\d+\\.\\ds");
    assertThat(Cli.run("datasets", "list", "--workspace", workspace.toString()).out())
        .containsPattern("titanic_prepared\\s+1\\s+tabular");

    Cli second = Cli.run("run", sample, "--workspace", workspace.toString());

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).contains("[Prepare data] Reused: identical to step 'prep' of run")
        .contains("[Train model] Reused").doesNotContain("|PassengerId|");
    assertThat(second.lastLine()).contains(" Completed in ");
    assertThat(Cli.run("datasets", "list", "--workspace", workspace.toString()).out())
        .doesNotContain("titanic_prepared  2");
    String runId = second.lastLine().split(" ")[1];
    assertThat(Cli.run("runs", "show", runId, "--workspace", workspace.toString()).out())
        .containsPattern("prep\\s+Prepare data\\s+Reused")
        .contains("reused: identical to step 'prep'");
  }

  @Test
  void theSynapseTitanicSampleRunsHereWithTargetLocalSparkItsScriptStepAsALocalProcess() {
    // The workspace has neither the Synapse pool nor the Azure ML cluster the sample names.
    String sample = Cli.samples().resolve("synapse-titanic/synapse-titanic.pipeline.json").toString();

    Cli run = Cli.run("run", sample, "--target", "local-spark", "--workspace", workspace.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).doesNotContain("cpu-cluster").doesNotContain("synapse-pool");
    assertThat(run.out())
        .contains("[Prepare data] Running on local-spark")
        .contains("Prepare data | wrote output 'prepared': 891 rows")
        .contains("[Train model] Running on local-process")
        .contains("[Train model] Completed");
    assertThat(run.lastLine()).matches("run \\d{8}-\\d{6}-[0-9a-f]{4} Completed in \\d+\\.\\ds");
  }

  @Test
  void theJvmSampleRunsAJarWithAMainClassOnSpark() {
    String sample = Cli.samples().resolve("titanic-jvm/titanic-jvm.pipeline.json").toString();

    Cli run = Cli.run("run", sample, "--workspace", workspace.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Survival by class | ").contains("|Pclass|");
    assertThat(Cli.run("datasets", "list", "--workspace", workspace.toString()).out())
        .containsPattern("titanic_survival\\s+1\\s+tabular");
  }
}
