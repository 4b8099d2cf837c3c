package io.pipewright.app.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads lines by number through a {@link LineIndex}: from the line's checkpoint, skipping fewer
 * than {@link LineIndex#STEP} lines. Background threads only.
 */
final class LineReader {
  /** A line longer than this is shown cut (the rest is in Save…). */
  static final int MAX_LINE_BYTES = 64 * 1024;
  private static final int BLOCK = 64 * 1024;

  private LineReader() {}

  /**
   * Up to {@code count} lines from {@code first} (0-based), raw (ANSI codes kept, line breaks and a
   * trailing {@code \r} removed); fewer at the end of what was written up to {@code limit}.
   */
  static List<String> read(LogBytes.Reader reader, LineIndex index, long first, int count, long limit)
      throws IOException {
    long[] cp = index.checkpointFor(first);
    long line = cp[0];
    long offset = cp[1];
    List<String> out = new ArrayList<>(count);
    byte[] block = new byte[BLOCK];
    ByteLine current = new ByteLine();
    while (out.size() < count && offset < limit) {
      int n = reader.read(offset, block, 0, (int) Math.min(BLOCK, limit - offset));
      if (n <= 0) {
        break;
      }
      int start = 0;
      for (int i = 0; i < n && out.size() < count; i++) {
        if (block[i] == '\n') {
          if (line >= first) {
            current.append(block, start, i - start);
            out.add(current.decode());
          }
          current.clear();
          line++;
          start = i + 1;
        }
      }
      if (out.size() < count && line >= first) {
        current.append(block, start, n - start);
      }
      offset += n;
    }
    if (out.size() < count && line >= first && current.length > 0) {
      out.add(current.decode()); // the last line, not ended yet
    }
    return out;
  }

  /** The 0-based number of the line that starts at or contains {@code offset}. */
  static long lineOf(LogBytes.Reader reader, LineIndex index, long offset) throws IOException {
    long[] cp = index.checkpointAtOrBefore(offset);
    long line = cp[0];
    long at = cp[1];
    byte[] block = new byte[BLOCK];
    while (at < offset) {
      int n = reader.read(at, block, 0, (int) Math.min(BLOCK, offset - at));
      if (n <= 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (block[i] == '\n') {
          line++;
        }
      }
      at += n;
    }
    return line;
  }

  /** The offset at which line {@code target} (0-based) starts. */
  static long offsetOf(LogBytes.Reader reader, LineIndex index, long target) throws IOException {
    long[] cp = index.checkpointFor(target);
    long line = cp[0];
    long at = cp[1];
    byte[] block = new byte[BLOCK];
    while (line < target) {
      int n = reader.read(at, block, 0, BLOCK);
      if (n <= 0) {
        return at;
      }
      for (int i = 0; i < n; i++) {
        if (block[i] == '\n' && ++line == target) {
          return at + i + 1;
        }
      }
      at += n;
    }
    return at;
  }

  /** The bytes of one line, cut at {@link #MAX_LINE_BYTES}. */
  private static final class ByteLine {
    byte[] bytes = new byte[256];
    int length;
    boolean cut;

    void append(byte[] from, int at, int n) {
      int take = Math.min(n, MAX_LINE_BYTES - length);
      if (take < n) {
        cut = true;
      }
      if (take <= 0) {
        return;
      }
      if (length + take > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + take));
      }
      System.arraycopy(from, at, bytes, length, take);
      length += take;
    }

    String decode() {
      int end = length;
      if (end > 0 && bytes[end - 1] == '\r') {
        end--;
      }
      // Malformed bytes become U+FFFD: a log is shown, never refused.
      String s = new String(bytes, 0, end, StandardCharsets.UTF_8);
      return cut ? s + " …" : s;
    }

    void clear() {
      length = 0;
      cut = false;
    }
  }
}
