package io.pipewright.app.fx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs everything at once on the caller's thread: for view-model tests. Debounced actions and
 * periodic actions wait until {@link #runPending()} (debounced) or {@link #tick()} (periodic), so a
 * test decides when "later" is.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
  private final Map<Object, Runnable> debounced = new LinkedHashMap<>();
  private final List<Runnable> periodic = new ArrayList<>();

  @Override
  public <T> Cancellable submit(Callable<T> work, Consumer<? super T> onSuccess,
      Consumer<? super Throwable> onFailure) {
    T result;
    try {
      result = work.call();
    } catch (Exception e) {
      onFailure.accept(e);
      return () -> {};
    }
    onSuccess.accept(result);
    return () -> {};
  }

  @Override
  public void onUiThread(Runnable action) {
    action.run();
  }

  /** The caller's thread plays the UI thread here: everything runs on it. */
  @Override
  public boolean isUiThread() {
    return true;
  }

  @Override
  public void debounce(Object key, Duration delay, Runnable action) {
    debounced.put(key, action);
  }

  @Override
  public Cancellable every(Duration period, Runnable action) {
    periodic.add(action);
    return () -> periodic.remove(action);
  }

  /** Runs the debounced actions that are waiting, oldest key first. */
  public void runPending() {
    List<Runnable> due = new ArrayList<>(debounced.values());
    debounced.clear();
    due.forEach(Runnable::run);
  }

  /** Runs each periodic action once. */
  public void tick() {
    new ArrayList<>(periodic).forEach(Runnable::run);
  }

  @Override
  public void close() {
    debounced.clear();
    periodic.clear();
  }
}
