package io.pipewright.app.log;

import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.workspace.LogStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * bench/logview's measurements, through the Log tab's own model ({@link LogViewModel}) on a plain
 * executor whose "UI thread" is one thread (no window):
 * <pre>
 *   LogViewBench generate FILE BYTES          writes a Spark-like log
 *   LogViewBench open-search FILE PATTERN     open_ms=… search_ms=… count=…
 *   LogViewBench follow DIR MB_PER_S SECONDS  heap_mb=… follow_mb_s=…
 * </pre>
 */
public final class LogViewBench {
  private LogViewBench() {}

  public static void main(String[] args) {
    try {
      switch (args[0]) {
        case "generate" -> SparkLikeLog.write(Path.of(args[1]), Long.parseLong(args[2]), 12);
        case "open-search" -> openAndSearch(Path.of(args[1]), args[2]);
        case "follow" -> follow(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        default -> throw new IllegalArgumentException(args[0]);
      }
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void openAndSearch(Path file, String pattern) throws Exception {
    try (BenchExecutor executor = new BenchExecutor()) {
      LogViewModel model = executor.call(() -> {
        LogViewModel m = new LogViewModel(executor);
        m.visibleRowsProperty().set(50);
        return m;
      });
      long start = System.nanoTime();
      executor.call(() -> {
        model.show(new FileStream(file), "bench", () -> true);
        return null;
      });
      executor.await(model::screenReady, Duration.ofSeconds(60));
      long openMs = (System.nanoTime() - start) / 1_000_000;
      // The index goes on in the background; the first search does not wait for it. Three searches, as
      // the script runs grep three times: the median is reported, the first as well.
      long[] searches = new long[3];
      long count = -1;
      for (int i = 0; i < searches.length; i++) {
        String query = i % 2 == 0 ? pattern : pattern + " "; // a new query each time
        long searchStart = System.nanoTime();
        executor.call(() -> {
          model.queryProperty().set(query);
          model.startSearch();
          return null;
        });
        executor.await(() -> model.matchCount() >= 0, Duration.ofMinutes(5));
        searches[i] = (System.nanoTime() - searchStart) / 1_000_000;
        if (i == 0) {
          count = executor.call(model::matchCount);
        }
      }
      long firstSearchMs = searches[0];
      System.err.println("  searches: " + java.util.Arrays.toString(searches) + " ms");
      java.util.Arrays.sort(searches);
      long searchMs = searches[1];
      executor.await(model::indexComplete, Duration.ofMinutes(5));
      long indexMs = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(Locale.ROOT, "open_ms=%d search_ms=%d first_search_ms=%d count=%d index_ms=%d lines=%d%n", openMs,
          searchMs, firstSearchMs, count, indexMs, executor.call(() -> model.lineCountProperty().get()));
      executor.call(() -> {
        model.dispose();
        return null;
      });
    }
  }

  /** Appends to a new log at {@code mbPerS} for {@code seconds} while the model follows it, searching "ERROR". */
  private static void follow(Path dir, int mbPerS, int seconds) throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve("follow.log");
    Files.deleteIfExists(file);
    Files.createFile(file);
    ByteArrayOutputStream block = new ByteArrayOutputStream(4 << 20);
    SparkLikeLog.write(block, 4 << 20, 3);
    byte[] bytes = block.toByteArray();
    block = null;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong maxHeap = new AtomicLong();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong written = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "heap-sampler");
      t.setDaemon(true);
      return t;
    });
    sampler.scheduleAtFixedRate(() -> maxHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
        0, 10, TimeUnit.MILLISECONDS);
    try (BenchExecutor executor = new BenchExecutor()) {
      LogViewModel model = executor.call(() -> {
        LogViewModel m = new LogViewModel(executor);
        m.visibleRowsProperty().set(50);
        m.queryProperty().set("ERROR");
        m.show(new FileStream(file), "follow", () -> !writing.get());
        return m;
      });
      long start = System.nanoTime();
      Thread writer = new Thread(() -> {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
          long total = (long) mbPerS * seconds << 20;
          int piece = 1 << 20;
          int at = 0;
          while (written.get() < total) {
            int n = Math.min(piece, bytes.length - at);
            out.write(bytes, at, n);
            out.flush();
            at = (at + n) % bytes.length;
            long done = written.addAndGet(n);
            long due = start + done * 1_000_000_000L / ((long) mbPerS << 20);
            long wait = due - System.nanoTime();
            if (wait > 0) {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
          }
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        } finally {
          writing.set(false);
        }
      });
      writer.start();
      writer.join(Duration.ofMinutes(5).toMillis());
      if (writer.isAlive()) {
        throw new IllegalStateException("the writer did not finish within 5 minutes");
      }
      long writtenAt = System.nanoTime();
      long size = Files.size(file);
      try {
        executor.await(() -> model.isIdle() && model.coveredBytes()[0] == size && model.coveredBytes()[1] == size
            && model.followingProperty().get() && model.screenReady(), Duration.ofMinutes(1));
      } catch (IllegalStateException e) {
        System.err.println("  follow: " + executor.call(() -> "size " + size + " covered "
            + java.util.Arrays.toString(model.coveredBytes()) + " idle " + model.isIdle() + " following "
            + model.followingProperty().get() + " screen " + model.screenReady() + " top " + model.topRowProperty().get()
            + " rows " + model.rowCountProperty().get() + " lines " + model.lineCountProperty().get()));
        throw e;
      }
      long caughtUp = System.nanoTime();
      double secondsTaken = (caughtUp - start) / 1e9;
      double followMbS = size / (1024.0 * 1024) / secondsTaken;
      sampler.shutdownNow();
      System.err.printf(Locale.ROOT, "  follow: wrote %d MB at %d MB/s; caught up %.2f s after the writer ended; "
          + "matches %d%n", size >> 20, mbPerS, (caughtUp - writtenAt) / 1e9, executor.call(model::matchCount));
      System.out.printf(Locale.ROOT, "heap_mb=%d follow_mb_s=%.0f%n", maxHeap.get() >> 20, followMbS);
      executor.call(() -> {
        model.dispose();
        return null;
      });
    }
  }

  /** A log stream over a local file, as the embedded workspace's. */
  private record FileStream(Path path) implements LogStream {
    @Override
    public String name() {
      return DRIVER_STDOUT;
    }

    @Override
    public long size() throws IOException {
      return Files.size(path);
    }

    @Override
    public byte[] read(long offset, int maxBytes) throws IOException {
      throw new UnsupportedOperationException("read through file()");
    }

    @Override
    public Optional<Path> file() {
      return Optional.of(path);
    }
  }

  /** Four workers like the app's, and one thread playing the UI thread. */
  private static final class BenchExecutor implements TaskExecutor {
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> daemon(r, "bench-task"));
    private final ScheduledExecutorService ui = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bench-ui"));
    private volatile Thread uiThread;

    BenchExecutor() throws Exception {
      ui.submit(() -> uiThread = Thread.currentThread()).get(30, TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    }

    <T> T call(Callable<T> work) throws Exception {
      return ui.submit(work).get(30, TimeUnit.SECONDS);
    }

    void await(BooleanSupplier condition, Duration limit) throws Exception {
      long deadline = System.nanoTime() + limit.toNanos();
      while (!call(condition::getAsBoolean)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out");
        }
        Thread.sleep(1);
      }
    }

    @Override
    public <T> Cancellable submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
      var f = workers.submit(() -> {
        try {
          T result = work.call();
          ui.execute(() -> onSuccess.accept(result));
        } catch (Throwable e) {
          ui.execute(() -> onFailure.accept(e));
        }
      });
      return () -> f.cancel(true);
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
      ui.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Cancellable every(Duration period, Runnable action) {
      var f = ui.scheduleAtFixedRate(action, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
      return () -> f.cancel(false);
    }

    @Override
    public void close() {
      workers.shutdownNow();
      ui.shutdownNow();
    }
  }
}
