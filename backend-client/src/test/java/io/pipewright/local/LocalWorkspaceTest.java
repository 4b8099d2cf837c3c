package io.pipewright.local;

import static io.pipewright.local.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.model.DatasetKind;
import io.pipewright.model.InputMode;
import io.pipewright.model.Pipeline;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.WorkspaceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded engine with script steps only: scheduling, reuse, failure, logs, history. */
class LocalWorkspaceTest {

  @TempDir Path temp;
  private EngineFixture fx;

  /** Writes start and end times (ns) to its output, sleeping in between. */
  private static final String TIMED_PY = """
      import os, sys, time
      out = sys.argv[1]
      start = time.time_ns()
      time.sleep(float(sys.argv[2]))
      with open(os.path.join(out, "times"), "w") as f:
          f.write(f"{start} {time.time_ns()}")
      print("slept", sys.argv[2])
      """;

  private static final String COPY_PY = """
      import os, shutil, sys
      src, out = sys.argv[1], sys.argv[2]
      print("input is", "dir" if os.path.isdir(src) else "file")
      shutil.copy(src if os.path.isfile(src) else os.path.join(src, os.listdir(src)[0]), os.path.join(out, "copy.txt"))
      """;

  @BeforeEach
  void workspace() throws Exception {
    fx = new EngineFixture(temp);
    fx.source("timed.py", TIMED_PY);
    fx.source("copy.py", COPY_PY);
    fx.source("fail.py", "import sys\nprint('about to fail')\nraise ValueError('the data has no rows')\n");
    fx.data("numbers/n.csv", "n\n1\n2\n");
  }

  @AfterEach
  void close() {
    fx.close();
  }

  private static Pipeline copyPipeline() {
    return pipeline("copy")
        .dataset("numbers", DatasetKind.TABULAR, "numbers/n.csv")
        .script("copy", "python3 copy.py", List.of("numbers"), List.of("out"), List.of("{inputs.numbers}", "{outputs.out}"))
        .edge("numbers", "copy.numbers")
        .build();
  }

  @Test
  void independentStepsRunAtTheSameTime() throws Exception {
    Pipeline twoSleepers = pipeline("parallel")
        .script("a", "python3 timed.py", List.of(), List.of("out"), List.of("{outputs.out}", "1.5"))
        .script("b", "python3 timed.py", List.of(), List.of("out"), List.of("{outputs.out}", "1.5"))
        .build();

    assertThat(fx.run(twoSleepers)).isEqualTo(RunStatus.COMPLETED);

    long[] a = times("a");
    long[] b = times("b");
    assertThat(Math.max(a[0], b[0])).as("the later start is before the earlier end").isLessThan(Math.min(a[1], b[1]));
  }

  private long[] times(String stepId) throws Exception {
    String text = Files.readString(fx.workspace.stepDirectory(fx.lastRunId, stepId).resolve("outputs/out/times"));
    String[] parts = text.split(" ");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
  }

  @Test
  void aReadyStepWaitsQueuedWhileTheCoresAreTaken() throws Exception {
    fx.workspace.updateCompute("local-spark", java.util.Map.of("cores", "2"));
    Pipeline three = pipeline("three")
        .script("a", "python3 timed.py", List.of(), List.of("out"), List.of("{outputs.out}", "1"))
        .script("b", "python3 timed.py", List.of(), List.of("out"), List.of("{outputs.out}", "1"))
        .script("c", "python3 timed.py", List.of(), List.of("out"), List.of("{outputs.out}", "1"))
        .build();

    assertThat(fx.run(three)).isEqualTo(RunStatus.COMPLETED);

    assertThat(fx.workspace.transitions(fx.lastRunId)).anyMatch(t -> t.endsWith("c Queued — waiting for 1 core"));
    long[] a = times("a");
    long[] b = times("b");
    long[] c = times("c");
    assertThat(c[0]).as("c starts after a or b has ended").isGreaterThanOrEqualTo(Math.min(a[1], b[1]));
  }

  @Test
  void aStepRunsAfterTheStepWhoseOutputItReads() throws Exception {
    Pipeline chain = pipeline("chain")
        .script("first", "python3 timed.py", List.of(), List.of("out"), List.of("{outputs.out}", "0.2"))
        .script("second", "python3 copy.py", List.of("in"), List.of("out"), List.of("{inputs.in}", "{outputs.out}"))
        .edge("first.out", "second.in")
        .build();

    assertThat(fx.run(chain)).isEqualTo(RunStatus.COMPLETED);

    assertThat(fx.stdout("second")).contains("input is dir");
    Path copy = fx.workspace.stepDirectory(fx.lastRunId, "second").resolve("outputs/out/copy.txt");
    assertThat(Files.readString(copy)).matches("\\d+ \\d+");
  }

