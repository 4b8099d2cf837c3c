package io.pipewright.app.log;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the search looks for, compiled to work on bytes: plain text (or a regular expression's
 * required literal) is looked for in the raw bytes of many lines at once, and only a line holding
 * it is decoded and checked against the expression. A line matches as {@code grep} counts it: the
 * pattern is found anywhere in the line. Not thread-safe (one per search part).
 */
final class SearchPattern {
  private final String query;
  private final boolean regex;
  private final boolean matchCase;
  private final byte[] literal; // lower case when !matchCase; null: check every line
  private int rare; // index in literal of the byte scanned for
  private final Pattern pattern; // null: the literal is the whole test
  private final boolean asciiPattern;
  private final Matcher matcher;
  private final BytesAsChars chars = new BytesAsChars();

  private SearchPattern(String query, boolean regex, boolean matchCase) {
    this.query = query;
    this.regex = regex;
    this.matchCase = matchCase;
    String lit = regex ? requiredLiteral(query) : query;
    boolean ascii = lit != null && lit.chars().allMatch(c -> c < 128);
    if (lit != null && !lit.isEmpty() && (matchCase || ascii)) {
      literal = (matchCase ? lit : lit.toLowerCase(java.util.Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
      rare = rarest(literal);
    } else {
      literal = null;
      rare = 0;
    }
    int flags = matchCase ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    if (regex) {
      pattern = Pattern.compile(query, flags);
    } else if (literal == null) {
      pattern = Pattern.compile(query, flags | Pattern.LITERAL);
    } else {
      pattern = null;
    }
    asciiPattern = query.chars().allMatch(c -> c < 128);
    matcher = pattern == null ? null : pattern.matcher("");
  }

  /**
   * @throws PatternSyntaxException when {@code regex} and the query is not a valid expression
   */
  static SearchPattern of(String query, boolean regex, boolean matchCase) {
    return new SearchPattern(query, regex, matchCase);
  }

  /** For marking matches in the decoded lines shown. */
  Pattern display() {
    int flags = matchCase ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    return regex ? Pattern.compile(query, flags) : Pattern.compile(query, flags | Pattern.LITERAL);
  }

  /** Looks for the literal's byte that is rarest in {@code sample} (a stretch of the log to search). */
  void tuneTo(byte[] sample, int length) {
    if (literal == null || literal.length == 1) {
      return;
    }
    int[] counts = new int[256];
    for (int i = 0; i < length; i++) {
      int c = sample[i] & 0xff;
      if (!matchCase && c >= 'A' && c <= 'Z') {
        c += 32;
      }
      counts[c]++;
    }
    int best = rare;
    for (int i = 0; i < literal.length; i++) {
      if (counts[literal[i] & 0xff] < counts[literal[best] & 0xff]) {
        best = i;
      }
    }
    rare = best;
  }

  /**
   * Counts the lines of {@code b[from..to)} (whole lines) that match, adding their start offsets
   * ({@code base} + index) to {@code offsets} while it holds fewer than {@code keep}.
   */
  long matchLines(byte[] b, int from, int to, long base, LongList offsets, int keep) {
    long count = 0;
    int i = from;
    if (literal != null) {
      while (i < to) {
        int hit = find(b, i, to);
        if (hit < 0) {
          break;
        }
        int start = LineScanner.lastIndexOf(b, (byte) '\n', i, hit) + 1;
        if (start == 0 && i > 0) {
          start = i;
        }
        int end = LineScanner.indexOf(b, (byte) '\n', hit, to);
        if (end < 0) {
          end = to;
        }
        if (start < i) {
          start = i;
        }
        if (pattern == null || lineMatches(b, start, end)) {
          count++;
          if (offsets.size() < keep) {
            offsets.add(base + start);
          }
        }
        i = end + 1;
      }
      return count;
    }
    while (i < to) {
      int end = LineScanner.indexOf(b, (byte) '\n', i, to);
      if (end < 0) {
        end = to;
      }
      if (lineMatches(b, i, end)) {
        count++;
        if (offsets.size() < keep) {
          offsets.add(base + i);
        }
      }
      i = end + 1;
    }
    return count;
  }

  private boolean lineMatches(byte[] b, int from, int to) {
    int end = to > from && b[to - 1] == '\r' ? to - 1 : to;
    if (asciiPattern) {
      chars.set(b, from, end);
      return matcher.reset(chars).find();
    }
    return matcher.reset(new String(b, from, end - from, StandardCharsets.UTF_8)).find();
  }

  /** The first occurrence of the literal in {@code b[from..to)}, or -1: its rarest byte looked for a word at a time. */
  private int find(byte[] b, int from, int to) {
    byte[] lit = literal;
    int m = lit.length;
    int k = rare;
    byte v = lit[k];
    byte up = matchCase ? v : (byte) Character.toUpperCase((char) v);
    long low = Swar.broadcast(v);
    long high = Swar.broadcast(up);
    int last = to - m + k; // the last index where the rare byte can sit
    int j = from + k;
    for (; j + 8 <= last + 1; j += 8) {
      long w = Swar.word(b, j);
      long t = matchCase ? Swar.lanes(w, low) : Swar.lanes(w, low) | Swar.lanes(w, high);
      while (t != 0) {
        int at = j + (Long.numberOfTrailingZeros(t) >>> 3);
        byte x = b[at];
        if ((x == v || x == up) && (matchCase ? equalsAt(b, at - k, lit) : equalsIgnoreCaseAt(b, at - k, lit))) {
          return at - k;
        }
        t &= t - 1;
      }
    }
    for (; j <= last; j++) {
      byte x = b[j];
      if ((x == v || x == up) && (matchCase ? equalsAt(b, j - k, lit) : equalsIgnoreCaseAt(b, j - k, lit))) {
        return j - k;
      }
    }
    return -1;
  }

  private static boolean equalsAt(byte[] b, int at, byte[] lit) {
    for (int i = 0; i < lit.length; i++) {
      if (b[at + i] != lit[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean equalsIgnoreCaseAt(byte[] b, int at, byte[] lower) {
    for (int i = 0; i < lower.length; i++) {
      byte x = b[at + i];
      if (x >= 'A' && x <= 'Z') {
        x += 32;
      }
      if (x != lower[i]) {
        return false;
      }
    }
    return true;
  }

  /** The literal's byte least common in logs (capitals, digits and punctuation before lower case and blanks). */
  private static int rarest(byte[] lit) {
    int best = 0;
    int bestScore = Integer.MAX_VALUE;
    for (int i = 0; i < lit.length; i++) {
      int c = lit[i] & 0xff;
      int score;
      if (c == ' ' || c == 'e' || c == 't' || c == 'a' || c == 'o' || c == 'i' || c == 'n' || c == 's' || c == 'r') {
        score = 4;
      } else if (c >= 'a' && c <= 'z') {
        score = 3;
      } else if (c >= '0' && c <= '9' || c == ':' || c == '.' || c == '/') {
        score = 2;
      } else {
        score = 1;
      }
      if (score < bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  /**
   * The longest run of plain characters every match of {@code regex} must contain, or null when
   * there is none that is simple to prove (alternation, inline flags, quoting).
   */
  static String requiredLiteral(String regex) {
    if (regex.contains("|") || regex.contains("(?") || regex.contains("\\Q")) {
      return null;
    }
    StringBuilder run = new StringBuilder();
    String best = "";
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char n = regex.charAt(i + 1);
        if (!Character.isLetterOrDigit(n)) {
          run.append(n);
        } else {
          best = longer(best, run);
          run.setLength(0);
        }
        i += 2;
      } else if (c == '[') {
        best = longer(best, run);
        run.setLength(0);
        i = skipClass(regex, i);
      } else if (c == '(' || c == ')') {
        // what a group holds may be optional or repeated: runs stop at its edges
        best = longer(best, run);
        run.setLength(0);
        i++;
      } else if (c == '*' || c == '?' || c == '{') {
        if (run.length() > 0) {
          run.setLength(run.length() - 1); // the character before is optional
        }
        best = longer(best, run);
        run.setLength(0);
        if (c == '{') {
          int close = regex.indexOf('}', i);
          i = close < 0 ? regex.length() : close + 1;
        } else {
          i++;
        }
      } else if (c == '+' || c == '.' || c == '^' || c == '$') {
        best = longer(best, run);
        run.setLength(0);
        i++;
      } else {
        run.append(c);
        i++;
      }
    }
    best = longer(best, run);
    return best.isEmpty() ? null : best;
  }

  private static String longer(String best, StringBuilder run) {
    return run.length() > best.length() ? run.toString() : best;
  }

  private static int skipClass(String regex, int open) {
    int i = open + 1;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++;
    }
    while (i < regex.length() && regex.charAt(i) != ']') {
      i += regex.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  /** Bytes seen as Latin-1 characters, for expressions that are plain ASCII. */
  private static final class BytesAsChars implements CharSequence {
    private byte[] bytes;
    private int from;
    private int length;

    void set(byte[] b, int from, int to) {
      this.bytes = b;
      this.from = from;
      this.length = to - from;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      return (char) (bytes[from + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(bytes, from + start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
      return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }
  }
}
