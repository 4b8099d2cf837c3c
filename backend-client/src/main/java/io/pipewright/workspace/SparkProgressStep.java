package io.pipewright.workspace;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A launched Spark step whose driver's UI is watched while it runs: its progress goes to the
 * listeners added with {@link #onProgress} (a listener added late hears the last progress at once),
 * and the watch ends when the step does.
 */
public final class SparkProgressStep implements LaunchedStep {
  private static final Logger LOG = LoggerFactory.getLogger(SparkProgressStep.class);

  private final LaunchedStep step;
  private final List<Consumer<StepProgress>> listeners = new CopyOnWriteArrayList<>();
  private volatile StepProgress last;
  private volatile SparkUiMonitor.Watch watch;

  private SparkProgressStep(LaunchedStep step) {
    this.step = step;
  }

  /** Watches {@code target} with {@code monitor} until {@code step} ends. */
  public static SparkProgressStep watch(LaunchedStep step, SparkUiMonitor monitor, SparkUiMonitor.Target target) {
    SparkProgressStep watched = new SparkProgressStep(step);
    watched.start(monitor, target);
    return watched;
  }

  /**
   * A step whose driver's UI is known only later (on a cluster, once the driver is placed): call
   * {@link #start} then; progress before that is not known.
   */
  public static SparkProgressStep later(LaunchedStep step) {
    return new SparkProgressStep(step);
  }

  /** Starts watching, unless the step has ended already or a watch runs. */
  public synchronized void start(SparkUiMonitor monitor, SparkUiMonitor.Target target) {
    if (watch != null || step.completion().isDone()) {
      return;
    }
    watch = monitor.watch(target, this::deliver);
    step.completion().whenComplete((result, error) -> watch.close());
  }

  /**
   * A progress known otherwise (the state a remote engine reports), heard until the driver's UI is
   * watched; ignored after that.
   */
  public void report(StepProgress progress) {
    if (watch == null) {
      deliver(progress);
    }
  }

  private void deliver(StepProgress progress) {
    if (step.completion().isDone()) {
      return;
    }
    last = progress;
    for (Consumer<StepProgress> listener : listeners) {
      try {
        listener.accept(progress);
      } catch (RuntimeException e) {
        LOG.warn("progress listener failed on {}", progress, e);
      }
    }
  }

  @Override
  public void onProgress(Consumer<StepProgress> listener) {
    listeners.add(listener);
    StepProgress known = last;
    if (known != null) {
      listener.accept(known);
    }
  }

  @Override
  public CompletableFuture<StepResult> completion() {
    return step.completion();
  }

  @Override
  public void cancel() {
    step.cancel();
  }

  @Override
  public long pid() {
    return step.pid();
  }

  @Override
  public CompletableFuture<String> remoteJob() {
    return step.remoteJob();
  }
}
