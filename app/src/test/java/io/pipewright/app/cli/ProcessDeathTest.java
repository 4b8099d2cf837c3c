package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.testing.FileWatch;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens to a run when `pipewright run` dies (kill -9) or is interrupted (Ctrl-C), with a
 * real Spark driver running: tested on a real child process.
 */
class ProcessDeathTest {

  @TempDir Path temp;
  private Path workspace;
  private Path pipeline;
  /** What a test started, killed after it whatever happened: an endless Spark job must not outlive a failed test. */
  private final List<ProcessHandle> started = new ArrayList<>();

  @AfterEach
  void killWhatIsLeft() {
    for (ProcessHandle p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @BeforeEach
  void pipelineWithAQuickStepThenAnEndlessSparkStep() throws IOException {
    workspace = temp.resolve("ws");
    Files.writeString(temp.resolve("quick.py"), "import os, sys\nopen(os.path.join(sys.argv[1], 'done'), 'w').write('ok')\n");
    Files.writeString(temp.resolve("spin.sql"), "SELECT count(*) FROM range(0, 100000000000000);\n");
    pipeline = Files.writeString(temp.resolve("spin.pipeline.json"), """
        {"schemaVersion": 1, "id": "spin", "defaultCompute": "local-spark",
         "steps": [
           {"id": "quick", "type": "script", "compute": "local-process", "command": "python3 quick.py",
            "arguments": ["{outputs.out}"], "outputs": [{"name": "out"}]},
           {"id": "spin", "type": "spark", "entry": {"sql": "spin.sql"}, "inputs": [{"name": "after"}]}
         ],
         "edges": [{"id": "e1", "from": {"node": "quick", "port": "out"}, "to": {"node": "spin", "port": "after"}}]}
        """);
  }

  /**
   * Starts {@code pipewright run} as a terminal would: with SIGINT handled by default. A process
   * inherits an ignored SIGINT (a shell starts background jobs so: {@code ./mvnw verify &} in a
   * script, nohup, many CI runners), and a JVM started with SIGINT ignored installs no handler for
   * it: Ctrl-C then does nothing, which is what made this test fail in CI (no "canceling run", still
   * running 60 s later). python3 (which the pipeline needs anyway) restores the default and execs
   * the JVM in its place, so the pid is the CLI's.
   */
  private Process startCli() throws IOException {
    List<String> command = new ArrayList<>(List.of(
        "python3", "-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dpipewright.spark.runtime=" + System.getProperty("pipewright.spark.runtime"),
        "io.pipewright.app.Launcher", "run", pipeline.toString(), "--workspace", workspace.toString()));
    Process cli = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(temp.resolve("cli.log").toFile())
        .start();
    started.add(cli.toHandle());
    return cli;
  }

  /**
   * Waits until the Spark step's driver has begun its job, and returns the driver's pid. The CLI is
   * another process: its log files are the signal, watched for changes.
   */
  private long waitForSparkJob(Process cli) throws Exception {
    FileWatch.until(temp, Duration.ofMinutes(3), "the CLI to start the Spark step",
        () -> !cli.isAlive() || log().contains("[spin] Running"));
    assertThat(cli.isAlive()).as("the CLI is still running: %s", log()).isTrue();
    String runId = log().lines().filter(l -> l.startsWith("run ")).findFirst().orElseThrow().split(" ")[1];
    Path stderr = workspace.resolve("runs").resolve(runId).resolve("steps/spin/logs/driver/stderr");
    FileWatch.until(stderr.getParent(), Duration.ofMinutes(3), "the Spark job to start",
        () -> Files.readString(stderr).contains("Starting job"));
    // A driver the CLI started for the step, or the one it started ahead and handed the step.
    ProcessHandle driver = cli.descendants().filter(h -> {
      String commandLine = h.info().commandLine().orElse("");
      return commandLine.contains("SparkSubmit") || commandLine.contains("io.pipewright.spark.BootstrapDriver");
    }).findFirst().orElseThrow(() -> new AssertionError("no Spark driver among the CLI's processes"));
    started.add(driver);
    return driver.pid();
  }

  /** The process's ignored signals, bit n-1 for signal n (Linux /proc; 0 elsewhere). */
  private static long signalsIgnored(long pid) throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (!Files.exists(status)) {
      return 0;
    }
    return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
        .mapToLong(l -> Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16)).findFirst().orElse(0);
  }

  private String log() throws IOException {
    return Files.exists(temp.resolve("cli.log")) ? Files.readString(temp.resolve("cli.log"), StandardCharsets.UTF_8) : "";
  }

  @Test
  void afterAKillTheRunIsFailedTheDriverIsStoppedAndFinishedStepsKeepTheirResults() throws Exception {
    Process cli = startCli();
    long driver = waitForSparkJob(cli);

    cli.destroyForcibly();
    cli.waitFor(30, TimeUnit.SECONDS);
    assertThat(ProcessHandle.of(driver).map(ProcessHandle::isAlive)).as("orphaned driver still running").contains(true);

    try (LocalWorkspace reopened = LocalWorkspace.open(workspace)) {
      RunSummary run = reopened.runs(1).get(0);
      assertThat(run.status()).isEqualTo(RunStatus.FAILED);
      assertThat(run.message()).contains("stopped while the run was in progress");
      List<ChildRun> children = reopened.childRuns(run.runId());
      assertThat(children).extracting(ChildRun::stepId, ChildRun::status).containsExactly(
          org.assertj.core.groups.Tuple.tuple("quick", RunStatus.COMPLETED),
          org.assertj.core.groups.Tuple.tuple("spin", RunStatus.FAILED));
      assertThat(children.get(1).message()).startsWith("interrupted: ");
      assertThat(Path.of(children.get(0).outputs().get("out")).resolve("done")).hasContent("ok");
    }
    ProcessHandle.of(driver).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(driver).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void ctrlCCancelsTheRunKillsTheDriverAndRecordsCanceled() throws Exception {
    Process cli = startCli();
    long driver = waitForSparkJob(cli);

    assertThat(signalsIgnored(cli.pid()) & (1L << 1)).as("SIGINT is ignored by the CLI: Ctrl-C could not work").isZero();
    assertThat(new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as(log()).isTrue();
    assertThat(log()).contains("canceling run").containsPattern("run \\S+ Canceled in \\d+\\.\\ds");
    ProcessHandle.of(driver).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(driver).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    try (LocalWorkspace reopened = LocalWorkspace.open(workspace)) {
      RunSummary run = reopened.runs(1).get(0);
      assertThat(run.status()).isEqualTo(RunStatus.CANCELED);
      assertThat(reopened.childRuns(run.runId())).extracting(ChildRun::status)
          .containsExactly(RunStatus.COMPLETED, RunStatus.CANCELED);
    }
  }
}
