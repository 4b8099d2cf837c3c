package io.pipewright.app.log;

/**
 * The "Errors and warnings" filter: which lines it keeps, decided on raw bytes. It keeps lines whose
 * level is ERROR, FATAL, WARN or WARNING and exception blocks: an exception's line ({@code
 * java.lang.IllegalStateException: …}, {@code Exception in thread …}, or the line before a stack
 * frame), its frames ({@code \tat …}), {@code Caused by: …} and {@code ... 12 more}. Fed whole
 * lines in order (one scan, possibly resumed as the log grows); collects kept line numbers.
 */
final class ProblemFilter {
  private final LongList lines = new LongList(1024);
  private long nextLine; // number of the next line fed
  private long offset; // where the next line starts

  /** Feeds whole lines {@code b[from..to)} (the next ones of the log, in order). */
  void feed(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int end = LineScanner.indexOf(b, (byte) '\n', i, to);
      if (end < 0) {
        end = to;
      }
      long line = nextLine++;
      if (keeps(b, i, end)) {
        boolean frame = LineIndex.isFrame(b, i, end);
        if (frame && line > 0 && (lines.size() == 0 || lines.last() != line - 1)) {
          lines.add(line - 1); // the exception the frames belong to
        }
        lines.add(line);
      }
      i = end + 1;
    }
    offset += to - from;
  }

  /** The kept lines, ascending (0-based). */
  LongList lines() {
    return lines;
  }

  /** Where the next line to feed starts. */
  long offset() {
    return offset;
  }

  static boolean keeps(byte[] b, int from, int to) {
    if (LineIndex.isFrame(b, from, to)) {
      return true;
    }
    int i = from;
    while (i < to && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    if (startsWith(b, i, to, "Caused by:") || startsWith(b, i, to, "Suppressed:")
        || startsWith(b, i, to, "Exception in thread ")) {
      return true;
    }
    if (i > from && startsWith(b, i, to, "... ") && i + 4 < to && b[i + 4] >= '0' && b[i + 4] <= '9') {
      return true; // "... 12 more"
    }
    if (i == from && exceptionName(b, from, to)) {
      return true;
    }
    return hasLevel(b, from, Math.min(to, from + StyledLine.LEVEL_WITHIN + 16));
  }

  /** A line that starts with a class name ending in Exception or Error, then {@code :} or the end. */
  private static boolean exceptionName(byte[] b, int from, int to) {
    int i = from;
    boolean dot = false;
    while (i < to) {
      byte c = b[i];
      if (c == '.') {
        dot = true;
      } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$')) {
        break;
      }
      i++;
    }
    if (!dot || i == from || (i < to && b[i] != ':')) {
      return false;
    }
    return endsWith(b, from, i, "Exception") || endsWith(b, from, i, "Error");
  }

  private static boolean hasLevel(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if ((c == 'E' || c == 'W' || c == 'F') && (i == from || !wordByte(b[i - 1]) || b[i - 1] == 'm')) {
        int end = i;
        while (end < to && b[end] >= 'A' && b[end] <= 'Z') {
          end++;
        }
        if (end < to && wordByte(b[end]) && b[end] != '\u001b') {
          continue;
        }
        int n = end - i;
        if (n == 5 && (startsWith(b, i, end, "ERROR") || startsWith(b, i, end, "FATAL"))
            || n == 4 && startsWith(b, i, end, "WARN") || n == 7 && startsWith(b, i, end, "WARNING")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean wordByte(byte c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  private static boolean startsWith(byte[] b, int at, int to, String s) {
    if (to - at < s.length()) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (b[at + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsWith(byte[] b, int from, int to, String s) {
    return to - from >= s.length() && startsWith(b, to - s.length(), to, s);
  }
}
