package io.pipewright.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;

/**
 * Lets another thread cancel the calls made with it (Stop in the designer, Ctrl-C): {@link #cancel()}
 * cancels every call in flight and wakes a backoff wait at once; the calls then throw a
 * {@link RemoteException} whose {@link RemoteException#canceled()} is true. Once canceled it stays
 * canceled: calls made with it later fail at once without sending anything. Thread-safe; one may
 * serve several calls on several threads.
 */
public final class Cancellation {
  private final CountDownLatch canceled = new CountDownLatch(1);
  private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();

  public Cancellation() {}

  /** A fresh one nobody cancels, for calls that need none. */
  public static Cancellation none() {
    return new Cancellation();
  }

  /** Cancels the calls in flight, wakes the backoff waits, and fails calls made later. Idempotent. */
  public void cancel() {
    canceled.countDown();
    for (Call call : inFlight) {
      call.cancel();
    }
  }

  public boolean isCanceled() {
    return canceled.getCount() == 0;
  }

  /** Makes {@code call} cancelable through this until the returned registration is closed. */
  Registration register(Call call) {
    inFlight.add(call);
    if (isCanceled()) { // canceled before the add: cancel() may not have seen it
      call.cancel();
    }
    return () -> inFlight.remove(call);
  }

  /**
   * Waits {@code wait}, or less when canceled. True when the wait ended because of a cancel, or
   * because the thread was interrupted (its interrupt flag stays set).
   */
  public boolean sleep(Duration wait) {
    try {
      return canceled.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** The end of a call's registration. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
