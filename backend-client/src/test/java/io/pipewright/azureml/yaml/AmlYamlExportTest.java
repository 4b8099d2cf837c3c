package io.pipewright.azureml.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.model.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports the samples and reads the YAML back with a plain YAML reader, as az ml would see it. */
class AmlYamlExportTest {
  static final Path SAMPLES = Path.of(System.getProperty("pipewright.samples", "../resources/samples"));
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path temp;
  Path driverJar;

  @BeforeEach
  void aDriverJar() throws IOException {
    // Stands in for spark-runtime's build output: the exporter copies the file, whatever its bytes.
    driverJar = Files.write(temp.resolve("pipewright-spark-driver.jar"), new byte[] {'P', 'K', 3, 4});
  }

  static Pipeline sample(String name) throws IOException {
    LoadedPipeline loaded = PipelineFormat.read(SAMPLES.resolve(name).resolve(name + ".pipeline.json"));
    assertThat(loaded.hasErrors()).as(loaded.problems().toString()).isFalse();
    return loaded.pipeline();
  }

  private AmlYamlExporter.Result export(String sample, Path out) throws Exception {
    return AmlYamlExporter.export(sample(sample),
        new AmlYamlExporter.Options(SAMPLES.resolve(sample), driverJar, null), out);
  }

  @Test
  void exportsSynapseTitanicAsASparkAndACommandJob() throws Exception {
    Path out = temp.resolve("aml");
    AmlYamlExporter.Result result = export("synapse-titanic", out);

    assertThat(result.pipelineFile()).isEqualTo(out.resolve("pipeline.yml"));
    JsonNode doc = YAML.readTree(result.pipelineFile().toFile());
    assertThat(doc.path("$schema").asText()).isEqualTo(
        "https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json");
    assertThat(doc.path("type").asText()).isEqualTo("pipeline");
    assertThat(doc.path("experiment_name").asText()).isEqualTo("synapse-titanic");
    assertThat(doc.at("/settings/default_compute").asText()).isEqualTo("azureml:synapse-pool");
    assertThat(doc.at("/settings/continue_on_step_failure").asBoolean()).isTrue();
    assertThat(doc.at("/settings/force_rerun").isMissingNode()).isTrue();

    assertThat(doc.at("/inputs/titanic/type").asText()).isEqualTo("uri_file");
    assertThat(doc.at("/inputs/titanic/path").asText())
        .isEqualTo("azureml://datastores/workspaceblobstore/paths/titanic/Titanic.csv");
    assertThat(doc.at("/inputs/titanic_file/path").asText())
        .isEqualTo("azureml://datastores/workspaceblobstore/paths/titanic/Titanic.csv");
    assertThat(doc.at("/inputs/epochs").isIntegralNumber()).isTrue();
    assertThat(doc.at("/inputs/epochs").asInt()).isEqualTo(1500);

    JsonNode prep = doc.at("/jobs/prep");
    assertThat(prep.path("type").asText()).isEqualTo("spark");
    assertThat(prep.path("display_name").asText()).isEqualTo("Prepare data");
    assertThat(prep.path("compute").asText()).isEqualTo("azureml:synapse-pool");
    assertThat(prep.path("code").asText()).isEqualTo("./prep");
    assertThat(prep.at("/entry/class_name").asText()).isEqualTo("io.pipewright.spark.SqlStepDriver");
    assertThat(texts(prep.path("jars"))).containsExactly("pipewright-spark-driver.jar");
    assertThat(texts(prep.path("files"))).containsExactly("prep.sql");
    assertThat(prep.path("args").asText()).isEqualTo("--sql prep.sql --app-name 'Prepare data'"
        + " --view titanic=${{inputs.titanic}}"
        + " --set inputs.titanic=${{inputs.titanic}} --set inputs.titanic_file=${{inputs.titanic_file}}"
        + " --output prepared=${{outputs.prepared}} --set outputs.prepared=${{outputs.prepared}}");
    assertThat(prep.at("/conf/spark.driver.memory").asText()).isEqualTo("7g");
    assertThat(prep.at("/conf/spark.driver.cores").asInt()).isEqualTo(4);
    assertThat(prep.at("/conf/spark.executor.memory").asText()).isEqualTo("7g");
    assertThat(prep.at("/conf/spark.executor.cores").asInt()).isEqualTo(2);
    assertThat(prep.at("/conf/spark.executor.instances").asInt()).isEqualTo(1);
    assertThat(prep.at("/conf/spark.sql.shuffle.partitions").asText()).isEqualTo("4");
    assertThat(prep.at("/inputs/titanic/path").asText()).isEqualTo("${{parent.inputs.titanic}}");
    assertThat(prep.at("/inputs/titanic/mode").asText()).isEqualTo("direct");
    assertThat(prep.at("/inputs/titanic_file/mode").asText()).isEqualTo("ro_mount");
    assertThat(prep.at("/outputs/prepared/name").asText()).isEqualTo("titanic_prepared");
    assertThat(prep.at("/outputs/prepared/type").asText()).isEqualTo("uri_folder");

    JsonNode train = doc.at("/jobs/train");
    assertThat(train.path("type").asText()).isEqualTo("command");
    assertThat(train.path("compute").asText()).isEqualTo("azureml:cpu-cluster");
    assertThat(train.path("command").asText()).isEqualTo(
        "python3 train.py --data ${{inputs.prepared}} --model-out ${{outputs.model}} --epochs ${{inputs.epochs}}");
    assertThat(train.at("/inputs/prepared/path").asText()).isEqualTo("${{parent.jobs.prep.outputs.prepared}}");
    assertThat(train.at("/inputs/prepared/mode").asText()).isEqualTo("download");
    assertThat(train.at("/inputs/epochs").asText()).isEqualTo("${{parent.inputs.epochs}}");
    assertThat(train.path("environment").asText()).isEqualTo(AmlYamlExporter.DEFAULT_ENVIRONMENT);

    // What each step needs is in its code folder.
    assertThat(out.resolve("prep/prep.sql")).hasSameTextualContentAs(SAMPLES.resolve("synapse-titanic/prep.sql"));
    assertThat(out.resolve("prep/pipewright-spark-driver.jar")).hasSameBinaryContentAs(driverJar);
    assertThat(out.resolve("train/train.py")).isRegularFile();
    assertThat(out.resolve("train/synapse-titanic.pipeline.json")).doesNotExist();
    assertThat(result.written()).contains(out.resolve("pipeline.yml"), out.resolve("prep/pipewright-spark-driver.jar"));
    // Mount on a Spark step is said, not hidden.
    assertThat(result.warnings()).singleElement().satisfies(w -> {
      assertThat(w.code()).isEqualTo(AmlYamlCodes.SPARK_INPUT_MODE);
      assertThat(w.message()).contains("titanic_file", "Prepare data");
    });
  }