  @Test
  void aDownloadedInputIsACopyInTheStepsOwnDirectory() throws Exception {
    Pipeline download = pipeline("download")
        .dataset("numbers", DatasetKind.FILE, "numbers/n.csv")
        .add(Pipelines.step("copy", new ScriptStep("python3 copy.py"), List.of("numbers"), InputMode.DOWNLOAD,
            List.of("out"), List.of("{inputs.numbers}", "{outputs.out}"), null))
        .edge("numbers", "copy.numbers")
        .build();

    assertThat(fx.run(download)).isEqualTo(RunStatus.COMPLETED);

    Path copied = fx.workspace.stepDirectory(fx.lastRunId, "copy").resolve("inputs/numbers/n.csv");
    assertThat(copied).hasContent("n\n1\n2");
    assertThat(fx.log("copy", LogStream.PIPEWRIGHT)).contains("downloaded").contains(copied.toString());
  }

  @Test
  void aFailedScriptSaysWhyOnTheStepAndStopsItsDependants() throws Exception {
    Pipeline failing = pipeline("failing")
        .script("bad", "python3 fail.py", List.of(), List.of("out"), List.of())
        .script("next", "python3 copy.py", List.of("in"), List.of("out"), List.of("{inputs.in}", "{outputs.out}"))
        .script("last", "python3 copy.py", List.of("in"), List.of("out"), List.of("{inputs.in}", "{outputs.out}"))
        .edge("bad.out", "next.in")
        .edge("next.out", "last.in")
        .build();

    assertThat(fx.run(failing)).isEqualTo(RunStatus.FAILED);

    fx.assertStatus("bad", RunStatus.FAILED);
    assertThat(fx.child("bad").message()).isEqualTo("python3 exited with code 1: ValueError: the data has no rows");
    assertThat(fx.stdout("bad")).isEqualTo("about to fail\n");
    fx.assertStatus("next", RunStatus.NOT_STARTED);
    assertThat(fx.child("next").message()).isEqualTo("not run: upstream step 'bad' failed");
    assertThat(fx.child("last").message()).isEqualTo("not run: upstream step 'next' did not run");
  }

  @Test
  void aFailedStepsDetailsHoldItsLaunchExitCodeAndTheLineOfItsCause() throws Exception {
    Pipeline failing = pipeline("failing")
        .script("bad", "python3 fail.py --password hunter2", List.of(), List.of("out"), List.of("token=abc"))
        .build();

    assertThat(fx.run(failing)).isEqualTo(RunStatus.FAILED);

    var details = fx.workspace.stepDetails(fx.lastRunId, "bad");
    assertThat(details.launch()).isEqualTo("python3 fail.py --password *** token=***");
    assertThat(fx.log("bad", LogStream.PIPEWRIGHT)).contains("command: python3 fail.py --password *** token=***")
        .doesNotContain("hunter2").doesNotContain("abc");
    assertThat(details.exitCode()).isEqualTo(1);
    var failure = details.failure().orElseThrow();
    assertThat(failure.stream()).isEqualTo(LogStream.DRIVER_STDERR);
    assertThat(fx.log("bad", LogStream.DRIVER_STDERR).lines().toList().get((int) failure.line() - 1))
        .isEqualTo("ValueError: the data has no rows");
    assertThat(details.history()).extracting(c -> c.status())
        .containsExactly(RunStatus.PREPARING, RunStatus.RUNNING, RunStatus.FAILED);
    assertThat(fx.workspace.run(fx.lastRunId).orElseThrow().message())
        .isEqualTo("step 'bad' failed: python3 exited with code 1: ValueError: the data has no rows");
  }

