package io.pipewright.app.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte search eight bytes at a time ("SIMD within a register"): a word of the array is compared
 * with the byte in every lane at once, and only words that hold it are looked at byte by byte. About
 * three times the speed of a byte loop with the client compiler the app runs on (app/jvm.options).
 */
final class Swar {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Swar() {}

  /** Every lane of a word set to {@code v}. */
  static long broadcast(byte v) {
    return (v & 0xffL) * ONES;
  }

  /**
   * Lanes of {@code word} equal to the broadcast byte get their high bit set; lanes above the
   * lowest such one may be set without being equal (check them).
   */
  static long lanes(long word, long pattern) {
    long x = word ^ pattern;
    return (x - ONES) & ~x & HIGHS;
  }

  static long word(byte[] b, int at) {
    return (long) LONGS.get(b, at);
  }

  /** The first {@code v} in {@code b[from..to)}, or -1. */
  static int indexOf(byte[] b, byte v, int from, int to) {
    long pattern = broadcast(v);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long t = lanes(word(b, i), pattern);
      while (t != 0) {
        int k = i + (Long.numberOfTrailingZeros(t) >>> 3);
        if (b[k] == v) {
          return k;
        }
        t &= t - 1;
      }
    }
    for (; i < to; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
