package io.pipewright.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Spark values Spark itself would refuse at start, as a sentence for the user: the step's driver
 * and executor memory and counts, and the values of known {@code conf} keys. One rule for the
 * validator ({@link PipelineValidator}) and the property panel, so they agree. Each check names its
 * subject as the caller passes it ("Driver memory", or "Driver memory of step 'prep'").
 *
 * <p>The memory minimum is Spark's own: {@code UnifiedMemoryManager} reserves 300 MiB of a JVM's
 * heap and refuses to start when the heap ({@code Runtime.maxMemory()}) is below 1.5 times that,
 * 450 MiB ({@code [INVALID_DRIVER_MEMORY] System memory 104857600 must be at least 471859200}); it
 * checks an executor's memory against the same figure ({@code INVALID_EXECUTOR_MEMORY}).
 */
public final class SparkValues {

  /** The least heap Spark starts with: 1.5 × its 300 MiB reserve (Spark's UnifiedMemoryManager). */
  public static final long MINIMUM_MEMORY_BYTES = 450L << 20;

  private static final Pattern DURATION = Pattern.compile("-?[0-9]+(us|ms|s|m|min|h|d)?");
  private static final Pattern NEGATIVE_SIZE = Pattern.compile("-[0-9]+");

  private SparkValues() {}

