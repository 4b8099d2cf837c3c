package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipewright run --warm}: SQL steps in one warm Spark driver for the length of the run. */
class WarmRunCommandTest {

  @TempDir Path workspace;

  @Test
  void runsTheSamplesSqlStepInAWarmDriverThatStopsWhenTheCommandEnds() throws Exception {
    String sample = Cli.samples().resolve("titanic/titanic.pipeline.json").toString();

    Cli run = Cli.run("run", sample, "--only", "prep", "--warm", "--workspace", workspace.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Prepare data | |PassengerId|Survived|Pclass|Name")
        .contains("Prepare data | wrote output 'prepared': 891 rows")
        .contains("[Prepare data] Completed");
    String runId = run.lastLine().split(" ")[1];
    String log = Files.readString(workspace.resolve("runs").resolve(runId).resolve("steps/prep/logs/pipewright/log"));
    String said = log.lines().filter(l -> l.startsWith("warm driver pid ")).findFirst()
        .orElseThrow(() -> new AssertionError("the step's log names no warm driver:\n" + log));
    long pid = Long.parseLong(said.split(" ")[3]);
    ProcessHandle.of(pid).ifPresent(driver -> {
      try {
        driver.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("the warm driver " + pid + " still runs after the command ended", e);
      }
    });
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
  }

  @Test
  void saysWhatWarmDoesInItsHelp() {
    Cli help = Cli.run("run", "--help");

    assertThat(help.out()).containsPattern("--warm\\s+Run SQL steps in one warm Spark driver for this\\s+run\\.");
  }
}
