package io.pipewright.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Line and column of each JSON pointer in a text. The index is built on the first request, by one
 * streaming pass over the text, so that loading a file never pays for it. An object member's
 * location is where its name starts; an array element's is where the element starts.
 */
public final class SourceLocations {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final String text;
  private volatile Index index;

  public SourceLocations(String text) {
    this.text = text == null ? "" : text;
  }

  /**
   * Where {@code pointer} is; for a pointer the text does not hold, the nearest enclosing one;
   * for "" the start of the file.
   */
  public SourceLocation of(String pointer) {
    Map<String, SourceLocation> locations = index().locations;
    String p = pointer == null ? "" : pointer;
    while (!p.isEmpty()) {
      SourceLocation found = locations.get(p);
      if (found != null) {
        return found;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
    return SourceLocation.START;
  }

  /**
   * Where {@code pointer} is, or the nearest enclosing pointer the text holds ("" is the whole
   * file's value); empty when the text holds none of them (it is not JSON there).
   */
  public Optional<SourceLocation> find(String pointer) {
    Map<String, SourceLocation> locations = index().locations;
    String p = pointer == null ? "" : pointer;
    while (true) {
      SourceLocation found = locations.get(p);
      if (found != null) {
        return Optional.of(found);
      }
      if (p.isEmpty()) {
        return Optional.empty();
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** Where the text stops being JSON; empty when it is JSON. */
  public Optional<SourceLocation> findSyntaxError() {
    return Optional.ofNullable(index().syntaxError);
  }

  /** Where the text stops being JSON, when it is malformed. */
  public SourceLocation syntaxError() {
    SourceLocation error = index().syntaxError;
    return error == null ? SourceLocation.START : error;
  }

  private Index index() {
    Index built = index;
    if (built == null) {
      synchronized (this) {
        built = index;
        if (built == null) {
          built = build(text);
          index = built;
        }
      }
    }
    return built;
  }

  private static Index build(String text) {
    Map<String, SourceLocation> locations = new HashMap<>();
    SourceLocation error = null;
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          continue;
        }
        // For a value that starts an object or array the context is the new, still unnamed
        // one, whose pointer is its parent's: the member name was recorded first and wins.
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        locations.putIfAbsent(pointer, at(parser.currentTokenLocation()));
      }
    } catch (JsonProcessingException e) {
      error = at(e.getLocation());
    } catch (IOException e) {
      error = SourceLocation.START;
    }
    return new Index(locations, error);
  }

  static SourceLocation at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return SourceLocation.START;
    }
    return new SourceLocation(location.getLineNr(), Math.max(1, location.getColumnNr()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceLocations other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  private record Index(Map<String, SourceLocation> locations, SourceLocation syntaxError) {}
}
