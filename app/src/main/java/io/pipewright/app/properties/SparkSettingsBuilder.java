package io.pipewright.app.properties;

import io.pipewright.model.DynamicAllocation;
import io.pipewright.model.SparkSettings;
import java.util.Map;

/** A changed copy of Spark settings, one field at a time. */
final class SparkSettingsBuilder {
  private String driverMemory;
  private int driverCores;
  private String executorMemory;
  private int executorCores;
  private int executors;
  private DynamicAllocation dynamicAllocation;
  private Map<String, String> conf;
  private final SparkSettings from;

  private SparkSettingsBuilder(SparkSettings s) {
    from = s;
    driverMemory = s.driverMemory();
    driverCores = s.driverCores();
    executorMemory = s.executorMemory();
    executorCores = s.executorCores();
    executors = s.executors();
    dynamicAllocation = s.dynamicAllocation();
    conf = s.conf();
  }

  static SparkSettingsBuilder from(SparkSettings s) {
    return new SparkSettingsBuilder(s);
  }

  SparkSettingsBuilder driverMemory(String value) {
    driverMemory = value;
    return this;
  }

  SparkSettingsBuilder driverCores(int value) {
    driverCores = value;
    return this;
  }

  SparkSettingsBuilder executorMemory(String value) {
    executorMemory = value;
    return this;
  }

  SparkSettingsBuilder executorCores(int value) {
    executorCores = value;
    return this;
  }

  SparkSettingsBuilder executors(int value) {
    executors = value;
    return this;
  }

  SparkSettingsBuilder dynamicAllocation(DynamicAllocation value) {
    dynamicAllocation = value;
    return this;
  }

  SparkSettingsBuilder conf(Map<String, String> value) {
    conf = value;
    return this;
  }

  SparkSettings build() {
    return new SparkSettings(driverMemory, driverCores, executorMemory, executorCores, executors,
        dynamicAllocation, conf, from.pyFiles(), from.jars(), from.files(), from.archives());
  }
}
