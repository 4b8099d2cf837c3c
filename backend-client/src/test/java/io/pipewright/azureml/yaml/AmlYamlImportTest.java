package io.pipewright.azureml.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.DynamicAllocation;
import io.pipewright.model.Edge;
import io.pipewright.model.InputMode;
import io.pipewright.model.Pipeline;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SourceLocation;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Imports pipeline YAML of the shapes of the public azureml-examples (see src/test/resources/azureml/README.md). */
class AmlYamlImportTest {

  static Path fixture(String name) {
    try {
      return Path.of(Objects.requireNonNull(AmlYamlImportTest.class.getResource("/azureml/" + name)).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AmlYamlImporter.Result read(String name) throws Exception {
    Path file = fixture(name);
    return AmlYamlImporter.read(file, file.getParent());
  }

  private static Step step(Pipeline p, String id) {
    return p.step(id).orElseThrow(() -> new AssertionError("no step " + id + " in " + p.steps()));
  }

  private static List<String> edges(Pipeline p) {
    return p.edges().stream().map(e -> e.from() + " -> " + e.to()).toList();
  }

  @Test
  void readsAComponentFileReferenceWithDataGivenToTheJob() throws Exception {
    AmlYamlImporter.Result result = read("spark-standalone-shape/pipeline.yml");
    Pipeline p = result.pipeline();

    assertThat(p.name()).isEqualTo("Passengers-Spark-CLI-Pipeline");
    Step job = step(p, "spark_job");
    assertThat(job.name()).isEqualTo("Clean passengers");
    assertThat(job.compute()).isEqualTo("mysparkcompute");
    assertThat(job.sourceDirectory()).isEqualTo("src");
    SparkStep spark = (SparkStep) job.kind();
    assertThat(spark.entry()).isEqualTo(new SparkEntry.Python("clean.py"));
    SparkSettings s = spark.settings();
    assertThat(s.driverCores()).isEqualTo(1);
    assertThat(s.driverMemory()).isEqualTo("2g");
    assertThat(s.executorCores()).isEqualTo(2);
    assertThat(s.executorMemory()).isEqualTo("2g");
    assertThat(s.dynamicAllocation()).isEqualTo(new DynamicAllocation(1, 4));
    assertThat(s.conf()).isEmpty();
    assertThat(job.arguments()).containsExactly("--passengers", "{inputs.passengers}", "--cleaned", "{outputs.cleaned}");
    assertThat(job.inputs()).singleElement().satisfies(in -> {
      assertThat(in.name()).isEqualTo("passengers");
      assertThat(in.mode()).isEqualTo(InputMode.DIRECT);
    });
    assertThat(job.outputs()).extracting(o -> o.name()).containsExactly("cleaned");

    // Data given to the job directly becomes a dataset node of the default datastore.
    DatasetNode data = p.datasets().get(0);
    assertThat(data.kind()).isEqualTo(DatasetKind.TABULAR);
    assertThat(data.source()).isEqualTo(new DatasetSource.DatastorePath("default", "data/passengers.csv"));
    assertThat(edges(p)).containsExactly(data.id() + " -> spark_job.passengers");

    // What has no place in Pipewright is warned about, where it is written.
    assertThat(result.warnings()).anySatisfy(w -> {
      assertThat(w.code()).isEqualTo(AmlYamlCodes.NOT_MAPPED);
      assertThat(w.message()).contains("identity");
      assertThat(w.location()).isEqualTo(new SourceLocation(23, 5));
      assertThat(w.file()).endsWith("pipeline.yml");
    });
    assertThat(result.warnings()).anySatisfy(w -> {
      assertThat(w.message()).contains("path of output cleaned");
      assertThat(w.location()).isEqualTo(new SourceLocation(20, 9));
    });
  }

  @Test
  void warnsThatServerlessResourcesHaveNoComputeTarget() throws Exception {
    AmlYamlImporter.Result result = read("spark-standalone-shape/serverless.yml");

    assertThat(step(result.pipeline(), "spark_job").compute()).isNull();
    assertThat(result.warnings()).filteredOn(w -> w.code().equals(AmlYamlCodes.COMPUTE_NOT_MAPPED))
        .singleElement().satisfies(w -> {
          assertThat(w.message()).contains("instance_type standard_e8s_v3", "runtime_version 3.4", "serverless Spark");
          assertThat(w.location()).isEqualTo(new SourceLocation(23, 5));
        });
  }

  @Test
  void bindsJobOutputsAsEdgesAndLiteralInputsAsParameters() throws Exception {
    AmlYamlImporter.Result result = read("word-count/pipeline.yml");
    Pipeline p = result.pipeline();

    assertThat(p.parameters()).singleElement().satisfies(par -> {
      assertThat(par.name()).isEqualTo("sample_rate");
      assertThat(par.defaultValue()).isEqualTo("0.05");
    });
    assertThat(p.datasets()).extracting(DatasetNode::id).containsExactly("text_in");
    assertThat(p.datasets().get(0).kind()).isEqualTo(DatasetKind.TABULAR);
    assertThat(edges(p)).containsExactlyInAnyOrder("text_in -> sample_lines.text_in",
        "sample_lines.sampled -> count_words.text_in");

    Step sample = step(p, "sample_lines");
    assertThat(sample.compute()).isEqualTo("spark34");
    assertThat(sample.sourceDirectory()).isEqualTo("src");
    assertThat(sample.arguments()).containsExactly("--text-in", "{inputs.text_in}", "--sampled", "{outputs.sampled}",
        "--rate", "{parameters.sample_rate}");
    assertThat(sample.inputs()).extracting(i -> i.name()).containsExactly("text_in");

    Step count = step(p, "count_words");
    SparkStep spark = (SparkStep) count.kind();
    assertThat(spark.entry()).isEqualTo(new SparkEntry.Jar("wordcount.jar", "org.example.WordCount"));
    assertThat(spark.settings().jars()).isEmpty();
    assertThat(spark.settings().executors()).isEqualTo(2);
    assertThat(spark.settings().dynamicAllocation()).isNull();
    assertThat(count.arguments()).containsExactly("{inputs.text_in}");

    assertThat(result.warnings()).anySatisfy(w -> {
      assertThat(w.message()).contains("pipeline's outputs");
      assertThat(w.location()).isEqualTo(new SourceLocation(13, 1));
    });
    assertThat(result.warnings()).anySatisfy(w -> {
      assertThat(w.message()).contains("output sampled of job sample_lines is bound to ${{parent.outputs.counted}}");
      assertThat(w.location()).isEqualTo(new SourceLocation(28, 7));
    });
  }

  @Test
  void readsInlineSparkJobsWithTheirFilesAndConf() throws Exception {
    Pipeline p = read("inline-components/pipeline.yml").pipeline();

    assertThat(p.steps()).extracting(Step::id).containsExactly("add_column", "count_rows");
    SparkSettings add = ((SparkStep) step(p, "add_column").kind()).settings();
    assertThat(add.pyFiles()).containsExactly("helpers.zip");
    assertThat(add.files()).containsExactly("lookup.txt");
    assertThat(add.driverCores()).isEqualTo(2);
    assertThat(add.executors()).isEqualTo(1);
    SparkSettings count = ((SparkStep) step(p, "count_rows").kind()).settings();
    assertThat(count.jars()).containsExactly("extra.jar");
    assertThat(count.conf()).containsEntry("spark.sql.shuffle.partitions", "8");
    assertThat(edges(p)).containsExactly("iris -> add_column.file_input", "iris -> count_rows.file_input");
  }

  @Test
  void readsAnInlineComponentOfTheEarlyForm() throws Exception {
    AmlYamlImporter.Result result = read("inline-components/legacy-inline.yml");
    Pipeline p = result.pipeline();

    Step train = step(p, "train_job");
    assertThat(train.name()).isEqualTo("train_job");
    assertThat(train.kind()).isEqualTo(new ScriptStep("python train.py"));
    assertThat(train.sourceDirectory()).isEqualTo("train_src");
    assertThat(train.arguments()).containsExactly("--training_data", "{inputs.training_data}",
        "--max_epochs", "{parameters.max_epochs}", "--learning_rate", "{parameters.learning_rate}",
        "--learning_rate_schedule", "{parameters.learning_rate_schedule}", "--model_output", "{outputs.model_output}");
    assertThat(p.parameters()).extracting(par -> par.name() + "=" + par.defaultValue())
        .containsExactly("max_epochs=20", "learning_rate=1.8", "learning_rate_schedule=time-based");
    assertThat(p.defaultCompute()).isEqualTo("cpu-cluster");
    assertThat(edges(p)).containsExactly("training_input -> train_job.training_data");
    assertThat(p.datasets().get(0).kind()).isEqualTo(DatasetKind.FILE);
    assertThat(result.warnings()).extracting(AmlYamlProblem::code).containsExactly(AmlYamlCodes.COMPUTE_NOT_MAPPED);
  }

  @Test
  void readsCommandJobsAsScriptStepsAndWarnsAboutWhatTheyCannotKeep() throws Exception {
    AmlYamlImporter.Result result = read("command-chain/pipeline.yml");
    Pipeline p = result.pipeline();

    assertThat(p.id()).isEqualTo("taxi_fares");
    assertThat(p.name()).isEqualTo("taxi-fares-pipeline");
    assertThat(p.steps()).extracting(Step::id).containsExactly("prep_job", "train_job", "score_job", "hello");
    Step prep = step(p, "prep_job");
    assertThat(prep.kind()).isEqualTo(new ScriptStep("python prep.py"));
    assertThat(prep.arguments()).containsExactly("--raw_data", "{inputs.raw_data}", "--prep_data", "{outputs.prep_data}");
    assertThat(prep.compute()).isEqualTo("cpu-cluster");
    assertThat(prep.sourceDirectory()).isEqualTo("src/prep");
    Step score = step(p, "score_job");
    assertThat(score.arguments()).contains("{outputs.score_report}/{parameters.report_name}");
    assertThat(p.parameter("report_name")).hasValueSatisfying(par -> assertThat(par.defaultValue()).isEqualTo("report.txt"));
    // A command that needs a shell runs through bash, placeholders and all.
    Step hello = step(p, "hello");
    assertThat(hello.kind()).isEqualTo(new ScriptStep("bash"));
    assertThat(hello.arguments()).containsExactly("-c",
        "echo \"hello\" && cat {inputs.model}/MLmodel > {outputs.world}/world.txt");

    assertThat(edges(p)).contains("prep_job.prep_data -> train_job.training_data",
        "train_job.model_output -> score_job.model", "train_job.test_data -> score_job.test_data",
        "train_job.model_output -> hello.model");
    // Local data: a dataset of the default datastore, with a warning to copy it there.
    DatasetNode raw = p.datasets().get(0);
    assertThat(raw.source()).isEqualTo(new DatasetSource.DatastorePath("default", "data"));
    assertThat(result.warnings()).filteredOn(w -> w.code().equals(AmlYamlCodes.DATA_NOT_MAPPED)).singleElement()
        .satisfies(w -> {
      assertThat(w.location()).isEqualTo(new SourceLocation(12, 11));
    });
    assertThat(result.warnings()).filteredOn(w -> w.message().contains("Azure ML environment azureml:AzureML-sklearn"))
        .hasSize(3).allSatisfy(w -> assertThat(w.code()).isEqualTo(AmlYamlCodes.COMPUTE_NOT_MAPPED));
    assertThat(result.warnings()).anySatisfy(w -> {
      assertThat(w.code()).isEqualTo(AmlYamlCodes.UNSUPPORTED_JOB);
      assertThat(w.message()).contains("tune", "sweep");
      assertThat(w.location()).isEqualTo(new SourceLocation(70, 3));
    });
  }

  @Test
  void reportsMalformedYamlWithItsLineAndColumn() {
    assertThatThrownBy(() -> read("broken/malformed.yml"))
        .isInstanceOfSatisfying(AmlYamlException.class, e -> {
          assertThat(e.problem().code()).isEqualTo(AmlYamlCodes.MALFORMED_YAML);
          assertThat(e.problem().location().line()).isEqualTo(7);
          assertThat(e.problem().format()).matches(".*malformed\\.yml:7:\\d+: error: PW301 not valid YAML: .*");
        });
  }

  @Test
  void refusesAJobThatIsNotAPipeline() {
    assertThatThrownBy(() -> read("broken/command-job.yml"))
        .isInstanceOfSatisfying(AmlYamlException.class, e -> {
          assertThat(e.problem().code()).isEqualTo(AmlYamlCodes.NOT_A_PIPELINE);
          assertThat(e.problem().message()).contains("command job");
          assertThat(e.problem().location()).isEqualTo(new SourceLocation(2, 1));
        });
  }

  @Test
  void leavesOutJobsWhoseComponentCannotBeReadAndSaysWhere() throws Exception {
    AmlYamlImporter.Result result = read("broken/missing-component.yml");

    assertThat(result.pipeline().steps()).extracting(Step::id).containsExactly("fine");
    assertThat(result.pipeline().edges()).isEmpty();
    assertThat(result.warnings()).extracting(AmlYamlProblem::code, w -> w.location().toString()).contains(
        org.assertj.core.groups.Tuple.tuple(AmlYamlCodes.COMPONENT_NOT_READ, "5:5"),
        org.assertj.core.groups.Tuple.tuple(AmlYamlCodes.COMPONENT_NOT_READ, "8:5"),
        org.assertj.core.groups.Tuple.tuple(AmlYamlCodes.UNRESOLVED_BINDING, "13:7"));
  }

  @Test
  void aPipelineInputNamedLikeAJobGetsADatasetIdOfItsOwn() throws Exception {
    String yaml = """
        type: pipeline
        settings:
          default_compute: azureml:cpu-cluster
        inputs:
          clean:
            type: uri_folder
            path: azureml://datastores/lake/paths/raw/
        jobs:
          clean:
            command: python clean.py --in ${{inputs.raw}}
            inputs:
              raw: ${{parent.inputs.clean}}
        """;
    Pipeline p = AmlYamlImporter.parse(yaml, "job.yml", Path.of("."), Path.of("."), "job").pipeline();

    assertThat(p.datasets()).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo("clean_2");
      assertThat(d.name()).isEqualTo("clean");
      assertThat(d.source()).isEqualTo(new DatasetSource.DatastorePath("lake", "raw/"));
    });
    assertThat(edges(p)).containsExactly("clean_2 -> clean.raw");
    assertThat(io.pipewright.model.PipelineValidator.validate(p, io.pipewright.model.ValidationContext.NONE))
        .filteredOn(d -> d.isError()).isEmpty();
  }

  @Test
  void edgesHaveIdsApartFromStepsAndDatasets() throws Exception {
    Pipeline p = read("word-count/pipeline.yml").pipeline();
    assertThat(p.edges()).extracting(Edge::id).doesNotContainAnyElementsOf(
        p.steps().stream().map(Step::id).toList()).doesNotHaveDuplicates();
  }

  @Test
  void aUriFileOfDelimitedTextOrParquetIsTabularByThePipewrightRuleAndOtherFilesAreFiles() {
    assertThat(AmlYamlImporter.kindOf("uri_file", "azureml://datastores/x/paths/people.psv")).isEqualTo(DatasetKind.TABULAR);
    assertThat(AmlYamlImporter.kindOf("uri_file", "data/Titanic.CSV")).isEqualTo(DatasetKind.TABULAR);
    assertThat(AmlYamlImporter.kindOf("uri_file", "data/part.parquet")).isEqualTo(DatasetKind.TABULAR);
    assertThat(AmlYamlImporter.kindOf("uri_file", "model/model.pkl")).isEqualTo(DatasetKind.FILE);
    assertThat(AmlYamlImporter.kindOf("uri_folder", "data/people.csv")).isEqualTo(DatasetKind.FILE);
    assertThat(AmlYamlImporter.kindOf("mltable", "data/")).isEqualTo(DatasetKind.TABULAR);
  }
}
