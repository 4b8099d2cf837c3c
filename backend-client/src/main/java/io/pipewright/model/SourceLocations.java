package io.pipewright.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Line and column of each JSON pointer in a text. The index is built on the first request, by one
 * streaming pass over the text, so that loading a file never pays for it. An object member's
 * location is where its name starts; an array element's is where the element starts.
 */
public final class SourceLocations {

  private static final JsonFactory FACTORY = new JsonFactory();

  /**
   * Pointers of more segments than this are read through but not indexed: one into them is
   * located at its enclosing value of this many segments. The pointers of pipeline diagnostics
   * have 5 ({@code /steps/0/spark/dynamicAllocation/minExecutors}); without a limit, a file of a
   * million nested arrays costs an index entry per token for nothing.
   */
  static final int MAX_DEPTH = 16;

  private final String text;
  private volatile Index index;

  public SourceLocations(String text) {
    this.text = text == null ? "" : text;
  }

  /** For a text known to be broken at {@code syntaxError} before it is parsed (bytes that are not UTF-8). */
  SourceLocations(String text, SourceLocation syntaxError) {
    this(text);
    Index parsed = build(this.text);
    this.index = new Index(parsed.root, syntaxError);
  }

  /**
   * Where {@code pointer} is; for a pointer the text does not hold, the nearest enclosing one;
   * for "" the start of the file's value.
   */
  public SourceLocation of(String pointer) {
    return find(pointer).orElse(SourceLocation.START);
  }

  /**
   * Where {@code pointer} is, or the nearest enclosing pointer the text holds ("" is the whole
   * file's value); empty when the text holds none of them (it is not JSON there).
   */
  public Optional<SourceLocation> find(String pointer) {
    Node node = index().root;
    SourceLocation found = node.at;
    String p = pointer == null ? "" : pointer;
    int from = 1;
    while (p.startsWith("/") && from <= p.length()) {
      int slash = p.indexOf('/', from);
      int end = slash < 0 ? p.length() : slash;
      node = node.child(unescape(p.substring(from, end)));
      if (node == null) {
        break;
      }
      if (node.at != null) {
        found = node.at;
      }
      from = end + 1;
    }
    return Optional.ofNullable(found);
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

  /**
   * One pass over the tokens, keeping a tree of the members and elements seen (a node per value,
   * its children by member name or element index, down to {@link #MAX_DEPTH}), so that time and
   * memory are linear in the text however deep it nests. The text is read as {@link
   * PipelineFormat} reads it: a member named twice in an object, or anything after the file's one
   * value, is where it stops being JSON.
   */
  private static Index build(String text) {
    Node root = new Node();
    SourceLocation error = null;
    Deque<Frame> open = new ArrayDeque<>();
    JsonParser parser = null;
    try {
      parser = FACTORY.createParser(text);
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          open.pop();
          continue;
        }
        if (token == JsonToken.FIELD_NAME) {
          Frame object = open.peek();
          if (!object.names.add(parser.currentName())) {
            // As PipelineFormat reads it: a member named twice, where its second name starts.
            error = at(parser.currentTokenLocation());
            break;
          }
          if (object.node != null) {
            object.member = object.node.member(parser.currentName());
            object.member.locate(at(parser.currentTokenLocation())); // a member is where its name starts
          }
          continue;
        }
        Node value;
        if (open.isEmpty()) {
          if (root.at != null) {
            error = at(parser.currentTokenLocation()); // a second value after the file's one
            break;
          }
          value = root;
        } else if (open.size() > MAX_DEPTH || open.peek().node == null) {
          value = null; // deeper than any pointer asked about: only read through
        } else if (open.peek().array) {
          value = open.peek().node.newElement();
        } else {
          value = open.peek().member;
        }
        if (value != null) {
          value.locate(at(parser.currentTokenLocation()));
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          open.push(new Frame(value, token == JsonToken.START_ARRAY));
        }
      }
      if (error == null && root.at == null) {
        error = at(parser.currentLocation()); // no value at all: where the file ends
      }
    } catch (JsonProcessingException e) {
      error = e.getLocation() != null ? at(e.getLocation())
          : parser != null ? at(parser.currentLocation()) : SourceLocation.START;
    } catch (IOException e) {
      error = SourceLocation.START;
    } finally {
      if (parser != null) {
        try {
          parser.close();
        } catch (IOException e) {
          // a parser over a string holds nothing to release
        }
      }
    }
    return new Index(root, error);
  }

  /** A JSON pointer segment's member name or index (RFC 6901). */
  private static String unescape(String segment) {
    if (segment.indexOf('~') < 0) {
      return segment;
    }
    return segment.replace("~1", "/").replace("~0", "~");
  }

  /** A value in the text: where it is, and its members (of an object) or elements (of an array). */
  private static final class Node {
    SourceLocation at;
    Map<String, Node> members;
    List<Node> elements;

    Node member(String name) {
      if (members == null) {
        members = new HashMap<>(4);
      }
      return members.computeIfAbsent(name, k -> new Node());
    }

    Node newElement() {
      if (elements == null) {
        elements = new ArrayList<>(4);
      }
      Node element = new Node();
      elements.add(element);
      return element;
    }

    /** The member or element a pointer segment names, or null. */
    Node child(String segment) {
      if (members != null) {
        Node member = members.get(segment);
        if (member != null) {
          return member;
        }
      }
      if (elements != null && !segment.isEmpty() && segment.length() < 10 && segment.chars().allMatch(c -> c >= '0' && c <= '9')
          && (segment.length() == 1 || segment.charAt(0) != '0')) {
        int index = Integer.parseInt(segment);
        return index < elements.size() ? elements.get(index) : null;
      }
      return null;
    }

    void locate(SourceLocation location) {
      if (at == null) {
        at = location;
      }
    }
  }

  /** An object or array being read (its node null when too deep to index), and the member whose value comes next. */
  private static final class Frame {
    final Node node;
    final boolean array;
    final Set<String> names = new HashSet<>(4);
    Node member;

    Frame(Node node, boolean array) {
      this.node = node;
      this.array = array;
    }
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

  private record Index(Node root, SourceLocation syntaxError) {}
}
