package io.pipewright.workspace;

import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Watches a running Spark application through its driver's monitoring REST API (the Spark UI's
 * {@code /api/v1/applications/…}) and turns what it says into {@link StepProgress}. Found as a
 * {@link ServiceLoader} service ({@link #find()}), so that the embedded workspace reports progress
 * without depending on the HTTP layer.
 */
public interface SparkUiMonitor {

  /** A monitor that reports nothing: no implementation on the class path. */
  SparkUiMonitor NONE = (target, sink) -> () -> {};

  /**
   * What to watch.
   *
   * @param uiUrl the driver's UI, such as {@code http://127.0.0.1:4041}
   * @param appName the application's name, to tell it from another driver that took the port; null for any
   * @param source what the progress says it comes from ({@code "Spark UI"})
   */
  record Target(String runId, String stepId, String uiUrl, String appName, String source) {}

  /** Stops a watch. Idempotent; nothing reaches the sink once it returns. */
  @FunctionalInterface
  interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Polls the driver about once a second until closed, sending {@code sink} each progress that
   * differs from the last. Quiet while the driver is not up yet or is gone; never throws.
   */
  Watch watch(Target target, Consumer<StepProgress> sink);

  /** The first monitor on the class path, or {@link #NONE}. */
  static SparkUiMonitor find() {
    return Holder.MONITOR;
  }

  /** Loaded once, on first use. */
  final class Holder {
    private Holder() {}

    static final SparkUiMonitor MONITOR = ServiceLoader.load(SparkUiMonitor.class, SparkUiMonitor.class.getClassLoader())
        .findFirst().orElse(NONE);
  }
}
