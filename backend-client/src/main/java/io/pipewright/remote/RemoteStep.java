package io.pipewright.remote;

import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.remote.RemoteJob.JobState;
import io.pipewright.remote.RemoteJob.Phase;
import io.pipewright.workspace.FailureCause;
import io.pipewright.workspace.LaunchedStep;
import io.pipewright.workspace.StepLogs;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step running as a job on a remote engine: prepared (its files staged, its job described) and
 * submitted once on a background thread, so that an upload to a cloud store neither holds up the
 * run nor outlives a Stop, then polled every {@code pollEvery} with
 * its driver's output appended to the step's log files as it comes, its outputs collected from the
 * staging folder when it succeeds, killed on the engine when canceled. A server that stops answering
 * fails the step with the cause; the step never stays running.
 */
public final class RemoteStep implements LaunchedStep {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteStep.class);
  private static final AtomicInteger THREADS = new AtomicInteger();
  /** One thread per running remote step: each mostly waits on its server. */
  private static final ExecutorService WATCHERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "pipewright-remote-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });
  /** How long a kill may take to show on the engine before the step counts as canceled anyway. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(30);

  private final Preparation preparation;
  private volatile RemoteJob job;
  private volatile Staging staging;
  private final StepLogs logs;
  private final Duration pollEvery;
  private final Cancellation cancellation = new Cancellation();
  private final CountDownLatch wake = new CountDownLatch(1);
  private final CompletableFuture<StepResult> completion = new CompletableFuture<>();
  private final CompletableFuture<String> remoteJob = new CompletableFuture<>();
  private volatile boolean canceled;
  /** Told the job's state as the engine words it, and the driver's Spark UI once the job says where it is. */
  private final Reports reports;
  private boolean sparkUiFound;

  /** What a step does before it submits, on the watcher thread: stage its files, describe its job. */
  @FunctionalInterface
  public interface Preparation {
    /** @param cancel canceled when the step is stopped meanwhile */
    Prepared prepare(Cancellation cancel) throws WorkspaceException;
  }

  /** A prepared step: its job, and where its files are. */
  public record Prepared(RemoteJob job, Staging staging) {}

  private RemoteStep(Preparation preparation, StepLogs logs, Duration pollEvery, Reports reports) {
    this.preparation = preparation;
    this.logs = logs;
    this.pollEvery = pollEvery;
    this.reports = reports;
  }

  /** What a running job reports besides its end, on the step's watcher thread. */
  public interface Reports {
    Reports NONE = new Reports() {};

    /** The job's state changed: the engine's own word ("RUNNING", "starting"). */
    default void state(String label) {}

    /** The driver's Spark UI, once the job says where it is ({@link RemoteJob#sparkUiUrl}); at most once. */
    default void sparkUi(String url) {}
  }

  /** Starts watching {@code job} on a background thread and returns at once. */
  public static RemoteStep start(RemoteJob job, Staging staging, StepLogs logs, Duration pollEvery) {
    return start(cancel -> new Prepared(job, staging), logs, pollEvery);
  }

  /** Prepares, submits and watches a step on a background thread; returns at once. */
  public static RemoteStep start(Preparation preparation, StepLogs logs, Duration pollEvery) {
    return start(preparation, logs, pollEvery, Reports.NONE);
  }

  /**
   * Prepares, submits and watches a step on a background thread; returns at once. {@code reports}
   * hears the job's states and its driver's Spark UI.
   */
  public static RemoteStep start(Preparation preparation, StepLogs logs, Duration pollEvery, Reports reports) {
    RemoteStep step = new RemoteStep(preparation, logs, pollEvery, reports);
    WATCHERS.execute(step::watch);
    return step;
  }

  @Override
  public CompletableFuture<StepResult> completion() {
    return completion;
  }

  @Override
  public CompletableFuture<String> remoteJob() {
    return remoteJob;
  }

  @Override
  public void cancel() {
    canceled = true;
    cancellation.cancel();
    wake.countDown();
  }

  private void watch() {
    StepResult result;
    try {
      result = run();
    } catch (RuntimeException e) {
      LOG.error("remote step on {} failed unexpectedly", job == null ? "a remote engine" : job.where(), e);
      result = StepResult.failure("engine error: " + e);
    }
    remoteJob.complete(null); // never submitted (a submitted job completed it already)
    completion.complete(result);
  }

  private StepResult run() {
    try {
      Prepared prepared = preparation.prepare(cancellation);
      job = prepared.job();
      staging = prepared.staging();
    } catch (WorkspaceException e) {
      if (canceled) {
        return StepResult.canceledResult();
      }
      logs.note("failed to start: " + e.getMessage());
      return StepResult.failure(e.getMessage());
    }
    if (canceled) {
      return StepResult.canceledResult();
    }
    String id;
    try {
      id = job.submit(cancellation);
    } catch (RemoteException e) {
      if (canceled || e.canceled()) {
        return StepResult.canceledResult();
      }
      logs.note("failed to submit to " + job.where() + ": " + e.getMessage());
      return StepResult.failure("cannot submit to " + job.where() + ": " + e.getMessage());
    } catch (WorkspaceException e) {
      logs.note("failed to submit: " + e.getMessage());
      return StepResult.failure(e.getMessage());
    }
    logs.note("submitted to " + job.where() + " as " + id);
    remoteJob.complete(id);
    if (canceled) {
      return kill(id);
    }
    String lastLabel = null;
    boolean logProblemNoted = false;
    JobState state;
    while (true) {
      try {
        state = job.poll(id, cancellation);
      } catch (RemoteException e) {
        if (canceled || e.canceled()) {
          return kill(id);
        }
        logs.note("lost contact with " + job.where() + ": " + e.getMessage());
        return StepResult.failure("lost contact with " + job.where() + " while " + id + " ran: " + e.getMessage());
      }
      if (!state.label().equals(lastLabel)) {
        logs.note("state: " + state.label() + (state.message() == null || state.ended() ? "" : " (" + state.message() + ")"));
        lastLabel = state.label();
        if (!state.ended()) {
          reports.state(state.label());
        }
      }
      logProblemNoted = tail(id, logProblemNoted);
      if (state.phase() == Phase.RUNNING) {
        findSparkUi(id);
      }
      if (state.ended() || canceled) {
        break;
      }
      if (pause()) {
        return kill(id);
      }
    }
    if (canceled && !state.ended()) {
      return kill(id);
    }
    tail(id, true);
    return ended(id, state);
  }

  private StepResult ended(String id, JobState state) {
    if (state.phase() == Phase.SUCCEEDED) {
      try {
        staging.collectOutputs();
      } catch (IOException e) {
        return StepResult.failure("the job succeeded, but its outputs could not be copied from the staging folder: "
            + e.getMessage());
      }
      return StepResult.success();
    }
    if (state.phase() == Phase.KILLED) {
      return canceled ? StepResult.canceledResult()
          : StepResult.failure(id + " was killed on " + job.where() + (state.message() == null ? "" : ": " + state.message()));
    }
    String cause = state.message() != null && !state.message().isBlank()
        ? FailureCause.of(state.message().lines().toList()) : FailureCause.of(logs.stderrFile());
    if (cause.isBlank()) {
      cause = FailureCause.of(logs.stdoutFile());
    }
    return StepResult.failure("the Spark driver failed on " + job.where() + " (" + state.label() + ")"
        + (cause.isBlank() ? "" : ": " + cause));
  }

  private void findSparkUi(String id) {
    if (sparkUiFound) {
      return;
    }
    try {
      String url = job.sparkUiUrl(id, cancellation);
      if (url != null) {
        sparkUiFound = true;
        logs.note("Spark UI: " + url);
        reports.sparkUi(url);
      }
    } catch (RemoteException e) {
      // The progress stays unknown; the job's status and log still come.
      LOG.debug("{}: cannot find the Spark UI of {}: {}", job.where(), id, e.getMessage());
    }
  }

  /** Appends new driver output; notes the first problem reading it, once. Returns whether one was noted. */
  private boolean tail(String id, boolean problemNoted) {
    try {
      job.tail(id, canceled ? new Cancellation() : cancellation);
      return problemNoted;
    } catch (RemoteException e) {
      if (!problemNoted && !e.canceled()) {
        logs.note("cannot read the driver's log from " + job.where() + " yet: " + e.getMessage());
      }
      return true;
    }
  }

  /** Waits until the next poll; true when canceled meanwhile. */
  private boolean pause() {
    try {
      wake.await(pollEvery.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
    return canceled;
  }

  /** Kills the job on the engine and waits (bounded) until the engine says it ended. */
  private StepResult kill(String id) {
    logs.note("canceling " + id + " on " + job.where());
    Cancellation own = new Cancellation();
    try {
      job.kill(id, own);
      long deadline = System.nanoTime() + KILL_WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        JobState state = job.poll(id, own);
        if (state.ended()) {
          logs.note("state: " + state.label());
          break;
        }
        Thread.sleep(500);
      }
      tail(id, true);
    } catch (RemoteException e) {
      logs.note("could not kill " + id + " on " + job.where() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return StepResult.canceledResult();
  }
}