  @Test
  void exportsTheLocalTitanicSampleWithItsLocalComputeNames() throws Exception {
    AmlYamlExporter.Result result = export("titanic", temp.resolve("aml"));

    JsonNode doc = YAML.readTree(result.pipelineFile().toFile());
    assertThat(doc.at("/settings/default_compute").asText()).isEqualTo("azureml:local-spark");
    assertThat(doc.at("/jobs/prep/conf/spark.executor.instances").asInt()).isEqualTo(2);
    assertThat(doc.at("/jobs/prep/conf/spark.driver.memory").asText()).isEqualTo("1g");
    assertThat(doc.at("/jobs/train/compute").asText()).isEqualTo("azureml:local-process");
  }

  @Test
  void exportsAJarStepWithItsClassAndTheJarFirstInJars() throws Exception {
    Path out = temp.resolve("aml");
    AmlYamlExporter.Result result = export("titanic-jvm", out);

    JsonNode job = YAML.readTree(result.pipelineFile().toFile()).at("/jobs/survival");
    assertThat(job.at("/entry/class_name").asText()).isEqualTo("io.pipewright.samples.SurvivalByClass");
    assertThat(texts(job.path("jars"))).containsExactly("job/target/titanic-jvm-job.jar");
    assertThat(job.path("args").asText()).isEqualTo("--input ${{inputs.titanic}} --output ${{outputs.survival}}");
    assertThat(out.resolve("survival/job/pom.xml")).isRegularFile();
    // Whether the job jar is there depends on whether the sample was built: said when it is not.
    if (!Files.isRegularFile(SAMPLES.resolve("titanic-jvm/job/target/titanic-jvm-job.jar"))) {
      assertThat(result.warnings()).anySatisfy(w -> {
        assertThat(w.code()).isEqualTo(AmlYamlCodes.NOT_COPIED);
        assertThat(w.message()).contains("job/target/titanic-jvm-job.jar");
      });
    } else {
      assertThat(out.resolve("survival/job/target/titanic-jvm-job.jar")).isRegularFile();
    }
  }

