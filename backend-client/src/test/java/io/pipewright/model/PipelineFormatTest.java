package io.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineFormatTest {

  static List<Path> validFixtures() {
    return Fixtures.valid();
  }

  @Test
  void readsTheTitanicExampleIntoTheModel() {
    LoadedPipeline loaded = Fixtures.load(Fixtures.valid("titanic"));

    assertThat(loaded.problems()).isEmpty();
    Pipeline p = loaded.pipeline();
    assertThat(p.defaultCompute()).isEqualTo("local-spark");
    assertThat(p.dataset("prev").orElseThrow().source())
        .isEqualTo(new DatasetSource.Registered("titanic_prepared", 2));
    assertThat(p.dataset("raw_file").orElseThrow().kind()).isEqualTo(DatasetKind.FILE);
    Step prep = p.step("prep").orElseThrow();
    SparkStep spark = (SparkStep) prep.kind();
    assertThat(spark.entry()).isEqualTo(new SparkEntry.Sql("prep.sql"));
    assertThat(spark.settings().dynamicAllocation()).isEqualTo(new DynamicAllocation(1, 4));
    assertThat(spark.settings().conf()).containsEntry("spark.sql.shuffle.partitions", "4");
    assertThat(prep.outputs()).containsExactly(new OutputPort("prepared", "titanic_prepared"));
    assertThat(prep.environment().variables()).containsEntry("KEY", "value");
    Step train = p.step("train").orElseThrow();
    assertThat(train.kind()).isEqualTo(new ScriptStep("python3 train.py"));
    assertThat(train.inputs()).containsExactly(new InputPort("prepared", InputMode.DOWNLOAD, false));
    assertThat(p.edges().get(0).from()).isEqualTo(new Edge.End("titanic", null));
    assertThat(p.layout().nodes()).containsEntry("prep", new Layout.Position(300, 120));
  }

  @Test
  void fillsInTheDefaultsOfOmittedOptionalFields() {
    LoadedPipeline loaded = PipelineFormat.parse(
        "{\"schemaVersion\": 1, \"id\": \"p\", \"steps\": [{\"id\": \"s\", \"type\": \"spark\", "
            + "\"entry\": {\"jar\": \"a.jar\", \"mainClass\": \"A\"}, \"inputs\": [{\"name\": \"in\"}]}]}",
        "inline");

    Step step = loaded.pipeline().steps().get(0);
    assertThat(step.name()).isEqualTo("s");
    assertThat(step.compute()).isNull();
    assertThat(step.sourceDirectory()).isEqualTo(".");
    assertThat(step.allowReuse()).isTrue();
    assertThat(((SparkStep) step.kind()).settings()).isEqualTo(SparkSettings.DEFAULTS);
    assertThat(step.inputs()).containsExactly(InputPort.of("in"));
  }

  @Test
  void reportsMalformedJsonWithTheParsersLineAndColumnInsteadOfThrowing() {
    LoadedPipeline loaded = PipelineFormat.parse("{\n  \"schemaVersion\": 1,\n  \"id\": \"p\",\n}\n", "broken");

    assertThat(loaded.pipeline()).isNull();
    assertThat(loaded.hasErrors()).isTrue();
    Diagnostic problem = loaded.problems().get(0);
    assertThat(problem.code()).isEqualTo("PW001");
    assertThat(problem.message()).contains("unexpected character ('}'");
    assertThat(loaded.location(problem)).isEqualTo(new SourceLocation(4, 1));
  }

  @Test
  void reportsAnEmptyFileAsMalformed() {
    assertThat(PipelineFormat.parse("  \n", "empty").problems()).extracting(Diagnostic::code).containsExactly("PW001");
  }

  @Test
  void refusesAFileWrittenByANewerPipewright() {
    LoadedPipeline loaded = PipelineFormat.parse("{\"schemaVersion\": 2, \"id\": \"p\", \"futureField\": 1}", "new");

    assertThat(loaded.pipeline()).isNull();
    assertThat(loaded.problems()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("PW002");
      assertThat(d.message())
          .isEqualTo("written by a newer Pipewright (schemaVersion 2; this version reads up to 1)");
    });
  }

  @Test
  void reportsAnUnknownFieldWithItsPointerLineAndStep() {
    LoadedPipeline loaded = Fixtures.load(Fixtures.invalid("PW004-unknown-field"));

    Diagnostic problem = loaded.problems().get(0);
    assertThat(problem.message()).isEqualTo("unknown field 'driverMemroy' in step 'prep' spark settings");
    assertThat(problem.pointer()).isEqualTo("/steps/0/spark/driverMemroy");
    assertThat(problem.nodeId()).isEqualTo("prep");
    assertThat(loaded.location(problem)).isEqualTo(new SourceLocation(29, 9));
  }

  @Test
  void reportsAWrongTypeAndKeepsTheDefault() {
    LoadedPipeline loaded = Fixtures.load(Fixtures.invalid("PW005-wrong-type"));

    assertThat(loaded.problems()).singleElement().satisfies(d -> {
      assertThat(d.message()).startsWith("driverCores in step 'prep' spark settings must be a whole number");
      assertThat(d.pointer()).isEqualTo("/steps/0/spark/driverCores");
    });
    assertThat(((SparkStep) loaded.pipeline().steps().get(0).kind()).settings().driverCores()).isEqualTo(1);
  }

  @Test
  void reportsEveryMissingRequiredFieldWithItsPointerAndBuildsNoPipeline() {
    LoadedPipeline loaded = PipelineFormat.parse(
        "{\"schemaVersion\": 1, \"steps\": [{\"type\": \"script\"}], \"edges\": [{\"id\": \"e\", \"from\": {}}]}",
        "inline");

    assertThat(loaded.pipeline()).isNull();
    assertThat(loaded.problems())
        .extracting(Diagnostic::code, Diagnostic::pointer)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("PW006", ""),
            org.assertj.core.groups.Tuple.tuple("PW006", "/steps/0"),
            org.assertj.core.groups.Tuple.tuple("PW006", "/steps/0"),
            org.assertj.core.groups.Tuple.tuple("PW006", "/edges/0/from"),
            org.assertj.core.groups.Tuple.tuple("PW006", "/edges/0"));
  }

  @Test
  void pointsAtTheNearestEnclosingFieldWhenThePointerIsNotInTheText() {
    LoadedPipeline loaded = Fixtures.load(Fixtures.valid("titanic"));

    SourceLocation step = loaded.location(new Diagnostic(Severity.ERROR, "X", "m", null, null, "/steps/1"));
    SourceLocation absent =
        loaded.location(new Diagnostic(Severity.ERROR, "X", "m", null, null, "/steps/1/sourceDirectory"));
    assertThat(absent).isEqualTo(step);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void readsWhatItWroteBackToAnEqualPipeline(Path fixture) {
    Pipeline original = Fixtures.load(fixture).pipeline();

    String written = PipelineFormat.write(original);
    LoadedPipeline again = PipelineFormat.parse(written, "written");

    assertThat(again.problems()).isEmpty();
    assertThat(again.pipeline()).isEqualTo(original);
    assertThat(PipelineFormat.write(again.pipeline())).isEqualTo(written);
  }

  @Test
  void writesTheCanonicalLayoutByteForByte() throws IOException {
    Path canonical = Fixtures.dir("canonical").resolve("titanic.pipeline.json");

    String written = PipelineFormat.write(Fixtures.load(Fixtures.valid("titanic")).pipeline());

    assertThat(written).isEqualTo(Files.readString(canonical));
    assertThat(written).endsWith("}\n").doesNotContain("\r").doesNotContain("\t");
  }

  @Test
  void leavesOutValuesTheReaderRestores() {
    Step step = new Step("s", null, null, new SparkStep(new SparkEntry.Python("a.py"), null), null, ".",
        List.of(InputPort.of("in")), List.of(OutputPort.of("out")), List.of(), Environment.EMPTY, true);
    Pipeline pipeline = new Pipeline("p", null, null, null, "local-spark", null, List.of(step), null, null);

    String written = PipelineFormat.write(pipeline);

    assertThat(written).doesNotContain("\"name\": \"s\"", "description", "sourceDirectory", "allowReuse", "mode",
        "optional", "\"spark\":", "registerAs", "arguments", "environment", "layout", "edges", "datasets");
    assertThat(PipelineFormat.parse(written, "w").pipeline()).isEqualTo(pipeline);
  }

  @Test
  void writesOnlyTheSparkSettingsThatDifferFromTheDefaults() {
    SparkSettings settings = new SparkSettings("7g", 4, null, 1, 1, null, Map.of(), null, null, null, null);
    Step step = new Step("s", null, null, new SparkStep(new SparkEntry.Sql("q.sql"), settings), null, null, null,
        null, null, null, true);

    String written = PipelineFormat.write(new Pipeline("p", null, null, null, null, null, List.of(step), null, null));

    assertThat(written).contains("\"driverMemory\": \"7g\"", "\"driverCores\": 4")
        .doesNotContain("executorMemory", "executorCores", "\"executors\"");
  }

  @Test
  void savesAtomicallyOverTheOldFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("titanic.pipeline.json");
    Files.writeString(file, "old content");
    Pipeline pipeline = Fixtures.load(Fixtures.valid("titanic")).pipeline();

    PipelineFormat.save(pipeline, file);

    assertThat(PipelineFormat.read(file).pipeline()).isEqualTo(pipeline);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void keepsTheOldFileWhenTheNewOneCannotBeMovedOverIt(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("titanic.pipeline.json");
    Files.createDirectories(target.resolve("kept"));
    Pipeline pipeline = Fixtures.load(Fixtures.valid("titanic")).pipeline();

    assertThatThrownBy(() -> PipelineFormat.save(pipeline, target)).isInstanceOf(IOException.class);

    assertThat(target.resolve("kept")).isDirectory();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void indexesLocationsOnlyWhenFirstAsked() {
    LoadedPipeline loaded = Fixtures.load(Fixtures.valid("titanic"));
    SourceLocations locations = loaded.locations();

    assertThat(locations).extracting("index").isNull();
    loaded.location(new Diagnostic(Severity.ERROR, "X", "m", null, null, "/steps/0"));
    assertThat(locations).extracting("index").isNotNull();
  }
}
