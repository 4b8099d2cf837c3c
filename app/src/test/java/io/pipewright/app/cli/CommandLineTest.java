package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: output formats, exit codes, errors without stack traces. */
class CommandLineTest {

  @TempDir Path temp;

  private String ws() {
    return temp.resolve("ws").toString();
  }

  @Test
  void validatePrintsOneLinePerProblemWithFileLineAndColumnAndExitsOneOnErrors() throws Exception {
    Path file = Files.writeString(temp.resolve("bad.pipeline.json"), """
        {
          "schemaVersion": 1,
          "id": "bad",
          "steps": [
            {"id": "s", "type": "spark", "entry": {"sql": "missing.sql"},
             "spark": {"driverMemory": "lots"}}
          ]
        }
        """);

    Cli result = Cli.run("validate", file.toString(), "--workspace", ws());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out().lines())
        .anyMatch(l -> l.matches(java.util.regex.Pattern.quote(file.toString()) + ":6:\\d+: error PW113 .*lots.*"))
        .anyMatch(l -> l.matches(".*:\\d+:\\d+: error PW119 .*missing.sql.*"));
    assertThat(result.err()).isEmpty();
  }

  @Test
  void versionNamesThePackagesVersionAndBuildOrSaysItIsADevelopmentBuild() {
    assertThat(PipewrightCommand.Version.line("0.1.0", "f364580")).isEqualTo("pipewright 0.1.0 (build f364580)");
    assertThat(PipewrightCommand.Version.line("0.1.0", null)).isEqualTo("pipewright 0.1.0");
    assertThat(PipewrightCommand.Version.line(null, null)).isEqualTo("pipewright (development build)");
    assertThat(Cli.run("--version").out().strip()).isEqualTo("pipewright (development build)");
  }

  @Test
  void helpSaysHowToOpenTheDesignerOnAFile() {
    Cli help = Cli.run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("opens the designer").contains("pipewright FILE.pipeline.json");
  }

  @Test
  void validateOfACleanFileSaysSoAndExitsZero() {
    Cli result = Cli.run("validate", Cli.samples().resolve("titanic/titanic.pipeline.json").toString(), "--workspace", ws());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).doesNotContain(" error ");
  }

  @Test
  void validateReportsAFileThatIsNotUtf8AtTheByteInsteadOfFailingToReadIt() throws Exception {
    Path file = Files.write(temp.resolve("latin1.pipeline.json"),
        "{\n  \"schemaVersion\": 1,\n  \"id\": \"caf\u00e9\"\n}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    Cli result = Cli.run("validate", file.toString(), "--workspace", ws());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out().lines()).containsExactly(file + ":3:13: error PW001 not UTF-8 text: byte 0xE9 here is not "
        + "part of a character; a pipeline file is saved as UTF-8");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void malformedJsonIsReportedAtItsLineAndColumnAndNothingRuns() throws Exception {
    Path file = Files.writeString(temp.resolve("broken.pipeline.json"), "{\n  \"schemaVersion\": 1,\n  \"id\": \"x\",\n}\n");

    Cli result = Cli.run("run", file.toString(), "--workspace", ws());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains(file + ":4:1: error PW001").contains("has errors; nothing was run");
    assertThat(Cli.run("runs", "list", "--workspace", ws()).out()).startsWith("no runs yet");
  }

  @Test
  void aUsageErrorExitsTwoWithOneClearLine() {
    Cli result = Cli.run("run", "some.pipeline.json", "--no-such-option", "--workspace", ws());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().strip().lines()).singleElement().asString()
        .startsWith("pipewright: ").contains("--no-such-option").contains("pipewright run --help");
  }

  @Test
  void aMissingPipelineFileIsAUsageError() {
    Cli result = Cli.run("run", temp.resolve("nope.pipeline.json").toString(), "--workspace", ws());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().strip()).isEqualTo("pipewright: no such pipeline file: " + temp.resolve("nope.pipeline.json"));
  }

  @Test
  void anUnknownRunIsAnErrorWithoutAStackTrace() {
    Cli result = Cli.run("runs", "show", "20990101-000000-0000", "--workspace", ws());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("pipewright: no run 20990101-000000-0000 in ").doesNotContain("\tat ");
  }

  @Test
  void computesListShowsTheTwoDefaultTargets() {
    Cli result = Cli.run("computes", "list", "--workspace", ws());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).containsPattern("local-spark\\s+local-spark\\s+cores=\\d+").contains("local-process");
  }

  @Test
  void computesSetChangesASettingAndRefusesAValueSparkCannotUse() {
    Cli set = Cli.run("computes", "set", "local-spark", "cores=1", "--workspace", ws());
    Cli bad = Cli.run("computes", "set", "local-spark", "cores=zero", "--workspace", ws());

    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(set.out()).contains("local-spark (local-spark): cores=1");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err().strip()).isEqualTo("pipewright: cores: Cores must be a whole number from 1 to "
        + Runtime.getRuntime().availableProcessors() + ", not 'zero'");
    assertThat(Cli.run("computes", "list", "--workspace", ws()).out()).containsPattern("local-spark\\s+local-spark\\s+cores=1 ");
  }

  @Test
  void computesAttachAddsATargetThatListShowsAndDetachRemoves() {
    Cli attach = Cli.run("computes", "attach", "spark-standalone", "cluster1", "masterUrl=spark://127.0.0.1:7077",
        "restUrl=http://127.0.0.1:6066", "--workspace", ws());
    Cli listed = Cli.run("computes", "list", "--workspace", ws());
    Cli detach = Cli.run("computes", "detach", "cluster1", "--workspace", ws());

    assertThat(attach.exitCode()).as(attach.toString()).isZero();
    assertThat(attach.out().strip()).isEqualTo("attached cluster1 (spark-standalone)");
    assertThat(listed.out()).containsPattern("cluster1\\s+spark-standalone\\s+masterUrl=spark://127.0.0.1:7077");
    assertThat(detach.exitCode()).isZero();
    assertThat(Cli.run("computes", "list", "--workspace", ws()).out()).doesNotContain("cluster1");
  }

  @Test
  void computesAttachWithABadUrlExitsOneSayingWhatTheUrlLacks() {
    Cli attach = Cli.run("computes", "attach", "spark-standalone", "cluster1", "masterUrl=spark://cluster",
        "restUrl=http://cluster:6066", "--workspace", ws());

    assertThat(attach.exitCode()).isEqualTo(1);
    assertThat(attach.err().strip()).isEqualTo("pipewright: masterUrl: Master URL must look like spark://host:port: 'spark://cluster' has no port");
  }

  @Test
  void computesDetachRefusesTheBuiltInLocalSpark() {
    Cli detach = Cli.run("computes", "detach", "local-spark", "--workspace", ws());

    assertThat(detach.exitCode()).isEqualTo(1);
    assertThat(detach.err()).contains("'local-spark' is built in");
  }

  @Test
  void computesTestOfAnUnreachableMasterPrintsOneLineWithTheAddressAndTheCauseAndExitsOne() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Cli.run("computes", "add", "cluster1", "spark-standalone", "masterUrl=spark://127.0.0.1:" + port,
        "restUrl=http://127.0.0.1:" + port, "--workspace", ws());

    Cli test = Cli.run("computes", "test", "cluster1", "--workspace", ws());

    assertThat(test.exitCode()).as(test.toString()).isEqualTo(1);
    assertThat(test.out()).isEqualTo("cluster1 at http://127.0.0.1:" + port + ": failed: cannot reach the master's"
        + " REST server: connection refused: nothing listens at 127.0.0.1:" + port + "\n");
  }

  @Test
  void computesTestOfAHostThatAcceptsButNeverAnswersComesBackWithinFifteenSeconds() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      int port = silent.getLocalPort(); // connections are queued, never accepted nor answered
      Cli.run("computes", "add", "cluster1", "spark-standalone", "masterUrl=spark://127.0.0.1:" + port,
          "restUrl=http://127.0.0.1:" + port, "--workspace", ws());

      long start = System.nanoTime();
      Cli test = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
          () -> Cli.run("computes", "test", "cluster1", "--workspace", ws()));
      java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);

      assertThat(took).isLessThan(java.time.Duration.ofSeconds(15));
      assertThat(test.exitCode()).as(test.toString()).isEqualTo(1);
      assertThat(test.out().lines()).singleElement().asString()
          .startsWith("cluster1 at http://127.0.0.1:" + port + ": failed: ")
          .contains("127.0.0.1:" + port);
    }
  }

  @Test
  void computesTestOfATargetThatAnswersPrintsOneLineAndExitsZero() {
    Cli test = Cli.run("computes", "test", "local-process", "--workspace", ws());

    assertThat(test.exitCode()).as(test.toString()).isZero();
    assertThat(test.out()).startsWith("local-process: ok: steps run as processes on this machine (").endsWith(")\n");
    assertThat(test.out().lines()).hasSize(1);
  }

  @Test
  void computesAddTakesTheNameThenTheKindAndRemoveDetaches() {
    Cli add = Cli.run("computes", "add", "livy1", "livy", "url=http://127.0.0.1:8998", "auth=basic", "user=alice",
        "--workspace", ws());
    Cli listed = Cli.run("computes", "list", "--workspace", ws());
    Cli remove = Cli.run("computes", "remove", "livy1", "--workspace", ws());

    assertThat(add.exitCode()).as(add.toString()).isZero();
    assertThat(add.out().strip()).isEqualTo("attached livy1 (livy)");
    assertThat(listed.out()).containsPattern("livy1\\s+livy\\s+auth=basic url=http://127.0.0.1:8998 user=alice");
    assertThat(remove.exitCode()).as(remove.toString()).isZero();
    assertThat(remove.out().strip()).isEqualTo("detached livy1");
    assertThat(Cli.run("computes", "list", "--workspace", ws()).out()).doesNotContain("livy1");
  }

  @Test
  void computesAddRefusesAPasswordSettingSayingWhereItComesFrom() {
    Cli add = Cli.run("computes", "add", "livy1", "livy", "url=http://127.0.0.1:8998", "auth=basic", "user=alice",
        "password=hunter2", "--workspace", ws());

    assertThat(add.exitCode()).isEqualTo(1);
    assertThat(add.err()).contains("Pipewright does not store passwords").doesNotContain("hunter2");
  }

  @Test
  void runWithAnUnknownTargetIsAUsageErrorListingTheTargetsThatRunSpark() throws Exception {
    Path file = Files.writeString(temp.resolve("p.pipeline.json"), """
        {"schemaVersion": 1, "id": "p", "defaultCompute": "local-process",
         "steps": [{"id": "s", "type": "script", "command": "true"}]}
        """);

    Cli run = Cli.run("run", file.toString(), "--target", "clutser1", "--workspace", ws());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("pipewright: there is no compute target 'clutser1'; Spark steps can run on: local-spark\n");
  }

  @Test
  void runWithATargetThatCannotRunSparkIsAUsageError() throws Exception {
    Path file = Files.writeString(temp.resolve("p.pipeline.json"), """
        {"schemaVersion": 1, "id": "p", "defaultCompute": "local-process",
         "steps": [{"id": "s", "type": "script", "command": "true"}]}
        """);

    Cli run = Cli.run("run", file.toString(), "--target", "local-process", "--workspace", ws());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(
        "pipewright: compute target 'local-process' cannot run Spark steps; Spark steps can run on: local-spark\n");
  }

  @Test
  void runWithATargetChecksTheSparkStepsAsTheyWillRunThere() throws Exception {
    Files.writeString(temp.resolve("prep.sql"), "SELECT 1\n");
    Path file = Files.writeString(temp.resolve("p.pipeline.json"), """
        {"schemaVersion": 1, "id": "p", "defaultCompute": "gone",
         "steps": [{"id": "prep", "type": "spark", "entry": {"sql": "prep.sql"}}]}
        """);
    Cli.run("computes", "add", "cluster1", "spark-standalone", "masterUrl=spark://127.0.0.1:9",
        "restUrl=http://127.0.0.1:9", "--workspace", ws());

    Cli run = Cli.run("run", file.toString(), "--target", "cluster1", "--workspace", ws());

    // The step's own compute 'gone' does not exist, but it does not run there.
    assertThat(run.err()).doesNotContain("PW117").doesNotContain("nothing was run");
  }

  @Test
  void theHelpOfRunAndComputesNamesTheTargetOptionTheNewCommandsAndThePasswordVariable() {
    Cli run = Cli.run("run", "--help");
    Cli computes = Cli.run("computes", "--help");
    Cli test = Cli.run("computes", "test", "--help");

    assertThat(run.out()).contains("--target=NAME", "PIPEWRIGHT_LIVY_PASSWORD");
    assertThat(computes.out()).contains("add, attach", "remove, detach", "test");
    assertThat(test.out()).contains("PIPEWRIGHT_LIVY_PASSWORD", "within 12 s");
  }

  @Test
  void datasetsRegisterThenPreviewPrintsTheHeaderAndRowsAsCsv() throws Exception {
    Path data = Files.createDirectories(temp.resolve("ws/datastores/default/people"));
    Files.writeString(data.resolve("people.csv"), "name;note\nAda;\"first; programmer\"\nGrace;\"said \"\"hi\"\"\"\n");

    Cli register = Cli.run("datasets", "register", "people", "people/people.csv", "--delimiter", ";", "--workspace", ws());
    Cli preview = Cli.run("datasets", "preview", "people", "--rows", "1", "--workspace", ws());

    assertThat(register.exitCode()).as(register.toString()).isZero();
    assertThat(register.out()).startsWith("registered people version 1 (tabular): ");
    assertThat(preview.exitCode()).as(preview.toString()).isZero();
    assertThat(preview.out()).isEqualTo("name,note\nAda,first; programmer\n");
    assertThat(preview.err()).contains("(first 1 rows; there are more)");
  }

  @Test
  void aFailedRunExitsOneAndItsLastLineSaysFailed() throws Exception {
    Files.writeString(temp.resolve("fail.py"), "raise SystemExit('no data')\n");
    Path file = Files.writeString(temp.resolve("fail.pipeline.json"), """
        {"schemaVersion": 1, "id": "fail", "defaultCompute": "local-process",
         "steps": [{"id": "s", "type": "script", "command": "python3 fail.py"}]}
        """);

    Cli result = Cli.run("run", file.toString(), "--workspace", ws());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).containsPattern("\\[s\\] Failed in \\d+\\.\\ds: python3 exited with code 1: no data");
    assertThat(result.lastLine()).matches("run \\S+ Failed in \\d+\\.\\ds");
  }

  @Test
  void logsPrintsAStepsStreamAndTheWorkspaceOptionWorksAnywhere() throws Exception {
    Files.writeString(temp.resolve("hello.py"), "print('hello from the step')\n");
    Path file = Files.writeString(temp.resolve("hello.pipeline.json"), """
        {"schemaVersion": 1, "id": "hello", "defaultCompute": "local-process",
         "steps": [{"id": "s", "name": "say hello", "type": "script", "command": "python3 hello.py"}]}
        """);
    Cli run = Cli.run("--workspace", ws(), "run", file.toString());
    String runId = run.lastLine().split(" ")[1];

    Cli logs = Cli.runCapturingStdout("logs", runId, "say hello", "--workspace", ws());

    assertThat(logs.exitCode()).isZero();
    assertThat(logs.out()).isEqualTo("hello from the step\n");
  }

  @Test
  void logsFollowPrintsAStepsOutputAsItComesUntilTheStepEnds() throws Exception {
    Files.writeString(temp.resolve("slow.py"), "import time\nprint('first', flush=True)\ntime.sleep(1.5)\nprint('last')\n");
    Path file = Files.writeString(temp.resolve("slow.pipeline.json"), """
        {"schemaVersion": 1, "id": "slow", "defaultCompute": "local-process",
         "steps": [{"id": "s", "type": "script", "command": "python3 slow.py"}]}
        """);
    String runId;
    try (io.pipewright.local.LocalWorkspace workspace = io.pipewright.local.LocalWorkspace.open(Path.of(ws()))) {
      io.pipewright.workspace.RunHandle run = workspace.submit(
          io.pipewright.model.PipelineFormat.read(file).pipeline(),
          new io.pipewright.workspace.SubmitOptions(null, file, java.util.Map.of(), false));
      runId = run.runId();

      Cli logs = Cli.runCapturingStdout("logs", runId, "s", "--follow", "--workspace", ws());

      assertThat(logs.exitCode()).isZero();
      assertThat(logs.out()).isEqualTo("first\nlast\n");
      assertThat(run.await(java.time.Duration.ofSeconds(10))).contains(io.pipewright.workspace.RunStatus.COMPLETED);
    }
  }
}
