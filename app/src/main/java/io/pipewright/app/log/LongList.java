package io.pipewright.app.log;

import java.util.Arrays;

/** A growing list of longs (line numbers, offsets) without boxing. */
final class LongList {
  private long[] values;
  private int size;

  LongList() {
    this(64);
  }

  LongList(int capacity) {
    values = new long[Math.max(4, capacity)];
  }

  void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  void addAll(LongList other) {
    if (size + other.size > values.length) {
      values = Arrays.copyOf(values, Math.max(values.length * 2, size + other.size));
    }
    System.arraycopy(other.values, 0, values, size, other.size);
    size += other.size;
  }

  long get(int i) {
    return values[i];
  }

  int size() {
    return size;
  }

  long last() {
    return values[size - 1];
  }

  /** Index of the first value greater than or equal to {@code v} (size if none); the list ascends. */
  int ceiling(long v) {
    int k = Arrays.binarySearch(values, 0, size, v);
    return k >= 0 ? k : -k - 1;
  }

  /** The backing array and size at this moment: filled slots never change. */
  long[] array() {
    return values;
  }
}
