package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.model.Pipeline;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A workspace and a source directory in a temporary directory, and helpers to run and inspect. */
final class EngineFixture implements AutoCloseable {
  final Path home;
  final Path sources;
  final LocalWorkspace workspace;

  EngineFixture(Path temp) throws IOException, WorkspaceException {
    this.home = temp.resolve("home");
    this.sources = Files.createDirectories(temp.resolve("src"));
    this.workspace = LocalWorkspace.open(home);
  }

  Path data(String relative, String content) throws IOException, WorkspaceException {
    Path file = workspace.datastoreRoot("default").resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  Path source(String name, String content) throws IOException {
    return Files.writeString(sources.resolve(name), content);
  }

  RunHandle submit(Pipeline pipeline, boolean regenerate) throws WorkspaceException {
    return workspace.submit(pipeline, new SubmitOptions(null, sources.resolve("test.pipeline.json"), Map.of(), regenerate));
  }

  RunStatus run(Pipeline pipeline) throws WorkspaceException, InterruptedException {
    return run(pipeline, false);
  }

  RunStatus run(Pipeline pipeline, boolean regenerate) throws WorkspaceException, InterruptedException {
    RunHandle handle = submit(pipeline, regenerate);
    lastRunId = handle.runId();
    return handle.await(Duration.ofMinutes(3)).orElseThrow(() -> new AssertionError("run did not end in 3 minutes"));
  }

  String lastRunId;

  /** Waits until a step of a run has reached {@code wanted}, woken by the run's own events. */
  void awaitStatus(RunHandle run, String stepId, RunStatus wanted) throws Exception {
    java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
    run.addListener(e -> {
      if (stepId.equals(e.stepId()) && e.status() == wanted) {
        reached.countDown();
      }
    });
    boolean already = workspace.childRuns(run.runId()).stream()
        .anyMatch(c -> c.stepId().equals(stepId) && c.status() == wanted);
    if (!already && !reached.await(3, java.util.concurrent.TimeUnit.MINUTES)) {
      throw new AssertionError("step " + stepId + " never reached " + wanted);
    }
  }

  /** Waits until a step's log stream holds at least {@code bytes} bytes, woken by file changes. */
  void awaitLogSize(String runId, String stepId, String stream, long bytes) throws Exception {
    LogStream log = workspace.log(runId, stepId, stream);
    Path file = workspace.stepDirectory(runId, stepId).resolve("logs").resolve(stream);
    io.pipewright.testing.FileWatch.until(file.getParent(), Duration.ofMinutes(1),
        stream + " of " + stepId + " to reach " + bytes + " bytes", () -> log.size() >= bytes);
  }

  /** The pid of the process a running step started (recorded before the step is Running). */
  long pid(String runId, String stepId) throws Exception {
    try (HistoryStore store = HistoryStore.open(home.resolve("history.db"))) {
      return store.childProcesses(runId).stream().filter(c -> c.stepId().equals(stepId))
          .mapToLong(HistoryStore.ChildProcess::pid).findFirst().orElseThrow();
    }
  }

  ChildRun child(String stepId) throws WorkspaceException {
    return workspace.childRuns(lastRunId).stream().filter(c -> c.stepId().equals(stepId)).findFirst()
        .orElseThrow(() -> new AssertionError("no child run " + stepId));
  }

  String log(String stepId, String stream) throws WorkspaceException, IOException {
    return log(lastRunId, stepId, stream);
  }

  String log(String runId, String stepId, String stream) throws WorkspaceException, IOException {
    LogStream log = workspace.log(runId, stepId, stream);
    return new String(log.read(0, (int) log.size()), StandardCharsets.UTF_8);
  }

  String stdout(String stepId) throws WorkspaceException, IOException {
    return log(stepId, LogStream.DRIVER_STDOUT);
  }

  void assertStatus(String stepId, RunStatus expected) throws WorkspaceException, IOException {
    ChildRun child = child(stepId);
    assertThat(child.status())
        .as("status of %s (message: %s)%nstderr:%n%s%npipewright/log:%n%s", stepId, child.message(),
            tail(log(stepId, LogStream.DRIVER_STDERR)), log(stepId, LogStream.PIPEWRIGHT))
        .isEqualTo(expected);
  }

  private static String tail(String text) {
    return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
  }

  @Override
  public void close() {
    workspace.close();
  }
}
