package io.pipewright.azureml.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pipewright.model.SourceLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML document as a tree whose every node knows its line and column, built by one streaming pass
 * of Jackson's YAML parser (its tree model keeps no locations). Scalars are kept as their text; the
 * reader decides what a scalar means where it reads it.
 */
sealed interface YamlTree permits YamlTree.Scalar, YamlTree.Mapping, YamlTree.Sequence {

  SourceLocation at();

  /** A scalar: its text ({@code null} for YAML null or an empty value). */
  record Scalar(String text, boolean plainNumber, SourceLocation at) implements YamlTree {
    boolean isNull() {
      return text == null;
    }

    /** The text, or "" for null. */
    String string() {
      return text == null ? "" : text;
    }

    Optional<Boolean> bool() {
      if (text == null) {
        return Optional.empty();
      }
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on" -> Optional.of(true);
        case "false", "no", "off" -> Optional.of(false);
        default -> Optional.empty();
      };
    }
  }

  /** A mapping, in document order; {@code keys} holds where each key is written. */
  record Mapping(Map<String, YamlTree> entries, Map<String, SourceLocation> keys, List<Duplicate> duplicates,
      SourceLocation at) implements YamlTree {

    YamlTree get(String key) {
      return entries.get(key);
    }

    boolean has(String key) {
      return entries.containsKey(key);
    }

    /** Where the key is written, else where the mapping starts. */
    SourceLocation keyAt(String key) {
      return keys.getOrDefault(key, at);
    }

    /** The scalar text under {@code key}, if it is a non-null scalar. */
    Optional<String> text(String key) {
      return entries.get(key) instanceof Scalar s && !s.isNull() ? Optional.of(s.text()) : Optional.empty();
    }
  }

  /** A key written twice in one mapping: YAML forbids it; the later value wins, as in most readers. */
  record Duplicate(String key, SourceLocation at) {}

  record Sequence(List<YamlTree> items, SourceLocation at) implements YamlTree {}

  /** A YAML document that could not be parsed: the parser's message and where it stopped. */
  final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient SourceLocation location;

    SyntaxException(String message, SourceLocation location) {
      super(message);
      this.location = location;
    }

    SourceLocation location() {
      return location;
    }
  }

  YAMLFactory FACTORY = new YAMLFactory();

  /** Parses one YAML document; an empty document is an empty mapping at 1:1. */
  static YamlTree parse(String text) throws SyntaxException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return new Mapping(Map.of(), Map.of(), List.of(), SourceLocation.START);
      }
      YamlTree tree = read(parser, token);
      return tree;
    } catch (JsonProcessingException e) {
      // SnakeYAML knows where the problem is (its problem mark); Jackson's location may be where the
      // construct around it started.
      if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
          && marked.getProblemMark() != null) {
        String problem = marked.getProblem() == null ? message(e) : marked.getProblem().strip();
        String context = marked.getContext() == null ? "" : " (" + marked.getContext().strip() + ")";
        return throwAt(problem + context, new SourceLocation(marked.getProblemMark().getLine() + 1,
            marked.getProblemMark().getColumn() + 1));
      }
      throw new SyntaxException(message(e), location(e.getLocation()));
    } catch (IOException e) {
      throw new SyntaxException(e.getMessage(), SourceLocation.START);
    }
  }

  private static YamlTree throwAt(String message, SourceLocation at) throws SyntaxException {
    throw new SyntaxException(message, at);
  }

  private static YamlTree read(JsonParser parser, JsonToken token) throws IOException {
    SourceLocation at = location(parser.currentTokenLocation());
    switch (token) {
      case START_OBJECT -> {
        Map<String, YamlTree> entries = new LinkedHashMap<>();
        Map<String, SourceLocation> keys = new LinkedHashMap<>();
        List<Duplicate> duplicates = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          SourceLocation keyAt = location(parser.currentTokenLocation());
          YamlTree value = read(parser, parser.nextToken());
          if (entries.containsKey(key)) {
            duplicates.add(new Duplicate(key, keyAt));
          }
          entries.put(key, value);
          keys.put(key, keyAt);
        }
        return new Mapping(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keys),
            List.copyOf(duplicates), at);
      }
      case START_ARRAY -> {
        List<YamlTree> items = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY && next != null) {
          items.add(read(parser, next));
        }
        return new Sequence(List.copyOf(items), at);
      }
      case VALUE_NULL -> {
        return new Scalar(null, false, at);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new Scalar(parser.getText(), true, at);
      }
      default -> {
        return new Scalar(parser.getText(), false, at);
      }
    }
  }

  static SourceLocation location(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return SourceLocation.START;
    }
    return new SourceLocation(location.getLineNr(), Math.max(1, location.getColumnNr()));
  }

  private static String message(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null || message.isBlank()) {
      return "unreadable";
    }
    // SnakeYAML's messages carry their own excerpt after a blank line; the location is ours.
    int excerpt = message.indexOf("\n in 'reader'");
    if (excerpt > 0) {
      message = message.substring(0, excerpt);
    }
    return message.strip().replaceAll("\\s*\\n\\s*", " ");
  }
}
