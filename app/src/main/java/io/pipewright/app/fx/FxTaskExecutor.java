package io.pipewright.app.fx;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The app's executor: a small pool of daemon threads, results handed to the FX thread. */
public final class FxTaskExecutor implements TaskExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);

  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private final Map<Object, ScheduledFuture<?>> debounced = new ConcurrentHashMap<>();

  public FxTaskExecutor() {
    workers = Executors.newFixedThreadPool(4, daemon("pipewright-task"));
    timer = Executors.newSingleThreadScheduledExecutor(daemon("pipewright-timer"));
  }

  @Override
  public <T> Cancellable submit(Callable<T> work, Consumer<? super T> onSuccess,
      Consumer<? super Throwable> onFailure) {
    if (workers.isShutdown()) {
      return () -> {}; // closed (the app is stopping): a late debounced action has nothing to do
    }
    Future<?> future = workers.submit(() -> {
      try {
        T result = work.call();
        Platform.runLater(() -> onSuccess.accept(result));
      } catch (Throwable e) {
        if (!Thread.currentThread().isInterrupted()) {
          Platform.runLater(() -> onFailure.accept(e));
        }
      }
    });
    return () -> future.cancel(true);
  }

  @Override
  public void onUiThread(Runnable action) {
    if (Platform.isFxApplicationThread()) {
      action.run();
    } else {
      Platform.runLater(action);
    }
  }

  @Override
  public boolean isUiThread() {
    return Platform.isFxApplicationThread();
  }

  @Override
  public void debounce(Object key, Duration delay, Runnable action) {
    ScheduledFuture<?> next = timer.schedule(() -> {
      debounced.remove(key);
      Platform.runLater(action);
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
    ScheduledFuture<?> previous = debounced.put(key, next);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  @Override
  public Cancellable every(Duration period, Runnable action) {
    ScheduledFuture<?> future = timer.scheduleWithFixedDelay(() -> Platform.runLater(action),
        period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    workers.shutdownNow();
    try {
      if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
        LOG.warn("Background tasks still running at exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