  @Test
  void aCompletedStepsDetailsHoldItsInputsOutputsRegisteredVersionAndExitCode() throws Exception {
    Pipeline producer = pipeline("producer")
        .dataset("numbers", DatasetKind.TABULAR, "numbers/n.csv")
        .add(Pipelines.step("copy", new ScriptStep("python3 copy.py"), List.of("numbers"), InputMode.DIRECT,
            List.of("out"), List.of("{inputs.numbers}", "{outputs.out}"), "numbers_copy"))
        .edge("numbers", "copy.numbers")
        .build();

    assertThat(fx.run(producer)).isEqualTo(RunStatus.COMPLETED);

    var details = fx.workspace.stepDetails(fx.lastRunId, "copy");
    Path data = fx.workspace.datastoreRoot("default").resolve("numbers/n.csv");
    assertThat(details.inputs()).containsExactly(java.util.Map.entry("numbers", data.toString()));
    assertThat(details.child().outputs()).containsKey("out");
    assertThat(details.registered()).singleElement().satisfies(v -> {
      assertThat(v.name()).isEqualTo("numbers_copy");
      assertThat(v.version()).isEqualTo(1);
    });
    assertThat(details.exitCode()).isZero();
    assertThat(details.failure()).isEmpty();
    assertThat(details.launch()).startsWith("python3 copy.py " + data);
  }

  @Test
  void theRecordedPipelineTargetAndParametersOfARunAreReadBack() throws Exception {
    assertThat(fx.run(copyPipeline(), true)).isEqualTo(RunStatus.COMPLETED);

    var run = fx.workspace.run(fx.lastRunId).orElseThrow();
    assertThat(run.regenerateOutputs()).isTrue();
    assertThat(run.target()).isNull();
    assertThat(fx.workspace.recordedPipeline(fx.lastRunId)).get().asString().contains("python3 copy.py").contains("\"numbers\"");
    assertThat(fx.workspace.experiments()).singleElement().satisfies(e -> {
      assertThat(e.name()).isEqualTo("copy");
      assertThat(e.runs()).isEqualTo(1);
    });
  }

  @Test
  void aStepThatWritesNothingToAnOutputFails() throws Exception {
    Pipeline silent = pipeline("silent")
        .script("quiet", "python3 -c pass", List.of(), List.of("out"), List.of())
        .build();

    assertThat(fx.run(silent)).isEqualTo(RunStatus.FAILED);

    assertThat(fx.child("quiet").message()).startsWith("output 'out' was not written");
  }

  @Test
  void anUnchangedRerunIsReusedAndAChangedSourceIsNotWithTheReason() throws Exception {
    assertThat(fx.run(copyPipeline())).isEqualTo(RunStatus.COMPLETED);
    String first = fx.lastRunId;

    assertThat(fx.run(copyPipeline())).isEqualTo(RunStatus.COMPLETED);
    fx.assertStatus("copy", RunStatus.REUSED);
    assertThat(fx.child("copy").outputs().get("out")).contains(first);
    var reused = fx.workspace.stepDetails(fx.lastRunId, "copy");
    assertThat(reused.inputs()).containsOnlyKeys("numbers");
    assertThat(reused.launch()).isNull();
    assertThat(reused.exitCode()).isNull();
    assertThat(reused.reuseChanges()).isEmpty();

    fx.source("copy.py", COPY_PY + "\nprint('changed')\n");
    assertThat(fx.run(copyPipeline())).isEqualTo(RunStatus.COMPLETED);
    fx.assertStatus("copy", RunStatus.COMPLETED);
    assertThat(fx.child("copy").reuse()).isEqualTo("not reused: source file copy.py changed");
    assertThat(fx.workspace.stepDetails(fx.lastRunId, "copy").reuseChanges()).containsExactly("source file copy.py changed");
  }

  @Test
  void aNotebookOrLogIgnoredByGitignoreNextToThePipelineKeepsReuseAndAnotherFileIsNamed() throws Exception {
    fx.source(".gitignore", "*.ipynb\nlogs/\n");
    assertThat(fx.run(copyPipeline())).isEqualTo(RunStatus.COMPLETED);
    fx.source("explore.ipynb", "{\"cells\": []}");
    java.nio.file.Files.createDirectories(fx.sources.resolve("logs"));
    fx.source("logs/spark.log", "INFO started");

    assertThat(fx.run(copyPipeline())).isEqualTo(RunStatus.COMPLETED);
    fx.assertStatus("copy", RunStatus.REUSED);

    fx.source("notes.txt", "what copy does");
    assertThat(fx.run(copyPipeline())).isEqualTo(RunStatus.COMPLETED);
    fx.assertStatus("copy", RunStatus.COMPLETED);
    assertThat(fx.child("copy").reuse()).isEqualTo("not reused: source file notes.txt added");
  }

