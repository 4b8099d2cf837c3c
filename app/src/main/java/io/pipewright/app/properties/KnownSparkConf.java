package io.pipewright.app.properties;

import io.pipewright.model.SparkValues;
import java.util.List;
import java.util.Optional;

/**
 * Spark settings a pipeline commonly sets: suggested while typing a key, their values checked by
 * the same rule as validation ({@link SparkValues}).
 */
final class KnownSparkConf {

  private KnownSparkConf() {}

  static Optional<SparkValues.Key> find(String key) {
    return SparkValues.find(key);
  }

  /** Keys to suggest: the known ones, without those the step has a field for. */
  static List<String> keys() {
    return SparkValues.KEYS.stream().filter(k -> k.type() != SparkValues.Type.FIELD).map(SparkValues.Key::key).toList();
  }

  /** Why a key cannot be in the conf at all (the step has a field for it); empty when it can. */
  static Optional<String> checkKey(String key) {
    return find(key).filter(k -> k.type() == SparkValues.Type.FIELD)
        .flatMap(k -> SparkValues.confValue(k.key(), ""));
  }

  /** What is wrong with a value of {@code key}; known keys are checked by type, others only for presence. */
  static Optional<String> checkValue(String key, String value) {
    return SparkValues.confValue(key, value);
  }
}
