package io.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What bench/fuzz and the strict schema test found in the reader, each kept from coming back. */
class FuzzFindingsTest {

  private static final String PIPELINE = "{\n  \"schemaVersion\": 1,\n  \"id\": \"p\",\n  \"steps\": []\n}\n";

  @Test
  void locatesAMemberNamedTwiceWhereItsSecondNameStarts() {
    LoadedPipeline loaded = PipelineFormat.parse("{\n  \"schemaVersion\": 1,\n  \"id\": \"p\",\n  \"id\": \"q\"\n}",
        "inline");

    Diagnostic problem = onlyProblem(loaded);
    assertThat(problem.code()).isEqualTo(DiagnosticCodes.MALFORMED_JSON);
    assertThat(problem.message()).contains("duplicate field 'id'");
    assertThat(loaded.locate(problem)).contains(new SourceLocation(4, 3));
  }

  @Test
  void locatesAValueAfterThePipelineWhereItStarts() {
    LoadedPipeline loaded = PipelineFormat.parse(PIPELINE + "  {}\n", "inline");

    Diagnostic problem = onlyProblem(loaded);
    assertThat(problem.code()).isEqualTo(DiagnosticCodes.MALFORMED_JSON);
    assertThat(loaded.locate(problem)).contains(new SourceLocation(6, 3));
  }

  @Test
  void locatesAnEmptyFileWhereItEnds() {
    LoadedPipeline loaded = PipelineFormat.parse("\n\n  ", "inline");

    Diagnostic problem = onlyProblem(loaded);
    assertThat(problem.message()).isEqualTo("not valid JSON: the file is empty");
    assertThat(loaded.locate(problem)).contains(new SourceLocation(3, 3));
  }

  @Test
  void reportsBytesThatAreNotUtf8AsALocatedProblemInsteadOfThrowing(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.pipeline.json");
    byte[] latin1 = "{\n  \"schemaVersion\": 1,\n  \"id\": \"caf\u00e9\"\n}\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, latin1);

    LoadedPipeline loaded = PipelineFormat.read(file);

    Diagnostic problem = onlyProblem(loaded);
    assertThat(problem.code()).isEqualTo(DiagnosticCodes.MALFORMED_JSON);
    assertThat(problem.message())
        .isEqualTo("not UTF-8 text: byte 0xE9 here is not part of a character; a pipeline file is saved as UTF-8");
    assertThat(loaded.locate(problem)).contains(new SourceLocation(3, 13));
    assertThat(loaded.pipeline()).isNull();
    assertThat(loaded.text()).contains("\"id\": \"caf\uFFFD\"");
  }

  @Test
  void readsUtf8BeyondTheBasicPlaneAndLocatesWhatFollowsIt() {
    LoadedPipeline loaded = PipelineFormat.parse(
        "{\"schemaVersion\": 1, \"id\": \"\uD83D\uDE80\", \"nmae\": 1}".getBytes(StandardCharsets.UTF_8), "inline");

    assertThat(loaded.pipeline().id()).isEqualTo("\uD83D\uDE80");
    Diagnostic problem = onlyProblem(loaded);
    assertThat(problem.code()).isEqualTo(DiagnosticCodes.UNKNOWN_FIELD);
    assertThat(loaded.locate(problem)).contains(new SourceLocation(1, 34));
  }

  @Test
  void locatesAPointerIntoNestingAsDeepAsTheReaderTakesAtItsValueSixteenDeep() {
    String deep = "[".repeat(900) + "{\"x\": 1}" + "]".repeat(900);
    LoadedPipeline loaded = PipelineFormat.parse(
        "{\"schemaVersion\": 1, \"id\": \"p\",\n \"deep\": " + deep + ",\n \"deep\": 2}", "inline");

    assertThat(loaded.locations().find("/deep/0/0/0")).contains(new SourceLocation(2, 13));
    String pointer = "/deep" + "/0".repeat(900) + "/x";
    assertThat(loaded.locations().find(pointer)).contains(new SourceLocation(2, 10 + SourceLocations.MAX_DEPTH - 1));
    // Read through to the end all the same: the member named twice after it is found.
    assertThat(onlyProblem(loaded).message()).contains("duplicate field 'deep'");
    assertThat(loaded.locate(onlyProblem(loaded))).contains(new SourceLocation(3, 2));
  }

