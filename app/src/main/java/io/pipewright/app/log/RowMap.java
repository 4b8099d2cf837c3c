package io.pipewright.app.log;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Which line each row of the view shows: every line with unfolded stack frames folded into one
 * row each, or only the lines the filter keeps. A row is a line number (0-based) or, for a fold, a
 * negative {@code -(fold + 1)} where {@code fold} indexes the index's folds. Immutable; made on the UI
 * thread from an index snapshot.
 */
final class RowMap {
  private final long rows;
  private final long lines;
  // all lines: the folds in force (not unfolded)
  private final int[] fold; // index among the index's folds
  private final long[] first;
  private final int[] hidden;
  private final long[] removedBefore;
  private final long[] markerRow;
  // filtered: the lines kept
  private final long[] kept;

  private RowMap(long rows, long lines, int[] fold, long[] first, int[] hidden, long[] removedBefore, long[] markerRow,
      long[] kept) {
    this.rows = rows;
    this.lines = lines;
    this.fold = fold;
    this.first = first;
    this.hidden = hidden;
    this.removedBefore = removedBefore;
    this.markerRow = markerRow;
    this.kept = kept;
  }

  static final RowMap EMPTY = filtered(new long[0], 0);

  /** All lines, folds in force except those in {@code unfolded}. */
  static RowMap of(LineIndex.Snapshot index, BitSet unfolded) {
    int n = 0;
    int[] fold = new int[index.folds()];
    long[] first = new long[index.folds()];
    int[] hidden = new int[index.folds()];
    long[] removedBefore = new long[index.folds()];
    long[] markerRow = new long[index.folds()];
    long removed = 0;
    for (int f = 0; f < index.folds(); f++) {
      if (unfolded.get(f)) {
        continue;
      }
      long start = index.foldFirst()[f];
      int h = index.foldHidden()[f];
      if (start + h > index.lines()) {
        break;
      }
      fold[n] = f;
      first[n] = start;
      hidden[n] = h;
      removedBefore[n] = removed;
      markerRow[n] = start - removed;
      removed += h - 1;
      n++;
    }
    return new RowMap(index.lines() - removed, index.lines(), Arrays.copyOf(fold, n), Arrays.copyOf(first, n),
        Arrays.copyOf(hidden, n), Arrays.copyOf(removedBefore, n), Arrays.copyOf(markerRow, n), null);
  }

  /** Only the lines {@code kept[0..size)} (ascending). */
  static RowMap filtered(long[] kept, int size) {
    return new RowMap(size, -1, null, null, null, null, null, Arrays.copyOf(kept, size));
  }

  long rows() {
    return rows;
  }

  boolean isFiltered() {
    return kept != null;
  }

  /** The line (0-based) shown by {@code row}, or {@code -(fold + 1)} for a fold's row. */
  long row(long row) {
    if (kept != null) {
      return kept[(int) row];
    }
    int j = Arrays.binarySearch(markerRow, row);
    if (j >= 0) {
      return -(fold[j] + 1);
    }
    j = -j - 2;
    if (j < 0) {
      return row;
    }
    return row + removedBefore[j] + hidden[j] - 1;
  }

  /** The row showing {@code line}: a folded line's fold row; with a filter the first kept line at or after it. */
  long rowOf(long line) {
    if (kept != null) {
      int k = Arrays.binarySearch(kept, line);
      return Math.min(k >= 0 ? k : -k - 1, Math.max(0, kept.length - 1));
    }
    int j = Arrays.binarySearch(first, line);
    if (j < 0) {
      j = -j - 2;
    }
    if (j < 0) {
      return line;
    }
    if (line < first[j] + hidden[j]) {
      return markerRow[j];
    }
    return line - removedBefore[j] - (hidden[j] - 1);
  }

  /** The first hidden line of the fold at {@code row} (a fold's row), or of the row's line. */
  long firstLineOf(long row) {
    long r = row(row);
    if (r >= 0) {
      return r;
    }
    int j = Arrays.binarySearch(fold, (int) (-r - 1));
    return first[j];
  }

  /** The last line a row stands for (a fold's last hidden line). */
  long lastLineOf(long row) {
    long r = row(row);
    if (r >= 0) {
      return r;
    }
    int j = Arrays.binarySearch(fold, (int) (-r - 1));
    return first[j] + hidden[j] - 1;
  }

  /** How many frames the fold at {@code row} hides. */
  int hiddenAt(long row) {
    long r = row(row);
    int j = Arrays.binarySearch(fold, (int) (-r - 1));
    return hidden[j];
  }
}
