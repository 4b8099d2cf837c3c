package io.pipewright.app.run;

import static io.pipewright.app.run.EngineTestSupport.awaitStep;
import static io.pipewright.app.run.EngineTestSupport.end;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Pipeline;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.SubmitOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run monitor on the real embedded workspace, with script steps as real processes. */
class RunMonitorTest {
  @TempDir Path temp;
  private LocalWorkspace workspace;
  private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();

  @BeforeEach
  void open() throws Exception {
    workspace = LocalWorkspace.open(temp.resolve("home"));
    java.nio.file.Files.createDirectories(temp.resolve("src"));
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  private RunHandle submit(Pipeline pipeline) throws Exception {
    return workspace.submit(pipeline, new SubmitOptions(null, temp.resolve("src/test.pipeline.json"), Map.of(), false));
  }

  private RunMonitor watch(Pipeline pipeline, RunHandle run) {
    RunMonitor monitor = new RunMonitor(executor, workspace, pipeline, run);
    monitor.start();
    return monitor;
  }

  @Test
  void eventsReachTheStepsOnlyAtATickAllTogether() throws Exception {
    Pipeline pipeline = ScriptSteps.pipeline("p").step("a", "sleep 0.2; echo a")
        .after("a", "b", "echo b").build();
    RunHandle run = submit(pipeline);
    RunMonitor monitor = watch(pipeline, run);
    RunStatus before = monitor.step("b").orElseThrow().status();

    end(run);
    assertThat(monitor.step("b").orElseThrow().status()).as("no tick yet").isEqualTo(before).isNotEqualTo(RunStatus.COMPLETED);
    executor.tick();

    assertThat(monitor.steps()).extracting(StepRunState::status).containsExactly(RunStatus.COMPLETED, RunStatus.COMPLETED);
    assertThat(monitor.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(monitor.isFinished()).isTrue();
  }

  @Test
  void aFinishedStepKnowsWhenItStartedHowLongItRanAndWhyItWasNotReused() throws Exception {
    Pipeline pipeline = ScriptSteps.pipeline("p").step("a", "sleep 0.3").build();
    RunHandle run = submit(pipeline);
    RunMonitor monitor = watch(pipeline, run);
    end(run);
    executor.tick();

    StepRunState a = monitor.step("a").orElseThrow();
    assertThat(a.startedAtProperty().get()).isNotNull();
    assertThat(a.duration()).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(250));
    assertThat(a.reuse()).isEqualTo("not reused: no earlier run of this step");
  }

  @Test
  void aFailingStepCarriesTheEnginesMessageAndItsDependantSaysItDidNotRun() throws Exception {
    Pipeline pipeline = ScriptSteps.pipeline("p").step("a", "echo boom >&2; exit 3")
        .after("a", "b", "echo b").build();
    RunHandle run = submit(pipeline);
    RunMonitor monitor = watch(pipeline, run);
    end(run);
    executor.tick();

    StepRunState a = monitor.step("a").orElseThrow();
    StepRunState b = monitor.step("b").orElseThrow();
    assertThat(a.status()).isEqualTo(RunStatus.FAILED);
    assertThat(a.message()).isEqualTo("sh exited with code 3: boom");
    assertThat(b.isSkipped()).isTrue();
    assertThat(b.describe()).isEqualTo("Not run: upstream step 'Step a' failed");
    assertThat(monitor.status()).isEqualTo(RunStatus.FAILED);
    assertThat(monitor.messageProperty().get()).contains("step 'Step a' failed");
  }

  @Test
  void aRunningStepShowsRunningAndCancelingTheRunEndsItCanceled() throws Exception {
    Pipeline pipeline = ScriptSteps.pipeline("p").step("a", "sleep 60").after("a", "b", "echo b").build();
    RunHandle run = submit(pipeline);
    RunMonitor monitor = watch(pipeline, run);
    awaitStep(workspace, run, "a", RunStatus.RUNNING);
    executor.tick();
    assertThat(monitor.step("a").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(monitor.step("a").orElseThrow().describe()).isEqualTo("Running on local-process");

    monitor.cancel();
    end(run);
    executor.tick();

    assertThat(monitor.step("a").orElseThrow().status()).isEqualTo(RunStatus.CANCELED);
    assertThat(monitor.step("b").orElseThrow().status()).isEqualTo(RunStatus.CANCELED);
    assertThat(monitor.status()).isEqualTo(RunStatus.CANCELED);
    assertThat(monitor.isFinished()).isTrue();
  }

  @Test
  void aRunThatEndedBeforeItWasWatchedIsReadFromTheHistory() throws Exception {
    Pipeline pipeline = ScriptSteps.pipeline("p").step("a", "echo a").build();
    end(submit(pipeline));
    RunHandle again = submit(pipeline);
    end(again);

    RunMonitor monitor = watch(pipeline, again);

    StepRunState a = monitor.step("a").orElseThrow();
    assertThat(a.status()).isEqualTo(RunStatus.REUSED);
    assertThat(io.pipewright.app.history.RunsView.reuseOf(a)).startsWith("reused: identical to step 'a' of run ");
    assertThat(monitor.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(monitor.isFinished()).isTrue();
  }

  @Test
  void aRunWatchedAfterItStartedRunningSaysRunningNotStarting() throws Exception {
    Pipeline pipeline = ScriptSteps.pipeline("p").step("a", "sleep 60").build();
    RunHandle run = submit(pipeline);
    awaitStep(workspace, run, "a", RunStatus.RUNNING); // the run's own Running is past: no listener hears it
    RunMonitor monitor = watch(pipeline, run);
    executor.tick();

    assertThat(monitor.status()).isEqualTo(RunStatus.RUNNING);
    monitor.cancel();
    end(run);
  }

  @Test
  void aStatusNeverGoesBackWhenAnOlderHistoryReadArrivesAfterAnEvent() {
    assertThat(RunMonitor.rank(RunStatus.COMPLETED, null)).isGreaterThan(RunMonitor.rank(RunStatus.RUNNING, "local-process"));
    assertThat(RunMonitor.rank(RunStatus.NOT_STARTED, "not run: upstream step 'a' failed"))
        .isGreaterThan(RunMonitor.rank(RunStatus.QUEUED, "waiting for 2 cores"));
    assertThat(RunMonitor.rank(RunStatus.NOT_STARTED, null)).isLessThan(RunMonitor.rank(RunStatus.QUEUED, null));
  }
}
