package io.pipewright.local;

import io.pipewright.workspace.LaunchedStep;
import io.pipewright.workspace.StepLaunch;
import io.pipewright.workspace.StepProgress;
import io.pipewright.workspace.WorkspaceException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A SQL step sent to a warm driver. It ends when the driver says it is done, when the driver stops
 * (failed with the cause), or, when the driver refuses it (a conf it cannot set at run time), as
 * the cold JVM it falls back to ends.
 */
final class WarmStep implements LaunchedStep {

  /** Starts the step in a cold JVM of its own. */
  @FunctionalInterface
  interface ColdStart {
    LaunchedStep start() throws WorkspaceException;
  }

  private final String id;
  private final StepLaunch launch;
  private final WarmDriverProcess driver;
  private final ColdStart cold;
  private final List<String> arguments;
  private final java.util.Map<String, String> conf;
  private final CompletableFuture<StepResult> completion = new CompletableFuture<>();
  private final List<Consumer<StepProgress>> progressListeners = new CopyOnWriteArrayList<>();
  private LaunchedStep delegate;
  private boolean canceled;

  WarmStep(String id, StepLaunch launch, List<String> arguments, java.util.Map<String, String> conf,
      WarmDriverProcess driver, ColdStart cold) {
    this.id = id;
    this.arguments = List.copyOf(arguments);
    this.conf = java.util.Map.copyOf(conf);
    this.launch = launch;
    this.driver = driver;
    this.cold = cold;
  }

  String id() {
    return id;
  }

  /** The SQL step driver's arguments. */
  List<String> arguments() {
    return arguments;
  }

  /** The session SQL conf of the step. */
  java.util.Map<String, String> conf() {
    return conf;
  }

  StepLaunch launch() {
    return launch;
  }

  @Override
  public CompletableFuture<StepResult> completion() {
    return completion;
  }

  @Override
  public void cancel() {
    LaunchedStep coldStep;
    synchronized (this) {
      if (completion.isDone() || canceled) {
        return;
      }
      canceled = true;
      coldStep = delegate;
    }
    if (coldStep != null) {
      coldStep.cancel();
    } else {
      driver.cancel(this);
    }
  }

  @Override
  public void onProgress(Consumer<StepProgress> listener) {
    progressListeners.add(listener);
    LaunchedStep coldStep;
    synchronized (this) {
      coldStep = delegate;
    }
    if (coldStep != null) {
      coldStep.onProgress(listener);
    }
  }

  void progress(StepProgress progress) {
    progressListeners.forEach(l -> l.accept(progress));
  }

  synchronized boolean canceled() {
    return canceled;
  }

  /** Ends the step (the first end wins). */
  void end(StepResult result) {
    completion.complete(result);
  }

  /** The driver refused the step: it runs in a cold JVM of its own, saying why. */
  void runCold(String reason) {
    launch.logs().note("runs in a JVM of its own: " + reason);
    LaunchedStep coldStep;
    try {
      coldStep = cold.start();
    } catch (WorkspaceException | RuntimeException e) {
      launch.logs().note("failed to start: " + e.getMessage());
      end(StepResult.failure(e.getMessage()));
      return;
    }
    boolean cancelNow;
    synchronized (this) {
      delegate = coldStep;
      cancelNow = canceled;
    }
    progressListeners.forEach(coldStep::onProgress);
    coldStep.completion().thenAccept(this::end);
    if (cancelNow) {
      coldStep.cancel();
    }
  }
}