  @Test
  void aRegisteredDatasetFeedsAnotherPipelineAtItsLatestOrAPinnedVersion() throws Exception {
    Pipeline producer = pipeline("producer")
        .dataset("numbers", DatasetKind.TABULAR, "numbers/n.csv")
        .add(Pipelines.step("copy", new ScriptStep("python3 copy.py"), List.of("numbers"), InputMode.DIRECT,
            List.of("out"), List.of("{inputs.numbers}", "{outputs.out}"), "numbers_copy"))
        .edge("numbers", "copy.numbers")
        .build();
    assertThat(fx.run(producer)).isEqualTo(RunStatus.COMPLETED);
    fx.data("numbers/n.csv", "n\n7\n");
    assertThat(fx.run(producer)).isEqualTo(RunStatus.COMPLETED);

    Pipeline latest = consumer(null);
    Pipeline pinned = consumer(1);

    assertThat(fx.run(latest)).isEqualTo(RunStatus.COMPLETED);
    assertThat(copiedBy(fx.lastRunId)).isEqualTo("n\n7\n");
    assertThat(fx.run(pinned)).isEqualTo(RunStatus.COMPLETED);
    assertThat(copiedBy(fx.lastRunId)).isEqualTo("n\n1\n2\n");
  }

  private static Pipeline consumer(Integer version) {
    return new Pipeline("consumer", "consumer", null, List.of(), "local-process",
        List.of(new io.pipewright.model.DatasetNode("copied", "copied", DatasetKind.FILE,
            new io.pipewright.model.DatasetSource.Registered("numbers_copy", version))),
        List.of(Pipelines.step("again", new ScriptStep("python3 copy.py"), List.of("in"), InputMode.DIRECT,
            List.of("out"), List.of("{inputs.in}", "{outputs.out}"), null)),
        List.of(new io.pipewright.model.Edge("e1", new io.pipewright.model.Edge.End("copied", null),
            new io.pipewright.model.Edge.End("again", "in"))),
        null);
  }

  private String copiedBy(String runId) throws Exception {
    return Files.readString(fx.workspace.stepDirectory(runId, "again").resolve("outputs/out/copy.txt"));
  }

  @Test
  void aMissingRegisteredDatasetFailsTheStepSayingWhichOne() throws Exception {
    assertThat(fx.run(consumer(3))).isEqualTo(RunStatus.FAILED);

    assertThat(fx.child("again").message()).isEqualTo("dataset 'numbers_copy' version 3 is not registered in this workspace");
  }

  @Test
  void changedInputDataIsNotReused() throws Exception {
    assertThat(fx.run(copyPipeline())).isEqualTo(RunStatus.COMPLETED);
    fx.data("numbers/n.csv", "n\n1\n2\n3\n");

    assertThat(fx.run(copyPipeline())).isEqualTo(RunStatus.COMPLETED);

    fx.assertStatus("copy", RunStatus.COMPLETED);
    assertThat(fx.child("copy").reuse()).isEqualTo("not reused: input numbers changed: n.csv modified");
  }

  @Test
  void aResultWhoseOutputsWereDeletedIsNotReused() throws Exception {
    assertThat(fx.run(copyPipeline())).isEqualTo(RunStatus.COMPLETED);
    Path output = Path.of(fx.child("copy").outputs().get("out"));
    Files.delete(output.resolve("copy.txt"));
    Files.delete(output);

    assertThat(fx.run(copyPipeline())).isEqualTo(RunStatus.COMPLETED);

    fx.assertStatus("copy", RunStatus.COMPLETED);
    assertThat(fx.child("copy").reuse()).contains("lost its outputs");
  }

