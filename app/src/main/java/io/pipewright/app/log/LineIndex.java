package io.pipewright.app.log;

import java.util.Arrays;

/**
 * A sparse index of a log's lines, built by one background scan that is fed the log's bytes in
 * order ({@link #scan}) while it grows: the byte offset of every {@link #STEP}th line's start, the
 * number of lines, and the runs of stack frames ({@code \tat …} lines) that the view folds. Reading a
 * line then means jumping to its checkpoint and skipping fewer than {@code STEP} lines.
 *
 * <p>Thread-safe: one thread scans, others read. Arrays only ever grow and filled slots never
 * change, so a {@link Snapshot} shares them without copying.
 */
final class LineIndex {
  static final int STEP = 256;
  /** A run of at least this many frames is folded: the first stays, the rest become one row. */
  static final int FOLD_MIN_FRAMES = 4;
  private static final int HEAD = 16;

  private long[] checkpoints = new long[1024];
  private int checkpointCount = 1; // line 0 starts at offset 0
  private long newlines;
  private long scanned;
  private long lastLineStart;
  private long[] foldFirst = new long[256];
  private int[] foldHidden = new int[256];
  private int folds;
  private long runStart = -1;
  private int runLength;
  private final byte[] head = new byte[HEAD];
  private int headLength;

  /** Takes in the next {@code length} bytes of the log (those at offset {@link #scanned()}). */
  synchronized void scan(byte[] bytes, int length) {
    long base = scanned;
    int lineStart;
    if (headLength > 0) {
      lineStart = -1; // the current line began in an earlier chunk: its head is in `head`
      int add = Math.min(HEAD - headLength, length);
      System.arraycopy(bytes, 0, head, headLength, add);
      headLength += add;
    } else {
      lineStart = 0;
    }
    int i = 0;
    while (i < length) {
      i = Swar.indexOf(bytes, (byte) '\n', i, length);
      if (i < 0) {
        break;
      }
      boolean frame = lineStart < 0 ? isFrame(head, 0, headLength) : isFrame(bytes, lineStart, i);
      lineEnded(frame);
      long next = base + i + 1;
      if (newlines % STEP == 0) {
        addCheckpoint(next);
      }
      lastLineStart = next;
      i++;
      lineStart = i;
      headLength = 0;
    }
    if (lineStart >= 0 && lineStart < length) {
      headLength = Math.min(HEAD, length - lineStart);
      System.arraycopy(bytes, lineStart, head, 0, headLength);
    }
    scanned = base + length;
  }

  private void lineEnded(boolean frame) {
    long line = newlines;
    newlines++;
    if (frame) {
      if (runStart < 0) {
        runStart = line;
        runLength = 1;
      } else {
        runLength++;
      }
    } else {
      closeRun();
    }
  }

  private void closeRun() {
    if (runStart >= 0 && runLength >= FOLD_MIN_FRAMES) {
      if (folds == foldFirst.length) {
        foldFirst = Arrays.copyOf(foldFirst, folds * 2);
        foldHidden = Arrays.copyOf(foldHidden, folds * 2);
      }
      foldFirst[folds] = runStart + 1;
      foldHidden[folds] = runLength - 1;
      folds++;
    }
    runStart = -1;
    runLength = 0;
  }

  private void addCheckpoint(long offset) {
    if (checkpointCount == checkpoints.length) {
      checkpoints = Arrays.copyOf(checkpoints, checkpointCount * 2);
    }
    checkpoints[checkpointCount++] = offset;
  }

  /** A stack frame: blanks (at least one), then {@code at }. */
  static boolean isFrame(byte[] b, int from, int to) {
    int i = from;
    while (i < to && (b[i] == '\t' || b[i] == ' ')) {
      i++;
    }
    return i > from && i + 3 <= to && b[i] == 'a' && b[i + 1] == 't' && b[i + 2] == ' ';
  }

  /** Bytes taken in so far. */
  synchronized long scanned() {
    return scanned;
  }

  /** The line to start reading at to reach {@code line} (0-based): {line of the checkpoint, its offset}. */
  synchronized long[] checkpointFor(long line) {
    int k = (int) Math.min(line / STEP, checkpointCount - 1);
    return new long[] {(long) k * STEP, checkpoints[k]};
  }

  /** The last checkpoint at or before {@code offset}: {its line, its offset}. */
  synchronized long[] checkpointAtOrBefore(long offset) {
    int k = Arrays.binarySearch(checkpoints, 0, checkpointCount, offset);
    if (k < 0) {
      k = -k - 2;
    }
    return new long[] {(long) k * STEP, checkpoints[k]};
  }

  synchronized Snapshot snapshot() {
    long lines = newlines + (scanned > lastLineStart ? 1 : 0);
    return new Snapshot(lines, newlines, scanned, lastLineStart, foldFirst, foldHidden, folds);
  }

  /**
   * The index as it stands.
   *
   * @param lines lines so far, counting a last line not ended yet
   * @param completeLines lines ended by a line break
   * @param scanned bytes taken in
   * @param lastLineStart offset after the last line break
   * @param foldFirst per fold (ascending): its first hidden line (0-based)
   * @param foldHidden per fold: how many lines it hides
   * @param folds how many folds are valid in the arrays
   */
  record Snapshot(long lines, long completeLines, long scanned, long lastLineStart, long[] foldFirst,
      int[] foldHidden, int folds) {
    static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0, new long[0], new int[0], 0);
  }
}
