package io.pipewright.app.log;

import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.model.Environment;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Pipeline;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Real steps whose logs the tests read: a script step per log, run by the embedded workspace. */
final class LogSteps {
  private LogSteps() {}

  /** A pipeline of one script step {@code a} running the shell snippet {@code script} (no single quotes). */
  static Pipeline oneStep(String script) {
    Step a = new Step("a", "Step a", null, new ScriptStep("sh -c '" + script + "; echo ok > \"$0/done\"'"),
        "local-process", ".", List.of(), List.of(new OutputPort("out", null)), List.of("{outputs.out}"),
        Environment.EMPTY, true);
    return new Pipeline("p", "p", null, List.of(), "local-process", List.of(), List.of(a), List.of(), null);
  }

  static RunHandle submit(Workspace workspace, Path base, String script) throws Exception {
    return workspace.submit(oneStep(script), new SubmitOptions(null, base.resolve("p.pipeline.json"), Map.of(), false));
  }

  static RunHandle finished(Workspace workspace, Path base, String script) throws Exception {
    RunHandle run = submit(workspace, base, script);
    run.await(Duration.ofMinutes(1)).orElseThrow(() -> new AssertionError("the step did not end in a minute"));
    return run;
  }

  /** Ticks the model until {@code done}, at most 60 s: for logs written by a running process. */
  static void tickUntil(CurrentThreadTaskExecutor executor, String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      executor.tick();
      Thread.sleep(5); // the writer is another process: give it the core
    }
  }
}
