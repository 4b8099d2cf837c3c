package io.pipewright.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewright.io.AtomicFiles;
import io.pipewright.io.Jackson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes {@code *.pipeline.json} (docs/pipeline-format.md). Reading never throws for bad
 * content: every problem becomes a {@link Diagnostic} with the JSON pointer of its field, and
 * {@link LoadedPipeline#location} turns that into a line and column when asked.
 */
public final class PipelineFormat {

  /** The newest {@code schemaVersion} this version reads and the one it writes. */
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = Jackson.MAPPER;

  private PipelineFormat() {}

  /** Reads a pipeline file. Throws only when the file cannot be read at all. */
  public static LoadedPipeline read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return parse(text, file.toString());
  }

  /** Parses the text of a pipeline file; {@code sourceName} names it in messages. */
  public static LoadedPipeline parse(String text, String sourceName) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      Diagnostic problem = new Diagnostic(
          Severity.ERROR, DiagnosticCodes.MALFORMED_JSON, "not valid JSON: " + syntaxMessage(e), null, null, "");
      return new LoadedPipeline(sourceName, text, null, List.of(problem));
    }
    if (root == null || root.isMissingNode()) {
      Diagnostic problem = new Diagnostic(
          Severity.ERROR, DiagnosticCodes.MALFORMED_JSON, "not valid JSON: the file is empty", null, null, "");
      return new LoadedPipeline(sourceName, text, null, List.of(problem));
    }
    PipelineReader reader = new PipelineReader();
    Pipeline pipeline = reader.read(root);
    return new LoadedPipeline(sourceName, text, pipeline, reader.problems());
  }

  /** The file text for a pipeline, in the format's one stable layout. */
  public static String write(Pipeline pipeline) {
    return PipelineWriter.write(pipeline);
  }

  /**
   * Writes a pipeline file atomically: into a temporary file next to it, flushed to the disk, then
   * moved over it, so a crash or a failed write leaves either the old file or the new one.
   */
  public static void save(Pipeline pipeline, Path file) throws IOException {
    AtomicFiles.writeString(file, write(pipeline));
  }

  /** Jackson's message without its source excerpt and location, which the diagnostic carries. */
  private static String syntaxMessage(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return "unreadable";
    }
    message = message.strip();
    if (!message.isEmpty()) {
      message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
    return message;
  }
}
