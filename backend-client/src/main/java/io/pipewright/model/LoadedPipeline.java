package io.pipewright.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What reading a pipeline file gave: its text, the pipeline (null when the file could not be
 * understood well enough to build one) and the problems found in the format.
 *
 * @param locations line and column of pointers in {@code text}, indexed on first use; derived from
 *     {@code text}
 */
public record LoadedPipeline(
    String sourceName, String text, Pipeline pipeline, List<Diagnostic> problems, SourceLocations locations) {

  public LoadedPipeline {
    Objects.requireNonNull(sourceName, "sourceName");
    text = text == null ? "" : text;
    problems = List.copyOf(problems == null ? List.of() : problems);
    locations = locations == null ? new SourceLocations(text) : locations;
  }

  public LoadedPipeline(String sourceName, String text, Pipeline pipeline, List<Diagnostic> problems) {
    this(sourceName, text, pipeline, problems, null);
  }

  public boolean hasErrors() {
    return pipeline == null || problems.stream().anyMatch(Diagnostic::isError);
  }

  /**
   * Where in {@code text} a diagnostic points: the parser's position for malformed JSON, else the
   * location of its pointer (of this file's diagnostics or of the validator's for this pipeline).
   */
  public SourceLocation location(Diagnostic diagnostic) {
    if (DiagnosticCodes.MALFORMED_JSON.equals(diagnostic.code())) {
      return locations.syntaxError();
    }
    return locations.of(diagnostic.pointer());
  }

  /**
   * Like {@link #location} but empty when the file holds no place for the diagnostic: neither its
   * pointer nor an enclosing one, or, for malformed JSON, no place where the JSON breaks.
   */
  public Optional<SourceLocation> locate(Diagnostic diagnostic) {
    if (DiagnosticCodes.MALFORMED_JSON.equals(diagnostic.code())) {
      return locations.findSyntaxError();
    }
    return locations.find(diagnostic.pointer());
  }
}
