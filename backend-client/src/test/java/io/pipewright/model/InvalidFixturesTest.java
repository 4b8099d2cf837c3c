package io.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture per failure mode, named {@code <CODE>-<what>.pipeline.json}: loading and validating
 * it reports that code, and no other error or warning.
 */
class InvalidFixturesTest {

  /** Where the diagnostic of some fixtures must point, as line:column. */
  private static final Map<String, SourceLocation> LOCATIONS = Map.of(
      "PW001-malformed-json", new SourceLocation(34, 7),
      "PW004-unknown-field", new SourceLocation(29, 9),
      "PW113-invalid-memory-string", new SourceLocation(29, 9),
      "PW102-unconnected-required-input", new SourceLocation(56, 9),
      "PW002-newer-schema-version", new SourceLocation(2, 3),
      "PW113-memory-without-a-unit", new SourceLocation(29, 9),
      "PW129-driver-memory-below-what-spark-needs", new SourceLocation(29, 9),
      "PW130-conf-value-of-the-wrong-type", new SourceLocation(33, 11),
      "PW131-executor-memory-in-conf", new SourceLocation(33, 11),
      "PW115-initial-executors-outside-the-bounds", new SourceLocation(36, 11));

  static List<Path> fixtures() {
    return Fixtures.invalid();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void reportsTheCodeInItsFileNameAndNothingElse(Path fixture) {
    String code = codeOf(fixture);
    List<Diagnostic> found = diagnostics(fixture);

    assertThat(found).extracting(Diagnostic::code).contains(code);
    Set<String> otherProblems = found.stream()
        .filter(d -> d.severity() != Severity.INFO)
        .map(Diagnostic::code)
        .filter(c -> !c.equals(code))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(otherProblems).as("other errors and warnings: %s", found).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void pointsAtALineOfTheFileAndNamesWhatItIsAbout(Path fixture) {
    LoadedPipeline loaded = Fixtures.load(fixture);
    String name = fixture.getFileName().toString().replace(".pipeline.json", "");
    Diagnostic diagnostic = diagnostics(fixture).stream()
        .filter(d -> d.code().equals(codeOf(fixture)))
        .findFirst()
        .orElseThrow();

    SourceLocation at = loaded.location(diagnostic);
    assertThat(at.line()).isBetween(1, (int) loaded.text().lines().count());
    assertThat(diagnostic.message()).isNotBlank();
    if (LOCATIONS.containsKey(name)) {
      assertThat(at).as(diagnostic.toString()).isEqualTo(LOCATIONS.get(name));
    }
  }

  private static List<Diagnostic> diagnostics(Path fixture) {
    LoadedPipeline loaded = Fixtures.load(fixture);
    List<Diagnostic> all = new ArrayList<>(loaded.problems());
    if (loaded.pipeline() != null) {
      all.addAll(PipelineValidator.validate(loaded.pipeline(), Fixtures.contextFor(fixture)));
    }
    return all;
  }

  private static String codeOf(Path fixture) {
    return fixture.getFileName().toString().substring(0, 5);
  }
}
