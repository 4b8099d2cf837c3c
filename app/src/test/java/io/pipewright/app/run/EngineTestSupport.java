package io.pipewright.app.run;

import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.Workspace;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits on a run's own events, never on a timer. */
final class EngineTestSupport {
  private EngineTestSupport() {}

  /** A latch that opens when {@code stepId} reaches {@code wanted}; add it before the step can get there. */
  static CountDownLatch whenStep(RunHandle run, String stepId, RunStatus wanted) {
    CountDownLatch reached = new CountDownLatch(1);
    run.addListener(e -> {
      if (stepId.equals(e.stepId()) && e.status() == wanted) {
        reached.countDown();
      }
    });
    return reached;
  }

  /** Returns once {@code stepId} has reached {@code wanted}: told by an event, or already in the history. */
  static void awaitStep(Workspace workspace, RunHandle run, String stepId, RunStatus wanted) throws Exception {
    CountDownLatch reached = whenStep(run, stepId, wanted);
    boolean already = workspace.childRuns(run.runId()).stream()
        .anyMatch(c -> c.stepId().equals(stepId) && c.status() == wanted);
    if (!already) {
      await(reached, "step " + stepId + " to reach " + wanted);
    }
  }

  static void await(CountDownLatch latch, String what) throws InterruptedException {
    if (!latch.await(1, TimeUnit.MINUTES)) {
      throw new AssertionError("timed out waiting for " + what);
    }
  }

  static RunStatus end(RunHandle run) throws InterruptedException {
    return run.await(Duration.ofMinutes(1)).orElseThrow(() -> new AssertionError("the run did not end in a minute"));
  }
}
