package io.pipewright.app.testing;

import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.fx.TaskExecutor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A task executor for view-model tests whose model also hears from other threads (a workspace's
 * listeners): the UI thread is one thread of its own, as JavaFX's is, so what the model applies
 * never interleaves. Background work runs on the caller's thread and its result is applied on the
 * UI thread before {@code submit} returns; {@link #onUiThread} queues, as {@code Platform.runLater}
 * does. The test acts and reads on the UI thread through {@link #call}. Debounced and periodic
 * actions wait for {@link #runPending()} and {@link #tick()}, which run them there.
 */
public final class UiThreadTaskExecutor implements TaskExecutor {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private volatile Thread uiThread;
  private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "test-ui-thread");
    t.setDaemon(true);
    uiThread = t;
    return t;
  });
  /** Keeps the debounced and periodic actions until the test runs them (guarded by itself). */
  private final CurrentThreadTaskExecutor later = new CurrentThreadTaskExecutor();

  /** Runs {@code action} on the UI thread and returns its result (bounded: at most 30 s). */
  public <T> T call(Callable<T> action) {
    if (isUiThread()) {
      try {
        return action.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    try {
      return ui.submit(action).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new AssertionError("the UI thread did not answer within " + WAIT.toSeconds() + " s", e);
    }
  }

  /** Runs {@code action} on the UI thread and waits for it. */
  public void run(Runnable action) {
    call(() -> {
      action.run();
      return null;
    });
  }

  @Override
  public <T> Cancellable submit(Callable<T> work, Consumer<? super T> onSuccess,
      Consumer<? super Throwable> onFailure) {
    T result;
    try {
      result = work.call();
    } catch (Exception e) {
      run(() -> onFailure.accept(e));
      return () -> {};
    }
    run(() -> onSuccess.accept(result));
    return () -> {};
  }

  @Override
  public void onUiThread(Runnable action) {
    if (isUiThread()) {
      action.run();
    } else {
      ui.execute(action);
    }
  }

  @Override
  public boolean isUiThread() {
    return Thread.currentThread() == uiThread;
  }

  @Override
  public void debounce(Object key, Duration delay, Runnable action) {
    synchronized (later) {
      later.debounce(key, delay, action);
    }
  }

  @Override
  public Cancellable every(Duration period, Runnable action) {
    Cancellable cancellable;
    synchronized (later) {
      cancellable = later.every(period, action);
    }
    return () -> {
      synchronized (later) {
        cancellable.cancel();
      }
    };
  }

  /** Runs the debounced actions that wait, on the UI thread, oldest key first. */
  public void runPending() {
    run(() -> {
      synchronized (later) {
        later.runPending();
      }
    });
  }

  /** Runs each periodic action once, on the UI thread. */
  public void tick() {
    run(() -> {
      synchronized (later) {
        later.tick();
      }
    });
  }

  @Override
  public void close() {
    synchronized (later) {
      later.close();
    }
    ui.shutdownNow();
  }
}
