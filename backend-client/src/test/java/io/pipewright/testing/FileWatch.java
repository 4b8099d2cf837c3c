package io.pipewright.testing;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Waits for something another process writes into a directory (a log line, a file), woken by the
 * file system's change events rather than by polling on a timer.
 */
public final class FileWatch {
  private FileWatch() {}

  /**
   * Returns once {@code condition} holds, checking it at the start and after every change in
   * {@code directory}; fails with {@code what} when {@code timeout} passes first.
   */
  public static void until(Path directory, Duration timeout, String what, Callable<Boolean> condition)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      while (!condition.call()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out after " + timeout + " waiting for " + what);
        }
        WatchKey key = watcher.poll(left, TimeUnit.NANOSECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    } catch (ClosedWatchServiceException | IOException e) {
      throw new AssertionError("cannot watch " + directory + " for " + what, e);
    }
  }
}