  @Test
  void givesAStepThatMustNotBeReusedAComponentThatIsNotDeterministic() throws Exception {
    Pipeline pipeline = sample("synapse-titanic");
    List<Step> steps = new ArrayList<>(pipeline.steps());
    Step train = steps.get(1);
    steps.set(1, new Step(train.id(), train.name(), train.description(), train.kind(), train.compute(),
        train.sourceDirectory(), train.inputs(), train.outputs(), train.arguments(), train.environment(), false));
    Path out = temp.resolve("aml");
    AmlYamlExporter.export(pipeline.withSteps(steps),
        new AmlYamlExporter.Options(SAMPLES.resolve("synapse-titanic"), driverJar, null), out);

    JsonNode doc = YAML.readTree(out.resolve("pipeline.yml").toFile());
    assertThat(doc.at("/jobs/train/component").asText()).isEqualTo("./components/train.yml");
    assertThat(doc.at("/jobs/train/command").isMissingNode()).isTrue();
    assertThat(doc.at("/jobs/train/inputs/prepared/path").asText()).isEqualTo("${{parent.jobs.prep.outputs.prepared}}");
    JsonNode component = YAML.readTree(out.resolve("components/train.yml").toFile());
    assertThat(component.path("type").asText()).isEqualTo("command");
    assertThat(component.path("is_deterministic").asBoolean(true)).isFalse();
    assertThat(component.path("code").asText()).isEqualTo("../train");
    assertThat(component.at("/inputs/prepared/type").asText()).isEqualTo("uri_folder");
    assertThat(component.at("/inputs/epochs/type").asText()).isEqualTo("integer");
    assertThat(component.at("/outputs/model/type").asText()).isEqualTo("uri_folder");
    assertThat(doc.at("/settings/force_rerun").isMissingNode()).isTrue();
  }

  @Test
  void asksAzureMlToRerunEverythingWhenNoStepMayBeReused() throws Exception {
    Pipeline pipeline = sample("synapse-titanic");
    Pipeline noReuse = pipeline.withSteps(pipeline.steps().stream()
        .map(s -> new Step(s.id(), s.name(), s.description(), s.kind(), s.compute(), s.sourceDirectory(), s.inputs(),
            s.outputs(), s.arguments(), s.environment(), false)).toList());
    Path out = temp.resolve("aml");
    AmlYamlExporter.export(noReuse, new AmlYamlExporter.Options(SAMPLES.resolve("synapse-titanic"), driverJar, null),
        out);

    JsonNode doc = YAML.readTree(out.resolve("pipeline.yml").toFile());
    assertThat(doc.at("/settings/force_rerun").asBoolean()).isTrue();
    assertThat(out.resolve("components")).doesNotExist();
  }

  @Test
  void refusesASqlStepWithoutTheSqlDriverJar() {
    assertThatThrownBy(() -> AmlYamlExporter.export(sample("synapse-titanic"),
        new AmlYamlExporter.Options(SAMPLES.resolve("synapse-titanic"), temp.resolve("missing.jar"), null),
        temp.resolve("aml")))
        .isInstanceOfSatisfying(AmlYamlException.class, e -> {
          assertThat(e.getMessage()).contains("SQL driver jar", "missing.jar");
          assertThat(e.problem().severity().label()).isEqualTo("error");
        });
    assertThat(temp.resolve("aml")).doesNotExist();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