  @Test
  void locatesNestingDeeperThanTheReaderTakes() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    LoadedPipeline loaded = PipelineFormat.parse("{\"schemaVersion\": 1, \"id\": \"p\",\n \"deep\": " + deep + "}",
        "inline");

    Diagnostic problem = onlyProblem(loaded);
    assertThat(problem.code()).isEqualTo(DiagnosticCodes.MALFORMED_JSON);
    assertThat(problem.message()).contains("nesting depth");
    assertThat(loaded.locate(problem)).hasValueSatisfying(at -> assertThat(at.line()).isEqualTo(2));
  }

  @Test
  void findsMembersWhoseNamesHoldSlashesAndTildesByTheirEscapedPointer() {
    LoadedPipeline loaded = PipelineFormat.parse("{\"schemaVersion\": 1, \"id\": \"p\", \"layout\": {\"nodes\": "
        + "{\"a/b~c\": {\"x\": \"1\", \"y\": 2}}}}", "inline");

    Diagnostic problem = onlyProblem(loaded);
    assertThat(problem.pointer()).isEqualTo("/layout/nodes/a~1b~0c/x");
    assertThat(loaded.locate(problem)).contains(new SourceLocation(1, 64));
  }

  @Test
  void readsAWholeNumberWrittenWithAZeroFractionAsJsonSchemaDoes() {
    LoadedPipeline loaded = PipelineFormat.parse(sparkStep("\"executors\": 2.0"), "inline");

    assertThat(loaded.problems()).isEmpty();
    assertThat(((SparkStep) loaded.pipeline().steps().get(0).kind()).settings().executors()).isEqualTo(2);
  }

  @Test
  void saysAWholeNumberTooLargeIsOutOfRangeNotThatItIsNoWholeNumber() {
    LoadedPipeline loaded = PipelineFormat.parse(sparkStep("\"executors\": 3000000000"), "inline");

    Diagnostic problem = onlyProblem(loaded);
    assertThat(problem.code()).isEqualTo(DiagnosticCodes.INVALID_VALUE);
    assertThat(problem.message()).isEqualTo("executors in step 's' spark settings is 3000000000, beyond the range of "
        + "a whole number here (-2147483648 to 2147483647)");
    assertThat(problem.pointer()).isEqualTo("/steps/0/spark/executors");
  }

  @Test
  void refusesANumberTooLargeForADoubleAsNoWholeNumberWithoutThrowing() {
    LoadedPipeline loaded = PipelineFormat.parse(sparkStep("\"executors\": 1e400"), "inline");

    assertThat(onlyProblem(loaded).code()).isEqualTo(DiagnosticCodes.WRONG_TYPE);
  }

  @Test
  void readsANegativeZeroPositionAsTheZeroTheWriterWrites() {
    LoadedPipeline loaded = PipelineFormat.parse("{\"schemaVersion\": 1, \"id\": \"p\", \"layout\": {\"nodes\": "
        + "{\"a\": {\"x\": -0.0, \"y\": 1}}}}", "inline");

    Pipeline written = PipelineFormat.parse(PipelineFormat.write(loaded.pipeline()), "written").pipeline();
    assertThat(written).isEqualTo(loaded.pipeline());
  }

  @Test
  void readsAFileThatStartsWithAByteOrderMarkAndCountsColumnsWithoutIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bom.pipeline.json");
    byte[] text = "{\"schemaVersion\": 1, \"id\": \"p\", \"nmae\": \"x\"}".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[text.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(text, 0, withBom, 3, text.length);
    Files.write(file, withBom);

    LoadedPipeline loaded = PipelineFormat.read(file);

    assertThat(loaded.pipeline().id()).isEqualTo("p");
    Diagnostic problem = onlyProblem(loaded);
    assertThat(problem.code()).isEqualTo(DiagnosticCodes.UNKNOWN_FIELD);
    assertThat(loaded.locate(problem)).contains(new SourceLocation(1, 33));
  }

  private static String sparkStep(String settings) {
    return "{\"schemaVersion\": 1, \"id\": \"p\", \"steps\": [{\"id\": \"s\", \"type\": \"spark\", "
        + "\"entry\": {\"sql\": \"a.sql\"}, \"spark\": {" + settings + "}}]}";
  }

  private static Diagnostic onlyProblem(LoadedPipeline loaded) {
    assertThat(loaded.problems()).hasSize(1);
    return loaded.problems().get(0);
  }
}
