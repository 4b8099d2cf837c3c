package io.pipewright.local;

import static io.pipewright.local.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.model.Pipeline;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepSelection;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.WorkspaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reruns of part of a pipeline (from, up to, only one step) with real script steps. */
class StepSelectionRunTest {

  @TempDir Path temp;
  private EngineFixture fx;

  /** {@code append.py IN OUT TAG}: writes IN's data.txt (none when IN is "-") plus a line "TAG <unique>" to OUT. */
  private static final String APPEND_PY = """
      import os, sys, uuid
      src, out, tag = sys.argv[1], sys.argv[2], sys.argv[3]
      text = "" if src == "-" else open(os.path.join(src, "data.txt")).read()
      with open(os.path.join(out, "data.txt"), "w") as f:
          f.write(text + tag + " " + uuid.uuid4().hex + "\\n")
      print("wrote", tag)
      """;

  @BeforeEach
  void workspace() throws Exception {
    fx = new EngineFixture(temp);
    fx.source("append.py", APPEND_PY);
    fx.source("b.py", APPEND_PY);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  /** a → b → c, each appending a line to what it reads; b runs b.py. */
  private static Pipeline chain() {
    return pipeline("chain")
        .script("a", "python3 append.py", List.of(), List.of("out"), List.of("-", "{outputs.out}", "A"))
        .script("b", "python3 b.py", List.of("in"), List.of("out"), List.of("{inputs.in}", "{outputs.out}", "B"))
        .script("c", "python3 append.py", List.of("in"), List.of("out"), List.of("{inputs.in}", "{outputs.out}", "C"))
        .edge("a.out", "b.in")
        .edge("b.out", "c.in")
        .build();
  }

  private RunHandle submit(Pipeline pipeline, StepSelection selection, boolean regenerate) throws WorkspaceException {
    return fx.workspace.submit(pipeline, new SubmitOptions(null, fx.sources.resolve("test.pipeline.json"), Map.of(),
        regenerate, null, selection));
  }

  private RunStatus run(Pipeline pipeline, StepSelection selection, boolean regenerate) throws Exception {
    RunHandle handle = submit(pipeline, selection, regenerate);
    fx.lastRunId = handle.runId();
    return handle.await(Duration.ofMinutes(2)).orElseThrow(() -> new AssertionError("run did not end in 2 minutes"));
  }

  private String output(String runId, String stepId) throws Exception {
    return Files.readString(fx.workspace.stepDirectory(runId, stepId).resolve("outputs/out/data.txt"));
  }

  @Test
  void rerunFromTheFailedStepTakesTheFinishedUpstreamOutputsAndRunsTheRest() throws Exception {
    fx.source("b.py", "raise SystemExit('b is broken')\n");
    assertThat(run(chain(), StepSelection.ALL, false)).isEqualTo(RunStatus.FAILED);
    String first = fx.lastRunId;
    String aOutput = output(first, "a");
    fx.source("b.py", APPEND_PY);
    // a changed too: a full run would run it again; a run from b must not.
    fx.source("append.py", APPEND_PY + "# changed\n");

    assertThat(run(chain(), StepSelection.from("b"), false)).isEqualTo(RunStatus.COMPLETED);

    ChildRun a = fx.child("a");
    assertThat(a.status()).isEqualTo(RunStatus.REUSED);
    assertThat(a.message()).isEqualTo("outputs of run " + first + " (not rerun: the run starts from 'b')");
    assertThat(a.reuse()).isEqualTo("reused: outputs of run " + first + " (not rerun: the run starts from 'b')");
    assertThat(a.outputs()).containsEntry("out", fx.workspace.stepDirectory(first, "a").resolve("outputs/out").toString());
    assertThat(fx.stdout("a")).as("a was not launched").isEmpty();
    fx.assertStatus("b", RunStatus.COMPLETED);
    fx.assertStatus("c", RunStatus.COMPLETED);
    assertThat(output(fx.lastRunId, "c")).startsWith(aOutput).matches("(?s)A \\w+\nB \\w+\nC \\w+\n");
  }

  @Test
  void aStepOutsideTheRunFromAStepIsNotRunUnlessItFeedsIt() throws Exception {
    Pipeline forked = pipeline("forked")
        .script("a", "python3 append.py", List.of(), List.of("out"), List.of("-", "{outputs.out}", "A"))
        .script("side", "python3 append.py", List.of(), List.of("out"), List.of("-", "{outputs.out}", "S"))
        .script("lonely", "python3 append.py", List.of(), List.of("out"), List.of("-", "{outputs.out}", "L"))
        .script("b", "python3 b.py", List.of("in", "side"), List.of("out"), List.of("{inputs.in}", "{outputs.out}", "B"))
        .edge("a.out", "b.in")
        .edge("side.out", "b.side")
        .build();
    assertThat(run(forked, StepSelection.ALL, false)).isEqualTo(RunStatus.COMPLETED);
    String first = fx.lastRunId;

    assertThat(run(forked, StepSelection.from("b"), true)).isEqualTo(RunStatus.COMPLETED);

    assertThat(fx.child("side").status()).isEqualTo(RunStatus.REUSED);
    assertThat(fx.child("side").message()).startsWith("outputs of run " + first);
    assertThat(fx.child("lonely").status()).isEqualTo(RunStatus.NOT_STARTED);
    assertThat(fx.child("lonely").message()).isEqualTo("not run: not needed when running from 'b'");
    fx.assertStatus("b", RunStatus.COMPLETED);
  }

  @Test
  void runUpToAStepRunsItAndItsUpstreamAndNothingAfter() throws Exception {
    assertThat(run(chain(), StepSelection.to("b"), false)).isEqualTo(RunStatus.COMPLETED);

    fx.assertStatus("a", RunStatus.COMPLETED);
    fx.assertStatus("b", RunStatus.COMPLETED);
    assertThat(output(fx.lastRunId, "b")).matches("(?s)A \\w+\nB \\w+\n");
    ChildRun c = fx.child("c");
    assertThat(c.status()).isEqualTo(RunStatus.NOT_STARTED);
    assertThat(c.message()).isEqualTo("not run: after the selected step 'b'");
    assertThat(fx.workspace.stepDirectory(fx.lastRunId, "c").resolve("outputs")).doesNotExist();
  }

  @Test
  void runOnlyOneStepFeedsItTheOutputsItsUpstreamRecordedLast() throws Exception {
    assertThat(run(chain(), StepSelection.ALL, false)).isEqualTo(RunStatus.COMPLETED);
    String first = fx.lastRunId;
    String bOutput = output(first, "b");

    assertThat(run(chain(), StepSelection.only("c"), true)).isEqualTo(RunStatus.COMPLETED);

    ChildRun b = fx.child("b");
    assertThat(b.status()).isEqualTo(RunStatus.REUSED);
    assertThat(b.message()).isEqualTo("outputs of run " + first + " (not rerun: only 'c' runs)");
    ChildRun a = fx.child("a");
    assertThat(a.status()).isEqualTo(RunStatus.NOT_STARTED);
    assertThat(a.message()).isEqualTo("not run: only 'c' runs");
    fx.assertStatus("c", RunStatus.COMPLETED);
    assertThat(fx.log("c", LogStream.PIPEWRIGHT)).contains("not reused: outputs are regenerated");
    assertThat(output(fx.lastRunId, "c")).startsWith(bOutput).endsWith("\n").contains("C ");
  }

  @Test
  void theLatestSuccessfulRunIsTheOneTakenEvenWhenItReusedItsResult() throws Exception {
    assertThat(run(chain(), StepSelection.ALL, false)).isEqualTo(RunStatus.COMPLETED);
    String first = fx.lastRunId;
    assertThat(run(chain(), StepSelection.ALL, false)).isEqualTo(RunStatus.COMPLETED);
    String second = fx.lastRunId;
    assertThat(fx.child("b").status()).isEqualTo(RunStatus.REUSED);

    assertThat(run(chain(), StepSelection.only("c"), true)).isEqualTo(RunStatus.COMPLETED);

    assertThat(fx.child("b").message()).startsWith("outputs of run " + second + " ");
    assertThat(fx.child("b").outputs().get("out")).contains(first);
  }

  @Test
  void aStepThatHasNeverSucceededCannotGiveItsOutputsAndTheSubmitSaysWhich() {
    assertThatThrownBy(() -> submit(chain(), StepSelection.only("c"), false))
        .isInstanceOf(WorkspaceException.class)
        .hasMessage("step 'b' has no successful run to take its outputs from; run it first (or run from it)");
  }

  @Test
  void aStepWhoseRecordedOutputsAreGoneCannotGiveThem() throws Exception {
    assertThat(run(chain(), StepSelection.ALL, false)).isEqualTo(RunStatus.COMPLETED);
    Path aOut = fx.workspace.stepDirectory(fx.lastRunId, "a").resolve("outputs/out");
    Files.delete(aOut.resolve("data.txt"));
    Files.delete(aOut);

    assertThatThrownBy(() -> submit(chain(), StepSelection.from("b"), false))
        .isInstanceOf(WorkspaceException.class)
        .hasMessageStartingWith("step 'a' last succeeded in run " + fx.lastRunId + ", whose output 'out' is gone")
        .hasMessageEndingWith("; run it first (or run from it)");
  }

  @Test
  void aStepFurtherUpstreamWhoseOutputsAreGoneIsNotNeededWhenTheStepAfterItGivesItsOwn() throws Exception {
    assertThat(run(chain(), StepSelection.ALL, false)).isEqualTo(RunStatus.COMPLETED);
    String first = fx.lastRunId;
    Path aOut = fx.workspace.stepDirectory(first, "a").resolve("outputs/out");
    Files.delete(aOut.resolve("data.txt"));
    Files.delete(aOut);

    assertThat(run(chain(), StepSelection.from("c"), true)).isEqualTo(RunStatus.COMPLETED);

    assertThat(fx.child("a").status()).isEqualTo(RunStatus.NOT_STARTED);
    assertThat(fx.child("a").message()).isEqualTo("not run: not needed when running from 'c'");
    assertThat(fx.child("b").status()).isEqualTo(RunStatus.REUSED);
    fx.assertStatus("c", RunStatus.COMPLETED);
  }

  @Test
  void anUnknownStepFailsTheSubmitListingTheSteps() {
    assertThatThrownBy(() -> submit(chain(), StepSelection.to("train"), false))
        .isInstanceOf(WorkspaceException.class)
        .hasMessage("the pipeline has no step 'train'; its steps: a, b, c");
  }

  @Test
  void aStepMayBeGivenByItsName() throws Exception {
    Pipeline named = pipeline("named")
        .add(new io.pipewright.model.Step("s1", "Prepare data", null, new io.pipewright.model.ScriptStep("python3 append.py"),
            "local-process", ".", List.of(), List.of(new io.pipewright.model.OutputPort("out", null)),
            List.of("-", "{outputs.out}", "P"), io.pipewright.model.Environment.EMPTY, true))
        .script("s2", "python3 append.py", List.of(), List.of("out"), List.of("-", "{outputs.out}", "Q"))
        .build();

    assertThat(run(named, StepSelection.only("Prepare data"), false)).isEqualTo(RunStatus.COMPLETED);

    fx.assertStatus("s1", RunStatus.COMPLETED);
    assertThat(fx.child("s2").message()).isEqualTo("not run: only 'Prepare data' runs");
    assertThatThrownBy(() -> submit(named, StepSelection.only("Train"), false))
        .hasMessage("the pipeline has no step 'Train'; its steps: s1 (Prepare data), s2");
  }
}
