package io.pipewright.app.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The one way robot tests wait for the window: the condition is asked on the FX thread, where the
 * window's state belongs (read from the test thread, a list being refreshed can throw
 * ConcurrentModificationException and a half-done update can be seen), every 10 ms, for at most the
 * given time.
 */
public final class FxWait {
  private FxWait() {}

  /** Waits up to {@code seconds} for {@code condition}, asked on the FX thread. */
  public static void until(long seconds, Callable<Boolean> condition) throws TimeoutException {
    if (Platform.isFxApplicationThread()) {
      throw new IllegalStateException("a wait on the FX thread would hold up what it waits for");
    }
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS,
        () -> Boolean.TRUE.equals(WaitForAsyncUtils.asyncFx(condition).get(seconds, TimeUnit.SECONDS)));
  }

  /** As {@link #until(long, Callable)}, failing with what was awaited. */
  public static void until(long seconds, String what, Callable<Boolean> condition) {
    try {
      until(seconds, condition);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out after " + seconds + " s waiting for " + what, e);
    }
  }
}
