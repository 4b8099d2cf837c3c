package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.model.Layout;
import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipewright export-aml} and {@code pipewright import-aml}. */
class AzureMlYamlCommandsTest {
  @TempDir Path dir;

  private Path driverJar() throws Exception {
    return Files.write(dir.resolve("driver.jar"), new byte[] {'P', 'K', 3, 4});
  }

  @Test
  void exportsTheSynapseSampleAndSaysWhatAzureMlMayRefuse() throws Exception {
    Path sample = Cli.samples().resolve("synapse-titanic/synapse-titanic.pipeline.json");
    Path out = dir.resolve("aml");

    Cli cli = Cli.run("export-aml", sample.toString(), "-o", out.toString(), "--sql-driver-jar",
        driverJar().toString());

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).contains("wrote " + out.resolve("pipeline.yml"), "az ml job create -f");
    // Where the pipeline file says it: the mode of the input (line 56 of the sample).
    assertThat(cli.err().strip()).startsWith(sample + ":56:11: warning: PW322 the input "
        + "'titanic_file' of Spark step 'Prepare data'");
    String yaml = Files.readString(out.resolve("pipeline.yml"), StandardCharsets.UTF_8);
    assertThat(yaml).contains("type: pipeline", "default_compute: azureml:synapse-pool",
        "path: \"${{parent.jobs.prep.outputs.prepared}}\"");
    assertThat(out.resolve("prep/pipewright-spark-driver.jar")).isRegularFile();
    assertThat(out.resolve("train/train.py")).isRegularFile();
  }

  @Test
  void targetPutsEverySparkStepOnOneAzureMlCompute() throws Exception {
    Path sample = Cli.samples().resolve("titanic/titanic.pipeline.json");
    Path out = dir.resolve("aml");

    Cli cli = Cli.run("export-aml", sample.toString(), "-o", out.toString(), "--target", "synapse-pool",
        "--sql-driver-jar", driverJar().toString());

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    String yaml = Files.readString(out.resolve("pipeline.yml"), StandardCharsets.UTF_8);
    // The steps' own computes (four spaces in: a job's); the pipeline's default stays as it was.
    assertThat(yaml).contains("\n    compute: azureml:synapse-pool\n", "\n    compute: azureml:local-process\n",
        "default_compute: azureml:local-spark");
    assertThat(yaml).doesNotContain("\n    compute: azureml:local-spark\n");
  }

  @Test
  void refusesToExportASqlStepWithoutTheSqlDriver() {
    Path sample = Cli.samples().resolve("synapse-titanic/synapse-titanic.pipeline.json");

    Cli cli = Cli.run("export-aml", sample.toString(), "-o", dir.resolve("aml").toString(), "--sql-driver-jar",
        dir.resolve("nothing.jar").toString());

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
    assertThat(cli.err()).contains(": error: PW323 SQL steps need Pipewright's SQL driver jar");
  }

  @Test
  void importsWhatItExportedWithALayoutAndNoWarnings() throws Exception {
    Path sample = Cli.samples().resolve("synapse-titanic/synapse-titanic.pipeline.json");
    Path out = dir.resolve("aml");
    assertThat(Cli.run("export-aml", sample.toString(), "-o", out.toString(), "--sql-driver-jar",
        driverJar().toString()).exitCode()).isZero();
    Path imported = out.resolve("imported.pipeline.json");

    Cli cli = Cli.run("import-aml", out.resolve("pipeline.yml").toString(), "-o", imported.toString());

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.err()).isEmpty();
    assertThat(cli.out()).contains("wrote " + imported + ": 2 steps, 2 datasets, 3 edges");
    LoadedPipeline loaded = PipelineFormat.read(imported);
    assertThat(loaded.hasErrors()).as(loaded.problems().toString()).isFalse();
    Pipeline p = loaded.pipeline();
    assertThat(p.step("prep").orElseThrow().sourceDirectory()).isEqualTo("prep");
    Layout.Position titanic = p.layout().nodes().get("titanic");
    Layout.Position prep = p.layout().nodes().get("prep");
    Layout.Position train = p.layout().nodes().get("train");
    assertThat(p.layout().nodes()).containsOnlyKeys("titanic", "titanic_file", "prep", "train");
    assertThat(titanic.x()).isLessThan(prep.x());
    assertThat(prep.x()).isLessThan(train.x());
    // And Pipewright validates it: the imported file is a pipeline of this format.
    Cli validate = Cli.run("--workspace", dir.resolve("ws").toString(), "validate", imported.toString());
    // (a fresh workspace has no synapse-pool nor cpu-cluster: PW117 is all it may say)
    assertThat(validate.out().lines().filter(l -> l.contains(" error ")))
        .isNotEmpty().allSatisfy(l -> assertThat(l).contains("error PW117"));
  }

  @Test
  void printsEachWarningWithItsLineAndColumn() throws Exception {
    Path yml = Files.writeString(dir.resolve("job.yml"), """
        $schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
        type: pipeline
        settings:
          default_compute: azureml:cpu-cluster
        jobs:
          hello:
            type: command
            command: python hello.py --out ${{outputs.greeting}}
            environment: azureml:AzureML-sklearn-1.5@latest
            identity:
              type: managed
            outputs:
              greeting:
        """);

    Cli cli = Cli.run("import-aml", yml.toString(), "-o", dir.resolve("hello.pipeline.json").toString());

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.err().lines()).containsExactly(
        yml + ":9:5: warning: PW308 the job hello runs in the Azure ML environment azureml:AzureML-sklearn-1.5@latest, "
            + "which Pipewright cannot read; list the packages it needs in the step's environment",
        yml + ":10:5: warning: PW303 the field identity of job hello has no place in a Pipewright step and is left out");
    Pipeline p = PipelineFormat.read(dir.resolve("hello.pipeline.json")).pipeline();
    assertThat(p.defaultCompute()).isEqualTo("cpu-cluster");
    assertThat(p.step("hello").orElseThrow().arguments()).containsExactly("--out", "{outputs.greeting}");
  }

  @Test
  void reportsMalformedYamlAsAnErrorWithItsPlace() throws Exception {
    Path yml = Files.writeString(dir.resolve("bad.yml"), "type: pipeline\njobs:\n  a: [1, 2\n");

    Cli cli = Cli.run("import-aml", yml.toString(), "-o", dir.resolve("bad.pipeline.json").toString());

    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).startsWith(yml + ":4:1: error: PW301 not valid YAML: expected ',' or ']'");
    assertThat(dir.resolve("bad.pipeline.json")).doesNotExist();
  }

  @Test
  void doesNotOverwriteAPipelineFileUnlessAsked() throws Exception {
    Path yml = Files.writeString(dir.resolve("job.yml"), "type: pipeline\njobs:\n  a:\n    command: echo hi\n");
    Path target = Files.writeString(dir.resolve("mine.pipeline.json"), "{}");

    Cli refused = Cli.run("import-aml", yml.toString(), "-o", target.toString());
    Cli forced = Cli.run("import-aml", yml.toString(), "-o", target.toString(), "--force");

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("exists; pass --force");
    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(PipelineFormat.read(target).pipeline().step("a")).isPresent();
  }
}
