package io.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/pipeline.schema.json checks the shape of a pipeline file, as the reader does (the PW0xx
 * problems; the graph rules, PW1xx, are the validator's): it accepts every sample and good
 * fixture and what the writer writes, rejects each fixture of a format problem at the field the
 * reader points at, accepts the fixtures of graph problems (their shape is right), and agrees with
 * the reader on every field of the good files taken away or given a value of another type.
 */
class PipelineSchemaTest {

  private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    Path file = Path.of(System.getProperty("pipewright.schema", ROOT.resolve("docs/pipeline.schema.json").toString()));
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(Files.readString(file), InputFormat.JSON);
  }

  /** The samples under resources/samples and the good fixtures. */
  static List<Path> goodFiles() {
    List<Path> files = new ArrayList<>(Fixtures.valid());
    files.add(Fixtures.dir("canonical").resolve("titanic.pipeline.json"));
    try (Stream<Path> walk = Files.walk(ROOT.resolve("resources/samples"))) {
      walk.filter(p -> p.getFileName().toString().endsWith(".pipeline.json")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  static List<Path> formatProblemFixtures() {
    // PW001 is not JSON at all: there is nothing for a schema to look at.
    return Fixtures.invalid().stream().filter(p -> codeOf(p).startsWith("PW0") && !codeOf(p).equals("PW001")).toList();
  }

  static List<Path> graphProblemFixtures() {
    return Fixtures.invalid().stream().filter(p -> codeOf(p).startsWith("PW1")).toList();
  }

  @Test
  void theGoodFilesIncludeEverySample() {
    assertThat(goodFiles()).extracting(p -> p.getFileName().toString())
        .contains("titanic.pipeline.json", "synapse-titanic.pipeline.json", "titanic-jvm.pipeline.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodFiles")
  void acceptsEverySampleAndGoodFixture(Path file) throws IOException {
    assertThat(Fixtures.load(file).problems()).as("the reader's problems").isEmpty();
    assertThat(errors(Files.readString(file))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodFiles")
  void acceptsWhatTheWriterWrites(Path file) {
    assertThat(errors(PipelineFormat.write(Fixtures.load(file).pipeline()))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("graphProblemFixtures")
  void acceptsTheFixturesOfGraphProblemsWhoseShapeIsRight(Path fixture) throws IOException {
    assertThat(errors(Files.readString(fixture))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formatProblemFixtures")
  void rejectsEachFixtureOfAFormatProblemAtTheFieldTheReaderPointsAt(Path fixture) throws IOException {
    LoadedPipeline loaded = Fixtures.load(fixture);
    List<String> readerPointers = loaded.problems().stream().map(Diagnostic::pointer).toList();
    List<Error> errors = errors(Files.readString(fixture));

    assertThat(readerPointers).as("the reader's problems").isNotEmpty();
    assertThat(errors).as("the schema's errors").isNotEmpty();
    // Every place the schema objects to is a place the reader reported, or inside one; a
    // "required" error is about the object, as the reader's missing-field problem is.
    for (Error error : errors) {
      String pointer = pointer(error.getInstanceLocation());
      assertThat(readerPointers).as("schema error %s at %s", error.getMessage(), pointer)
          .anySatisfy(reader -> assertThat(pointer.equals(reader) || reader.startsWith(pointer + "/")
              || pointer.startsWith(reader + "/")).isTrue());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodFiles")
  void agreesWithTheReaderOnEveryFieldTakenAway(Path file) throws IOException {
    JsonNode tree = MAPPER.readTree(Files.readString(file));
    List<String> disagreements = new ArrayList<>();
    eachMember(tree, "", (pointer, parent, name) -> {
      JsonNode value = parent.remove(name);
      compare("without " + pointer, tree, disagreements);
      parent.set(name, value);
    });
    assertThat(disagreements).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodFiles")
  void agreesWithTheReaderOnEveryFieldGivenAValueOfAnotherType(Path file) throws IOException {
    JsonNode tree = MAPPER.readTree(Files.readString(file));
    List<String> disagreements = new ArrayList<>();
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    List<JsonNode> others = List.of(nodes.textNode(" "), nodes.textNode(""), nodes.numberNode(0),
        nodes.numberNode(1.5), nodes.numberNode(3_000_000_000L), nodes.numberNode(-1), nodes.numberNode(2.0), nodes.booleanNode(true), nodes.nullNode(),
        nodes.arrayNode(), nodes.objectNode());
    eachMember(tree, "", (pointer, parent, name) -> {
      JsonNode value = parent.get(name);
      for (JsonNode other : others) {
        if (other.equals(value)) {
          continue;
        }
        parent.set(name, other);
        compare(pointer + " = " + other, tree, disagreements);
      }
      parent.set(name, value);
    });
    assertThat(disagreements).isEmpty();
  }

  @Test
  void rejectsTheUnknownFieldFixtureNamingTheField() throws IOException {
    List<Error> errors = errors(Files.readString(Fixtures.invalid("PW004-unknown-field")));

    assertThat(errors).singleElement().satisfies(e -> assertThat(e.toString()).contains("driverMemroy"));
  }

  private interface MemberVisitor {
    void visit(String pointer, ObjectNode parent, String name);
  }

  /** Every member of every object, depth first; the tree may be changed and restored by the visitor. */
  private static void eachMember(JsonNode node, String pointer, MemberVisitor visitor) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = pointer + "/" + PipelineReader.escape(name);
        visitor.visit(child, (ObjectNode) node, name);
        eachMember(node.get(name), child, visitor);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        eachMember(node.get(i), pointer + "/" + i, visitor);
      }
    }
  }

  /** Whether the reader finds a problem of the format (PW0xx) exactly when the schema rejects. */
  private static void compare(String change, JsonNode tree, List<String> disagreements) {
    String text = tree.toString();
    LoadedPipeline loaded = PipelineFormat.parse(text, "changed");
    boolean readerRejects = loaded.pipeline() == null || !loaded.problems().isEmpty();
    List<Error> errors = errors(text);
    if (readerRejects != !errors.isEmpty()) {
      disagreements.add(change + ": reader " + (readerRejects ? loaded.problems() : "accepts") + ", schema "
          + (errors.isEmpty() ? "accepts" : errors.stream().map(Error::toString).toList()));
    }
  }

  private static String pointer(NodePath path) {
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      pointer.append('/').append(element instanceof Integer n ? n.toString() : PipelineReader.escape(element.toString()));
    }
    return pointer.toString();
  }

  private static String codeOf(Path fixture) {
    return fixture.getFileName().toString().substring(0, 5);
  }

  private static List<Error> errors(String json) {
    return schema.validate(json, InputFormat.JSON);
  }
}
