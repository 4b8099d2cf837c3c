package io.pipewright.app.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;

/**
 * The JavaFX toolkit for commands that draw but show nothing: Monocle's headless platform and the
 * software renderer, so it works with no display (a server, CI, ssh). Started on first use; a
 * toolkit already running (tests) is used as it is.
 */
final class HeadlessFx {
  private static boolean started;
  /** Held so that its level stays: JavaFX warns that it runs from the class path, which is how Pipewright runs. */
  private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

  private HeadlessFx() {}

  static synchronized void start() {
    if (started) {
      return;
    }
    if (!Platform.isFxApplicationThread()) {
      setIfAbsent("glass.platform", "Monocle");
      setIfAbsent("monocle.platform", "Headless");
      setIfAbsent("prism.order", "sw");
      setIfAbsent("java.awt.headless", "true");
      setIfAbsent("prism.verbose", "false");
    }
    JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
    CompletableFuture<Void> up = new CompletableFuture<>();
    try {
      Platform.startup(() -> up.complete(null));
    } catch (IllegalStateException alreadyRunning) {
      up.complete(null);
    }
    try {
      up.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting JavaFX", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("JavaFX did not start: " + e, e);
    }
    Platform.setImplicitExit(false);
    started = true;
  }

  /** Runs {@code work} on the FX thread and waits for its result. */
  static <T> T call(Callable<T> work) throws Exception {
    start();
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(work.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(5, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception) {
        throw (Exception) cause;
      }
      throw e;
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
