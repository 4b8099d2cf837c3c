package io.pipewright.app.fx;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way the app does background work. Work runs off the FX thread; {@code onSuccess} and
 * {@code onFailure} run on the FX thread (in the app) or on the caller's thread (in tests, with
 * {@link CurrentThreadTaskExecutor}). View models never start threads or call
 * {@code Platform.runLater} themselves.
 */
public interface TaskExecutor extends AutoCloseable {

  /** Runs {@code work} in the background and hands its result back on the UI thread. */
  <T> Cancellable submit(Callable<T> work, Consumer<? super T> onSuccess,
      Consumer<? super Throwable> onFailure);

  /** Runs {@code action} on the UI thread (now, if this is the UI thread and the executor allows). */
  void onUiThread(Runnable action);

  /**
   * Whether the calling thread is the UI thread, which must never wait for something that only the
   * UI thread can do (a dialog's answer).
   */
  boolean isUiThread();

  /**
   * Runs {@code action} on the UI thread once, {@code delay} after the last call with the same
   * key (for validation as the user types).
   */
  void debounce(Object key, Duration delay, Runnable action);

  /** Runs {@code action} on the UI thread every {@code period} until cancelled. */
  Cancellable every(Duration period, Runnable action);

  @Override
  void close();

  /** A handle to stop what was scheduled. Cancelling twice does nothing. */
  interface Cancellable {
    void cancel();
  }
}
