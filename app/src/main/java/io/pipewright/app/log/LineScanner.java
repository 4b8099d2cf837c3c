package io.pipewright.app.log;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Walks the whole lines of a stretch of a log in large chunks, handing each chunk's complete lines
 * as one region of bytes (so a search can look for its literal across many lines at once). Used by
 * the search (one scanner per part of the file, in parallel) and the filter.
 */
final class LineScanner {
  static final int CHUNK = 1 << 20;

  /** Receives whole lines: {@code bytes[from..to)}, each ended by {@code \n} except a last line taken at the end. */
  interface Regions {
    void region(byte[] bytes, int from, int to, long offset) throws IOException;
  }

  private LineScanner() {}

  /**
   * Hands over the lines that start in {@code [start, end)}: a line that starts before {@code start}
   * belongs to whoever scans the stretch before; one that starts before {@code end} is taken to its
   * end. A last line without a line break is taken only when {@code takeUnended}.
   *
   * @return the offset after the last line handed over (where a later scan goes on), or -1 when cancelled
   */
  static long scan(LogBytes.Reader reader, long start, long end, boolean takeUnended, Regions sink,
      AtomicLong progress, BooleanSupplier cancelled) throws IOException {
    if (start >= end) {
      return start;
    }
    byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(64 * 1024, end - start + 1))];
    boolean skipping = start > 0;
    long base = skipping ? start - 1 : start; // file offset of buf[0]
    long readAt = base;
    int have = 0;
    while (true) {
      if (cancelled.getAsBoolean()) {
        return -1;
      }
      if (have == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2); // one line longer than a chunk
      }
      int n = reader.read(readAt, buf, have, buf.length - have);
      if (n <= 0) {
        if (skipping) {
          return readAt;
        }
        if (have > 0 && takeUnended && base < end) {
          sink.region(buf, 0, have, base);
          progress.addAndGet(have);
          return base + have;
        }
        return base;
      }
      readAt += n;
      int len = have + n;
      int from = 0;
      if (skipping) {
        int nl = indexOf(buf, (byte) '\n', 0, len);
        if (nl < 0) {
          base += len;
          have = 0;
          continue;
        }
        from = nl + 1;
        skipping = false;
        progress.addAndGet(from);
      }
      if (base + from >= end) {
        return base + from;
      }
      int last = lastIndexOf(buf, (byte) '\n', from, len);
      if (last < 0) {
        System.arraycopy(buf, from, buf, 0, len - from);
        base += from;
        have = len - from;
        continue;
      }
      int to = last + 1;
      if (base + to > end) {
        // Only lines that start before `end`: up to the end of the line holding byte end - 1.
        to = indexOf(buf, (byte) '\n', (int) (end - 1 - base), len) + 1;
      }
      sink.region(buf, from, to, base);
      progress.addAndGet(to - from);
      if (base + to >= end) {
        return base + to;
      }
      System.arraycopy(buf, to, buf, 0, len - to);
      have = len - to;
      base += to;
    }
  }

  static int indexOf(byte[] b, byte v, int from, int to) {
    return Swar.indexOf(b, v, from, to);
  }

  static int lastIndexOf(byte[] b, byte v, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