  /**
   * Why a driver or executor memory cannot work: not a size, no unit, or below what Spark needs to
   * start. A bare number is refused: Spark's settings read {@code 4} as 4 MiB, but spark-submit
   * hands a bare driver memory to {@code java} as {@code -Xmx4}, 4 bytes.
   */
  public static Optional<String> memory(String subject, String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      return Optional.of(subject + " is required: a whole number with a unit, such as 512m or 4g");
    }
    Optional<MemorySize> size = MemorySize.parse(t);
    if (size.isEmpty()) {
      return Optional.of(subject + " '" + t + "' is not a size Spark accepts: a whole number with a unit "
          + "(k, m, g, t), such as 512m or 4g");
    }
    if (!size.get().hasUnit()) {
      return Optional.of(subject + " '" + t + "' has no unit: Spark's settings read it as " + t + " MiB, but "
          + "spark-submit gives it to java as " + t + " bytes; write " + t + "m, or " + t + "g for " + t + " GiB");
    }
    if (size.get().bytes() < MINIMUM_MEMORY_BYTES) {
      return Optional.of(subject + " " + t + " is below the 450m Spark needs to start (it reserves 300 MiB of "
          + "the heap and refuses less than 1.5 times that): use 512m or more");
    }
    return Optional.empty();
  }

  /** Why a count of cores or executors cannot work: below {@code min}. */
  public static Optional<String> count(String subject, int value, int min) {
    return value < min ? Optional.of(subject + " is " + value + "; it must be " + min + " or more") : Optional.empty();
  }

  /** How Spark reads a known conf key's value. */
  public enum Type {
    /** A size whose bare number is MiB (Spark's memory settings). */
    SIZE_MIB,
    /** A size whose bare number is bytes; -1 (or another negative) where Spark takes it to mean "off". */
    SIZE_BYTES,
    /** A whole number of 1 or more. */
    POSITIVE_INT,
    /** A whole number of 0 or more. */
    NON_NEGATIVE_INT,
    /** true or false, in any case. */
    BOOLEAN,
    /** A number above 0 and at most 1. */
    FRACTION,
    /** A number above 0. */
    POSITIVE_NUMBER,
    /** A duration: a whole number with an optional unit (us, ms, s, m, min, h, d). */
    DURATION,
    /** Free text. */
    TEXT,
    /** A setting the step has a field for: set in conf it would be a second value. */
    FIELD
  }

  /**
   * A conf key Pipewright knows.
   *
   * @param field for {@link Type#FIELD}, the field's label as the property panel shows it
   */
  public record Key(String key, Type type, String help, String field) {}

  /** The conf keys a pipeline commonly sets (suggested while typing), then the ones with a field. */
  public static final List<Key> KEYS = List.of(
      new Key("spark.sql.shuffle.partitions", Type.POSITIVE_INT, "partitions of joins and aggregations (200)", null),
      new Key("spark.sql.adaptive.enabled", Type.BOOLEAN, "adaptive query execution (true)", null),
      new Key("spark.executor.memoryOverhead", Type.SIZE_MIB, "non-heap memory per executor (max(384m, 10%))", null),
      new Key("spark.driver.memoryOverhead", Type.SIZE_MIB, "non-heap memory of the driver (max(384m, 10%))", null),
      new Key("spark.executor.memoryOverheadFactor", Type.POSITIVE_NUMBER,
          "overhead as a share of executor memory (0.10)", null),
      new Key("spark.driver.memoryOverheadFactor", Type.POSITIVE_NUMBER,
          "overhead as a share of driver memory (0.10)", null),
      new Key("spark.driver.maxResultSize", Type.SIZE_BYTES, "largest result collected to the driver (1g; 0 no limit)",
          null),
      new Key("spark.serializer", Type.TEXT, "org.apache.spark.serializer.KryoSerializer is faster than Java's", null),
      new Key("spark.default.parallelism", Type.POSITIVE_INT, "partitions of RDD operations", null),
      new Key("spark.sql.autoBroadcastJoinThreshold", Type.SIZE_BYTES,
          "largest table broadcast in a join (10MB; -1 off)", null),
      new Key("spark.sql.files.maxPartitionBytes", Type.SIZE_BYTES, "largest partition when reading files (128m)",
          null),
      new Key("spark.memory.fraction", Type.FRACTION, "heap share for execution and storage (0.6)", null),
      new Key("spark.memory.storageFraction", Type.FRACTION, "share of that kept for cached data (0.5)", null),
      new Key("spark.sql.session.timeZone", Type.TEXT, "time zone of timestamps (the JVM's)", null),
      new Key("spark.network.timeout", Type.DURATION, "default network timeout (120s)", null),
      new Key("spark.executor.heartbeatInterval", Type.DURATION, "executor heartbeats to the driver (10s)", null),
      new Key("spark.task.cpus", Type.POSITIVE_INT, "cores each task takes (1)", null),
      new Key("spark.task.maxFailures", Type.POSITIVE_INT, "failures of a task before the job fails (4)", null),
      new Key("spark.sql.broadcastTimeout", Type.DURATION, "wait for a broadcast in a join (300s)", null),
      new Key("spark.sql.ansi.enabled", Type.BOOLEAN, "ANSI SQL: errors instead of nulls on bad input (true)", null),
      new Key("spark.eventLog.enabled", Type.BOOLEAN, "write an event log for the history server (false)", null),
      new Key("spark.dynamicAllocation.enabled", Type.BOOLEAN, "executors added and removed with the load", null),
      new Key("spark.dynamicAllocation.minExecutors", Type.NON_NEGATIVE_INT, "fewest executors (0)", null),
      new Key("spark.dynamicAllocation.maxExecutors", Type.POSITIVE_INT, "most executors", null),
      new Key("spark.dynamicAllocation.initialExecutors", Type.NON_NEGATIVE_INT,
          "executors to start with (the minimum)", null),
      new Key("spark.dynamicAllocation.executorIdleTimeout", Type.DURATION,
          "idle time before an executor is removed (60s)", null),
      new Key("spark.driver.memory", Type.FIELD, "", "Driver memory"),
      new Key("spark.driver.cores", Type.FIELD, "", "Driver cores"),
      new Key("spark.executor.memory", Type.FIELD, "", "Executor memory"),
      new Key("spark.executor.cores", Type.FIELD, "", "Executor cores"),
      new Key("spark.executor.instances", Type.FIELD, "", "Executors"));

  /** The known key {@code key} (surrounding spaces ignored), if it is one. */
  public static Optional<Key> find(String key) {
    if (key == null) {
      return Optional.empty();
    }
    String k = key.strip();
    for (Key known : KEYS) {
      if (known.key().equals(k)) {
        return Optional.of(known);
      }
    }
    return Optional.empty();
  }

  /**
   * Why {@code value} of conf key {@code key} cannot work: Spark would refuse it at start (a known
   * key's value of the wrong type), it is empty, or the step has a field for it. Unknown keys pass
   * with any value that is not empty.
   */
  public static Optional<String> confValue(String key, String value) {
    String k = key == null ? "" : key.strip();
    String v = value == null ? "" : value.strip();
    Optional<Key> known = find(k);
    if (known.isPresent() && known.get().type() == Type.FIELD) {
      return Optional.of(k + " is the step's " + known.get().field() + ": set it there, not in the Spark conf "
          + "(Spark would get two values and use one of them)");
    }
    if (v.isEmpty()) {
      return Optional.of(k + " needs a value");
    }
    if (known.isEmpty()) {
      return Optional.empty();
    }
    String lower = v.toLowerCase(Locale.ROOT);
    return switch (known.get().type()) {
      case SIZE_MIB -> MemorySize.parse(v).isPresent() ? Optional.empty()
          : Optional.of(k + " '" + v + "' is not a size Spark accepts: a whole number with a unit such as 512m or 1g"
              + " (a bare number is MiB)");
      case SIZE_BYTES -> MemorySize.parse(v).isPresent() || NEGATIVE_SIZE.matcher(v).matches() ? Optional.empty()
          : Optional.of(k + " '" + v + "' is not a size Spark accepts: a whole number with a unit such as 10m or 1g"
              + " (a bare number is bytes)");
      case POSITIVE_INT -> wholeNumber(k, v, 1);
      case NON_NEGATIVE_INT -> wholeNumber(k, v, 0);
      case BOOLEAN -> lower.equals("true") || lower.equals("false") ? Optional.empty()
          : Optional.of(k + " is true or false, not '" + v + "'");
      case FRACTION -> number(k, v).or(() -> {
        double d = Double.parseDouble(v);
        return d > 0 && d <= 1 ? Optional.empty()
            : Optional.of(k + " is a share of the heap: a number above 0 and at most 1, not " + v);
      });
      case POSITIVE_NUMBER -> number(k, v).or(() -> Double.parseDouble(v) > 0 ? Optional.empty()
          : Optional.of(k + " must be a number above 0, not " + v));
      case DURATION -> DURATION.matcher(lower).matches() ? Optional.empty()
          : Optional.of(k + " '" + v + "' is not a duration Spark accepts: a whole number with a unit such as 30s, "
              + "500ms or 2min");
      case TEXT, FIELD -> Optional.empty();
    };
  }

  private static Optional<String> wholeNumber(String key, String value, int min) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return Optional.of(key + " must be a whole number of " + min + " or more, not '" + value + "'");
    }
    return n < min ? Optional.of(key + " must be " + min + " or more, not " + n) : Optional.empty();
  }

  private static Optional<String> number(String key, String value) {
    try {
      double d = Double.parseDouble(value);
      return Double.isFinite(d) ? Optional.empty() : Optional.of(key + " must be a number such as 0.1, not " + value);
    } catch (NumberFormatException e) {
      return Optional.of(key + " must be a number such as 0.1, not '" + value + "'");
    }
  }
}
