package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.PipelineFormat;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.SubmitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipewright runs list} paged and filtered, and {@code runs show} with each step's details. */
class RunsCommandTest {

  @TempDir Path temp;

  private String ws() {
    return temp.resolve("ws").toString();
  }

  private Path pipeline(String name, String json) throws Exception {
    return Files.writeString(temp.resolve(name + ".pipeline.json"), json);
  }

  /** Runs a pipeline file through the workspace API and waits for it. */
  private String run(Path file, String experiment, Map<String, String> parameters) throws Exception {
    try (LocalWorkspace workspace = LocalWorkspace.open(Path.of(ws()))) {
      RunHandle run = workspace.submit(PipelineFormat.read(file).pipeline(),
          new SubmitOptions(experiment, file, parameters, false));
      assertThat(run.await(Duration.ofMinutes(1))).isPresent();
      return run.runId();
    }
  }

  @Test
  void listPagesTheNewestRunsFilteredByExperimentStatusAndSearchAndSaysWhichOfHowMany() throws Exception {
    Path ok = pipeline("ok", """
        {"schemaVersion": 1, "id": "ok", "defaultCompute": "local-process",
         "parameters": [{"name": "rate", "default": "1"}],
         "steps": [{"id": "s", "type": "script", "command": "true", "arguments": ["{parameters.rate}"]}]}
        """);
    Path bad = pipeline("bad", """
        {"schemaVersion": 1, "id": "bad", "defaultCompute": "local-process",
         "steps": [{"id": "s", "type": "script", "command": "false"}]}
        """);
    for (int i = 1; i <= 5; i++) {
      run(ok, "nightly", Map.of("rate", Integer.toString(i)));
    }
    String failed = run(bad, "adhoc", Map.of());

    Cli page2 = Cli.run("runs", "list", "--limit", "2", "--page", "2", "--workspace", ws());
    Cli nightly = Cli.run("runs", "list", "--experiment", "nightly", "--workspace", ws());
    Cli failedOnly = Cli.run("runs", "list", "--status", "failed", "--workspace", ws());
    Cli searched = Cli.run("runs", "list", "--search", "\"rate\":\"3\"", "--workspace", ws());
    Cli past = Cli.run("runs", "list", "--page", "9", "--workspace", ws());
    Cli none = Cli.run("runs", "list", "--search", "nothing like this", "--workspace", ws());

    assertThat(page2.exitCode()).as(page2.toString()).isZero();
    assertThat(page2.out()).startsWith("RUN").contains("TARGET", "PARAMETERS", "REGENERATE");
    assertThat(page2.out().lines().filter(l -> l.contains(" nightly ")).toList()).hasSize(2)
        .allMatch(l -> l.contains("rate=4") || l.contains("rate=3"));
    assertThat(page2.lastLine()).isEqualTo("showing 3–4 of 6");
    assertThat(nightly.lastLine()).isEqualTo("showing 1–5 of 5");
    assertThat(failedOnly.out()).contains(failed).doesNotContain("nightly");
    assertThat(failedOnly.lastLine()).isEqualTo("showing 1–1 of 1");
    assertThat(searched.out()).contains("rate=3").doesNotContain("rate=2");
    assertThat(searched.lastLine()).isEqualTo("showing 1–1 of 1");
    assertThat(past.out()).isEqualTo("page 9 is past the last (1): 6 runs\n");
    assertThat(none.out()).startsWith("no runs match in ");
  }

  @Test
  void anUnknownStatusIsAUsageErrorNamingTheStatuses() {
    Cli result = Cli.run("runs", "list", "--status", "Exploded", "--workspace", ws());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("unknown status 'Exploded' (one of: NotStarted, Queued, Preparing, Running,"
        + " Finalizing, Completed, Failed, Canceled, Reused)");
  }