  @Test
  void theDriverStdoutIsReadableByOffsetWhileTheStepRuns() throws Exception {
    fx.source("slow.py", "import time\nprint('first', flush=True)\ntime.sleep(3)\nprint('second')\n");
    Pipeline slow = pipeline("slow").script("slow", "python3 slow.py", List.of(), List.of(), List.of()).build();
    RunHandle run = fx.submit(slow, false);
    LogStream stdout = fx.workspace.log(run.runId(), "slow", LogStream.DRIVER_STDOUT);

    fx.awaitStatus(run, "slow", RunStatus.RUNNING);
    fx.awaitLogSize(run.runId(), "slow", LogStream.DRIVER_STDOUT, 6);
    assertThat(new String(stdout.read(0, 100), StandardCharsets.UTF_8)).isEqualTo("first\n");
    assertThat(fx.workspace.run(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

    assertThat(run.await(Duration.ofSeconds(30))).contains(RunStatus.COMPLETED);
    assertThat(new String(stdout.read(6, 100), StandardCharsets.UTF_8)).isEqualTo("second\n");
  }

  @Test
  void cancelKillsTheWholeProcessTree() throws Exception {
    fx.source("tree.py", """
        import subprocess, sys, time
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        print(child.pid, flush=True)
        time.sleep(600)
        """);
    Pipeline tree = pipeline("tree").script("tree", "python3 tree.py", List.of(), List.of(), List.of()).build();
    RunHandle run = fx.submit(tree, false);
    LogStream stdout = fx.workspace.log(run.runId(), "tree", LogStream.DRIVER_STDOUT);
    fx.awaitStatus(run, "tree", RunStatus.RUNNING);
    fx.awaitLogSize(run.runId(), "tree", LogStream.DRIVER_STDOUT, 1);
    long grandchild = Long.parseLong(new String(stdout.read(0, 100), StandardCharsets.UTF_8).strip());

    run.cancel();

    assertThat(run.await(Duration.ofSeconds(20))).contains(RunStatus.CANCELED);
    ProcessHandle.of(grandchild).ifPresent(h -> h.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    fx.lastRunId = run.runId();
    fx.assertStatus("tree", RunStatus.CANCELED);
  }

  @Test
  void aPythonSparkStepWithoutPySparkFailsAtOnceSayingWhatToInstall() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("SPARK_HOME") == null, "SPARK_HOME is set here");
    fx.source("prep.py", "print('never')\n");
    Pipeline python = pipeline("py")
        .add(Pipelines.step("prep", new SparkStep(new SparkEntry.Python("prep.py"), SparkSettings.DEFAULTS),
            List.of(), InputMode.DIRECT, List.of(), List.of(), null))
        .build();

    assertThat(fx.run(python)).isEqualTo(RunStatus.FAILED);

    assertThat(fx.child("prep").message()).contains("need PySpark").contains("SPARK_HOME");
  }

  @Test
  void anUnknownParameterIsRejectedBeforeAnythingRuns() {
    assertThatThrownBy(() -> fx.workspace.submit(copyPipeline(), new io.pipewright.workspace.SubmitOptions(
        null, fx.sources.resolve("x.pipeline.json"), java.util.Map.of("nope", "1"), false)))
        .isInstanceOf(WorkspaceException.class)
        .hasMessage("the pipeline has no parameter 'nope' (it has: none)");
  }

  @Test
  void aCycleIsRejectedBeforeAnythingRunsInTheValidatorsWords() {
    Pipeline cycle = pipeline("cycle")
        .script("a", "true", List.of("in"), List.of("out"), List.of())
        .script("b", "true", List.of("in"), List.of("out"), List.of())
        .edge("a.out", "b.in")
        .edge("b.out", "a.in")
        .build();

    assertThatThrownBy(() -> fx.run(cycle)).hasMessage("steps form a cycle: 'a' → 'b' → 'a'");
    assertThat(io.pipewright.model.PipelineValidator.validate(cycle, io.pipewright.model.ValidationContext.NONE))
        .filteredOn(d -> d.code().equals(io.pipewright.model.DiagnosticCodes.CYCLE))
        .extracting(io.pipewright.model.Diagnostic::message)
        .containsExactly("steps form a cycle: 'a' → 'b' → 'a'");
  }

  @Test
  void everyTransitionIsRecordedWithItsTime() throws Exception {
    assertThat(fx.run(copyPipeline())).isEqualTo(RunStatus.COMPLETED);

    assertThat(fx.workspace.transitions(fx.lastRunId))
        .map(t -> t.replaceFirst("^\\S+ ", ""))
        .containsExactly("run NotStarted", "run Running", "copy Preparing", "copy Running — local-process",
            "copy Finalizing", "copy Completed", "run Completed");
  }

  @Test
  void reopeningTheWorkspaceKeepsTheHistory() throws Exception {
    assertThat(fx.run(copyPipeline())).isEqualTo(RunStatus.COMPLETED);
    fx.close();

    try (LocalWorkspace reopened = LocalWorkspace.open(fx.home)) {
      assertThat(reopened.runs(10)).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.COMPLETED));
      assertThat(reopened.computes()).extracting(c -> c.name()).containsExactly("local-spark", "local-process");
    }
  }
}
