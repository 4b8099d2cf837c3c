package io.pipewright.app.properties;

import java.util.List;
import java.util.Optional;

/** Spark settings a pipeline commonly sets: suggested while typing a key, their values checked. */
final class KnownSparkConf {
  enum Type { MEMORY, WHOLE_NUMBER, BOOLEAN, FRACTION, TEXT }

  record Key(String key, Type type, String help) {
    Optional<String> check(String value) {
      String v = value.strip();
      if (v.isEmpty()) {
        return Optional.of(key + " needs a value");
      }
      switch (type) {
        case MEMORY:
          return Validators.memory(key, v);
        case WHOLE_NUMBER:
          return Validators.wholeNumber(key, v, 1);
        case BOOLEAN:
          return v.equals("true") || v.equals("false") ? Optional.empty()
              : Optional.of(key + " is true or false, not '" + v + "'");
        case FRACTION:
          try {
            double d = Double.parseDouble(v);
            return d > 0 ? Optional.empty() : Optional.of(key + " must be a number greater than 0, not " + v);
          } catch (NumberFormatException e) {
            return Optional.of(key + " must be a number such as 0.1, not '" + v + "'");
          }
        case TEXT:
        default:
          return Optional.empty();
      }
    }
  }

  static final List<Key> KEYS = List.of(
      new Key("spark.sql.shuffle.partitions", Type.WHOLE_NUMBER, "partitions of joins and aggregations (200)"),
      new Key("spark.sql.adaptive.enabled", Type.BOOLEAN, "adaptive query execution (true)"),
      new Key("spark.executor.memoryOverhead", Type.MEMORY, "non-heap memory per executor (max(384m, 10%))"),
      new Key("spark.driver.memoryOverhead", Type.MEMORY, "non-heap memory of the driver (max(384m, 10%))"),
      new Key("spark.executor.memoryOverheadFactor", Type.FRACTION, "overhead as a share of executor memory (0.10)"),
      new Key("spark.driver.memoryOverheadFactor", Type.FRACTION, "overhead as a share of driver memory (0.10)"),
      new Key("spark.driver.maxResultSize", Type.MEMORY, "largest result collected to the driver (1g)"),
      new Key("spark.serializer", Type.TEXT, "org.apache.spark.serializer.KryoSerializer is faster than Java's"),
      new Key("spark.default.parallelism", Type.WHOLE_NUMBER, "partitions of RDD operations"),
      new Key("spark.sql.autoBroadcastJoinThreshold", Type.TEXT, "largest table broadcast in a join (10MB; -1 off)"),
      new Key("spark.sql.files.maxPartitionBytes", Type.MEMORY, "largest partition when reading files (128m)"),
      new Key("spark.memory.fraction", Type.FRACTION, "heap share for execution and storage (0.6)"),
      new Key("spark.sql.session.timeZone", Type.TEXT, "time zone of timestamps (the JVM's)"),
      new Key("spark.network.timeout", Type.TEXT, "default network timeout (120s)"));

  private KnownSparkConf() {}

  static Optional<Key> find(String key) {
    return KEYS.stream().filter(k -> k.key().equals(key.strip())).findFirst();
  }

  static List<String> keys() {
    return KEYS.stream().map(Key::key).toList();
  }

  /** What is wrong with a value of {@code key}; known keys are checked by type, others only for presence. */
  static Optional<String> checkValue(String key, String value) {
    return find(key).map(k -> k.check(value))
        .orElseGet(() -> value.strip().isEmpty() ? Optional.of(key.strip() + " needs a value") : Optional.empty());
  }
}
