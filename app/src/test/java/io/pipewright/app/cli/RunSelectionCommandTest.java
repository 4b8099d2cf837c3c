package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipewright run FILE --from STEP | --to STEP | --only STEP} with real script steps. */
class RunSelectionCommandTest {

  @TempDir Path temp;
  private Path file;

  /** {@code append.py IN OUT TAG}: IN's data.txt (none when IN is "-") plus a line TAG, into OUT. */
  private static final String APPEND_PY = """
      import os, sys
      src, out, tag = sys.argv[1], sys.argv[2], sys.argv[3]
      text = "" if src == "-" else open(os.path.join(src, "data.txt")).read()
      open(os.path.join(out, "data.txt"), "w").write(text + tag + "\\n")
      print("wrote", tag)
      """;

  @BeforeEach
  void pipeline() throws Exception {
    Files.writeString(temp.resolve("append.py"), APPEND_PY);
    Files.writeString(temp.resolve("check.py"), "raise SystemExit('the check is broken')\n");
    file = Files.writeString(temp.resolve("three.pipeline.json"), """
        {"schemaVersion": 1, "id": "three", "defaultCompute": "local-process",
         "steps": [
          {"id": "load", "name": "Load", "type": "script", "command": "python3 append.py",
           "outputs": [{"name": "out"}], "arguments": ["-", "{outputs.out}", "loaded"]},
          {"id": "check", "name": "Check", "type": "script", "command": "python3 check.py",
           "inputs": [{"name": "in"}], "outputs": [{"name": "out"}],
           "arguments": ["{inputs.in}", "{outputs.out}", "checked"]},
          {"id": "report", "name": "Report", "type": "script", "command": "python3 append.py",
           "inputs": [{"name": "in"}], "outputs": [{"name": "out"}],
           "arguments": ["{inputs.in}", "{outputs.out}", "reported"]}],
         "edges": [
          {"id": "e1", "from": {"node": "load", "port": "out"}, "to": {"node": "check", "port": "in"}},
          {"id": "e2", "from": {"node": "check", "port": "out"}, "to": {"node": "report", "port": "in"}}]}
        """);
  }

  private String ws() {
    return temp.resolve("ws").toString();
  }

  private static String runId(Cli result) {
    Matcher m = Pattern.compile("^run (\\S+) of ", Pattern.MULTILINE).matcher(result.out());
    assertThat(m.find()).as(result.toString()).isTrue();
    return m.group(1);
  }

  @Test
  void fromTheFailedStepByNameRerunsItAndWhatFollowsWithTheEarlierOutputs() throws Exception {
    Cli failed = Cli.run("run", file.toString(), "--workspace", ws());
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    Files.writeString(temp.resolve("check.py"), APPEND_PY);

    Cli rerun = Cli.run("run", file.toString(), "--from", "Check", "--workspace", ws());

    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(rerun.out())
        .contains("[Load] Reused: outputs of run " + runId(failed) + " (not rerun: the run starts from 'Check')")
        .doesNotContain("wrote loaded")
        .contains("Check  | wrote checked")
        .contains("Report | wrote reported");
    assertThat(rerun.lastLine()).matches("run \\S+ Completed in \\d+\\.\\ds");
    Path report = temp.resolve("ws/runs/" + runId(rerun) + "/steps/report/outputs/out/data.txt");
    assertThat(report).hasContent("loaded\nchecked\nreported");
  }

  @Test
  void toAStepStopsAfterItAndOnlyRunsOneStepWithTheRecordedInputs() throws Exception {
    Files.writeString(temp.resolve("check.py"), APPEND_PY);

    Cli upTo = Cli.run("run", file.toString(), "--to", "check", "--workspace", ws());

    assertThat(upTo.exitCode()).as(upTo.toString()).isZero();
    assertThat(upTo.out()).contains("[Report] NotStarted: not run: after the selected step 'Check'")
        .doesNotContain("wrote reported");

    Cli only = Cli.run("run", file.toString(), "--only", "report", "--workspace", ws());

    assertThat(only.exitCode()).as(only.toString()).isZero();
    assertThat(only.out())
        .contains("[Load] NotStarted: not run: only 'Report' runs")
        .contains("[Check] Reused: outputs of run " + runId(upTo) + " (not rerun: only 'Report' runs)")
        .contains("Report | wrote reported");
  }

  @Test
  void aStepWithNoSuccessfulRunToGiveItsOutputsFailsTheRunBeforeAnythingRuns() {
    Cli result = Cli.run("run", file.toString(), "--only", "report", "--workspace", ws());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains(
        "step 'Check' has no successful run to take its outputs from; run it first (or run from it)");
    assertThat(result.out()).doesNotContain("run ");
  }

  @Test
  void anUnknownStepIsAnErrorListingTheSteps() {
    Cli result = Cli.run("run", file.toString(), "--to", "train", "--workspace", ws());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("the pipeline has no step 'train'; its steps: load (Load), check (Check),"
        + " report (Report)");
  }

  @Test
  void fromToAndOnlyExcludeEachOther() {
    Cli result = Cli.run("run", file.toString(), "--from", "load", "--only", "report", "--workspace", ws());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("--from, --to and --only exclude each other: give one of them");
  }
}
