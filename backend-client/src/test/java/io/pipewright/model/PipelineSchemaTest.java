package io.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/pipeline.schema.json accepts what the reader accepts and rejects unknown fields. */
class PipelineSchemaTest {

  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    Path file = Path.of(System.getProperty("pipewright.schema",
        Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
            .resolve("docs/pipeline.schema.json").toString()));
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(Files.readString(file), InputFormat.JSON);
  }

  static List<Path> validFixtures() {
    return Fixtures.valid();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void acceptsEveryValidFixture(Path fixture) throws IOException {
    assertThat(errors(Files.readString(fixture))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void acceptsWhatTheWriterWrites(Path fixture) {
    assertThat(errors(PipelineFormat.write(Fixtures.load(fixture).pipeline()))).isEmpty();
  }

  @Test
  void rejectsTheUnknownFieldFixture() throws IOException {
    List<Error> errors = errors(Files.readString(Fixtures.invalid("PW004-unknown-field")));

    assertThat(errors).isNotEmpty();
    assertThat(errors.toString()).contains("driverMemroy");
  }

  @Test
  void rejectsAFieldOfTheOtherStepType() throws IOException {
    assertThat(errors(Files.readString(Fixtures.invalid("PW004-field-of-the-other-step-type")))).isNotEmpty();
  }

  @Test
  void rejectsANewerSchemaVersion() throws IOException {
    assertThat(errors(Files.readString(Fixtures.invalid("PW002")))).isNotEmpty();
  }

  private static List<Error> errors(String json) {
    return schema.validate(json, InputFormat.JSON);
  }
}
