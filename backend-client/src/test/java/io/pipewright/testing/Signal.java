package io.pipewright.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Lets a test wait for what other threads change (a fake server's requests, a run's events), woken
 * by them as they change it rather than by a timer.
 */
public final class Signal {
  private final Object lock = new Object();

  /** Called by whoever changed something a test may be waiting for. */
  public void changed() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /** Returns once {@code condition} holds; fails with {@code what} when {@code timeout} passes first. */
  public void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out after " + timeout + " waiting for " + what);
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }
}
