package io.pipewright.app.run;

import java.time.Duration;
import java.util.Locale;

/** Durations as the run views show them: {@code 0.8 s}, {@code 12.3 s}, {@code 2 min 05 s}, {@code 1 h 02 min}. */
public final class Durations {
  private Durations() {}

  public static String format(Duration d) {
    if (d == null) {
      return "";
    }
    long millis = Math.max(0, d.toMillis());
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
  }
}
