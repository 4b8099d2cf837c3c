package io.pipewright.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory size as Spark writes it: a whole number with an optional unit suffix {@code b, k, kb,
 * m, mb, g, gb, t, tb, p, pb} (case-insensitive, binary multiples). Spark's
 * {@code JavaUtils.byteStringAs} reads a bare number as the unit the setting expects; for memory
 * settings that unit is MiB, but spark-submit hands a bare driver memory to {@code java} as bytes
 * ({@code -Xmx512}), so Pipewright's checks ask for the unit ({@link SparkValues#memory}).
 */
public record MemorySize(long bytes, String text) {

  private static final Pattern FORMAT = Pattern.compile("([0-9]+)([a-z]+)?");

  /** Parses {@code text}; empty when it is not a size Spark would accept. */
  public static Optional<MemorySize> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String lower = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = FORMAT.matcher(lower);
    if (!m.matches()) {
      return Optional.empty();
    }
    long multiplier;
    String unit = m.group(2) == null ? "m" : m.group(2);
    switch (unit) {
      case "b" -> multiplier = 1L;
      case "k", "kb" -> multiplier = 1L << 10;
      case "m", "mb" -> multiplier = 1L << 20;
      case "g", "gb" -> multiplier = 1L << 30;
      case "t", "tb" -> multiplier = 1L << 40;
      case "p", "pb" -> multiplier = 1L << 50;
      default -> {
        return Optional.empty();
      }
    }
    try {
      long n = Long.parseLong(m.group(1));
      return Optional.of(new MemorySize(Math.multiplyExact(n, multiplier), text.trim()));
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether the text names its unit ({@code 512m}); a bare number ({@code 512}) does not. */
  public boolean hasUnit() {
    return !text.isEmpty() && !Character.isDigit(text.charAt(text.length() - 1));
  }

  public long mebibytes() {
    return bytes >> 20;
  }

  /** The JVM heap option for this size ({@code -Xmx7g}), in whole MiB when not a whole GiB. */
  public String jvmHeapOption() {
    if (bytes % (1L << 30) == 0) {
      return "-Xmx" + (bytes >> 30) + "g";
    }
    return "-Xmx" + Math.max(1, mebibytes()) + "m";
  }
}
