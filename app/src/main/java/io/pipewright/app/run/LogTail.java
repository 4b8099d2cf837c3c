package io.pipewright.app.run;

import io.pipewright.workspace.LogStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a growing log by offset and hands out complete lines. It never holds more than one
 * window of the log: when the log is further ahead than {@code window} bytes (a step that printed
 * 500 MB), it skips to the last window and says so, as a viewer only shows the end anyway.
 *
 * <p>Not tied to any control and not thread-safe: one {@link #poll} at a time (the log view runs
 * one background read per tick).
 */
public final class LogTail {
  /** How much of a log one poll reads at most, and how far back a viewer that falls behind starts. */
  public static final int DEFAULT_WINDOW = 1 << 20;

  private final LogStream stream;
  private final int window;
  private long offset;
  private byte[] partial = new byte[0];
  private boolean dropFirstLine;

  public LogTail(LogStream stream) {
    this(stream, DEFAULT_WINDOW);
  }

  public LogTail(LogStream stream, int window) {
    if (window <= 0) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    this.stream = stream;
    this.window = window;
  }

  /**
   * New lines written since the last poll.
   *
   * @param toEnd the log will not grow any more (its step has ended): the last line is returned
   *     even without a line break
   */
  public Chunk poll(boolean toEnd) throws IOException {
    long size = stream.size();
    long skipped = 0;
    if (size - offset > window) {
      long from = size - window;
      skipped = from - offset;
      offset = from;
      partial = new byte[0];
      dropFirstLine = true;
    }
    byte[] read = stream.read(offset, window);
    offset += read.length;
    byte[] bytes = concat(partial, read);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        if (dropFirstLine) {
          // The window began inside this line: the part before it is gone.
          dropFirstLine = false;
        } else {
          lines.add(decode(bytes, start, i));
        }
        start = i + 1;
      }
    }
    partial = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
    if (partial.length >= window) {
      // One line longer than a window (no line break in 1 MiB): shown in pieces rather than held.
      if (!dropFirstLine) {
        lines.add(decode(partial, 0, partial.length));
      }
      partial = new byte[0];
    }
    boolean more = stream.size() > offset;
    if (toEnd && !more && partial.length > 0) {
      if (!dropFirstLine) {
        lines.add(decode(partial, 0, partial.length));
      }
      partial = new byte[0];
      dropFirstLine = false;
    }
    return new Chunk(lines, skipped, more);
  }

  /** Bytes read so far (including skipped ones). */
  public long offset() {
    return offset;
  }

  public String streamName() {
    return stream.name();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    if (a.length == 0) {
      return b;
    }
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static String decode(byte[] bytes, int from, int to) {
    int end = to;
    if (end > from && bytes[end - 1] == '\r') {
      end--;
    }
    // Malformed bytes become U+FFFD: a log is shown, never refused.
    return new String(bytes, from, end - from, StandardCharsets.UTF_8);
  }

  /**
   * What one poll found.
   *
   * @param lines the complete new lines, without line breaks
   * @param skippedBytes bytes passed over because the log ran more than a window ahead
   * @param more the log holds more than this poll read: poll again soon
   */
  public record Chunk(List<String> lines, long skippedBytes, boolean more) {
    public Chunk {
      lines = List.copyOf(lines);
    }

    public boolean isEmpty() {
      return lines.isEmpty() && skippedBytes == 0;
    }
  }
}