  @Test
  void showExplainsReuseFieldByFieldAndPrintsLaunchInputsOutputsAndHistory() throws Exception {
    Files.writeString(temp.resolve("copy.py"), "import shutil, sys\nshutil.copy(sys.argv[-2], sys.argv[-1] + '/out.csv')\n");
    Path data = Files.writeString(temp.resolve("numbers.csv"), "n\n1\n");
    Path file = pipeline("copy", """
        {"schemaVersion": 1, "id": "copy", "defaultCompute": "local-process",
         "datasets": [{"id": "numbers", "kind": "tabular", "datastore": "default", "path": "numbers.csv"}],
         "steps": [{"id": "copy", "type": "script", "command": "python3 copy.py --token s3cr3t",
                    "inputs": [{"name": "numbers"}], "outputs": [{"name": "out", "registerAs": "numbers_copy"}],
                    "arguments": ["{inputs.numbers}", "{outputs.out}"]}],
         "edges": [{"id": "e1", "from": {"node": "numbers"}, "to": {"node": "copy", "port": "numbers"}}]}
        """);
    Path datastore = Path.of(ws()).resolve("datastores/default");
    Files.createDirectories(datastore);
    Files.copy(data, datastore.resolve("numbers.csv"));
    run(file, null, Map.of());
    Files.writeString(temp.resolve("copy.py"), Files.readString(temp.resolve("copy.py")) + "# changed\n");
    Files.writeString(datastore.resolve("numbers.csv"), "n\n1\n2\n");
    String second = run(file, null, Map.of());

    Cli show = Cli.run("runs", "show", second, "--workspace", ws());

    assertThat(show.exitCode()).as(show.toString()).isZero();
    assertThat(show.out())
        .contains("  target      each step on its own compute")
        .contains("copy: Completed")
        .contains("  not reused: source file copy.py changed; input numbers changed: numbers.csv modified")
        .contains("  launch: python3 copy.py --token *** " + datastore.resolve("numbers.csv"))
        .contains("  input numbers: " + datastore.resolve("numbers.csv"))
        .contains("  output out: ")
        .contains("  registered: dataset numbers_copy version 2")
        .contains("  exit code: 0")
        .contains("  history:")
        .containsPattern("\\n    \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  Running — local-process\\n")
        .doesNotContain("s3cr3t");
  }

  @Test
  void showOfOneFailedStepPrintsItsExitCodeAndTheLogLineOfItsCause() throws Exception {
    Files.writeString(temp.resolve("fail.py"), "print('working')\nraise ValueError('the data has no rows')\n");
    Path file = pipeline("fail", """
        {"schemaVersion": 1, "id": "fail", "defaultCompute": "local-process",
         "steps": [{"id": "bad", "name": "Bad step", "type": "script", "command": "python3 fail.py"}]}
        """);
    String runId = run(file, null, Map.of());

    Cli show = Cli.run("runs", "show", runId, "Bad step", "--workspace", ws());
    Cli whole = Cli.run("runs", "show", runId, "--workspace", ws());
    Cli unknown = Cli.run("runs", "show", runId, "nope", "--workspace", ws());
    Cli failureLines = Cli.runCapturingStdout("logs", runId, "bad", "--failure", "--workspace", ws());

    assertThat(show.exitCode()).as(show.toString()).isZero();
    assertThat(show.out()).startsWith("bad (Bad step): Failed")
        .contains("  python3 exited with code 1: ValueError: the data has no rows\n")
        .contains("  exit code: 1\n")
        .containsPattern("  failure: driver/stderr line \\d+ \\(pipewright logs " + runId + " bad --failure\\)");
    assertThat(whole.out()).contains("  message     step 'Bad step' failed: python3 exited with code 1: ValueError: the data"
        + " has no rows");
    assertThat(failureLines.exitCode()).as(failureLines.toString()).isZero();
    assertThat(failureLines.out()).startsWith("driver/stderr line ")
        .contains(": ValueError: the data has no rows\n")
        .containsPattern("\n  ?\\d+  Traceback \\(most recent call last\\):\n")
        .containsPattern("\n> ?\\d+  ValueError: the data has no rows\n");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("run " + runId + " has no step 'nope' (it has: bad)");
  }
}
