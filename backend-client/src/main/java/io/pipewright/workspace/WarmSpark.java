package io.pipewright.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The long-lived local Spark drivers of an embedded workspace ("warm Spark"): Spark SQL steps of a
 * run submitted with {@link SubmitOptions#warmSpark()} run in one of them as Spark jobs, each in a
 * fresh SparkSession under its own job group, instead of in a JVM of their own. At most one driver
 * runs per start key (Java, Spark home, JVM options, heap, cores); a driver stops after its
 * compute's idle time ({@code warmIdleMinutes}, default {@link #DEFAULT_IDLE}) and when the workspace
 * closes. Thread-safe; listeners are called on any thread.
 */
public interface WarmSpark {

  /** How long a driver with nothing to do stays up by default. */
  Duration DEFAULT_IDLE = Duration.ofMinutes(10);

  /**
   * One warm driver, as the status bar shows it.
   *
   * @param key what it was started for, in words ("local-spark · heap 1g · 2 cores")
   * @param pid its process id
   * @param startedAt when it was started
   * @param ready whether it has started (false while its JVM and Spark start)
   * @param heapUsedBytes heap in use as it last said, -1 before it first says
   * @param heapMaxBytes its maximum heap ({@code -Xmx}), -1 before it first says
   * @param runningSteps steps running in it now
   * @param idleSince when its last step ended (its start if none ran), null while a step runs
   * @param stopsAt when it will stop if nothing runs in it before, null while a step runs
   * @param sparkUi the address of its Spark UI (on this machine), null while it starts
   */
  record Driver(String key, long pid, Instant startedAt, boolean ready, long heapUsedBytes, long heapMaxBytes,
      int runningSteps, Instant idleSince, Instant stopsAt, String sparkUi) {}

  /** The drivers running now (starting ones included), oldest first. */
  List<Driver> drivers();

  /**
   * Calls {@code changed} whenever a driver starts, becomes ready, runs or ends a step, reports its
   * heap (every few seconds while up) or stops. Returns what removes the listener.
   */
  AutoCloseable addListener(Runnable changed);

  /** Stops every warm driver (steps running in one fail as canceled). Returns at once. */
  void stopAll();

  /**
   * Why {@code step} on {@code target} would run in a cold JVM of its own rather than in a warm
   * driver, in the words its log uses ("a JAR step runs its own main class", "spark.executor.memory
   * only applies when a driver starts"); empty when it would run warm. Pure: no I/O, no waiting,
   * safe on the FX thread. Whether the run asks for warm Spark at all is the caller's to know.
   */
  java.util.Optional<String> coldReason(io.pipewright.model.Step step, ComputeTarget target);
}
