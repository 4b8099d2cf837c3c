package io.pipewright.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewright.io.AtomicFiles;
import io.pipewright.io.Jackson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
    return parse(Files.readAllBytes(file), file.toString());
  }

  /**
   * Parses the bytes of a pipeline file; {@code sourceName} names it in messages. Bytes that are
   * not UTF-8 are a located {@link DiagnosticCodes#MALFORMED_JSON} problem, not an exception; the
   * text then has U+FFFD in their place.
   */
  public static LoadedPipeline parse(byte[] bytes, String sourceName) {
    // A byte order mark (some Windows editors write one) is not part of the text (RFC 8259 §8.1).
    boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    // The JDK's own decoding is fastest; it puts U+FFFD where bytes are not UTF-8, and only then is
    // the file decoded again, slowly, to find where (a file may also hold U+FFFD itself).
    String decoded = new String(bytes, bom ? 3 : 0, bytes.length - (bom ? 3 : 0), StandardCharsets.UTF_8);
    if (decoded.indexOf('\uFFFD') < 0) {
      return parse(decoded, sourceName);
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, bom ? 3 : 0, bytes.length - (bom ? 3 : 0));
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      return parse(decoded, sourceName);
    }
    out.flip();
    String before = out.toString();
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < before.length(); i++) {
      if (before.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    SourceLocation at = new SourceLocation(line, before.length() - lineStart + 1);
    int bad = bytes[in.position()] & 0xFF;
    String text = decoded;
    Diagnostic problem = new Diagnostic(Severity.ERROR, DiagnosticCodes.MALFORMED_JSON,
        String.format("not UTF-8 text: byte 0x%02X here is not part of a character; a pipeline file is saved as UTF-8",
            bad), null, null, "");
    return new LoadedPipeline(sourceName, text, null, List.of(problem), new SourceLocations(text, at));
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
