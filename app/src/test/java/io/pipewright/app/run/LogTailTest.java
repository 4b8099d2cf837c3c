package io.pipewright.app.run;

import static io.pipewright.app.run.EngineTestSupport.end;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Pipeline;
import io.pipewright.testing.FileWatch;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.SubmitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tailing real steps' logs, written by real processes into the embedded workspace. */
class LogTailTest {
  @TempDir Path temp;
  private LocalWorkspace workspace;

  @BeforeEach
  void open() throws Exception {
    workspace = LocalWorkspace.open(temp.resolve("home"));
    Files.createDirectories(temp.resolve("src"));
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  private RunHandle submit(Pipeline pipeline) throws Exception {
    return workspace.submit(pipeline, new SubmitOptions(null, temp.resolve("src/test.pipeline.json"), Map.of(), false));
  }

  private LogTail tail(RunHandle run, String stream) throws Exception {
    return new LogTail(workspace.log(run.runId(), "a", stream));
  }

  @Test
  void aLineWithoutItsLineBreakWaitsUntilTheStepHasEnded() throws Exception {
    RunHandle run = submit(ScriptSteps.pipeline("p").step("a", "printf \"one\\ntwo\\nthree\"").build());
    end(run);
    LogTail tail = tail(run, LogStream.DRIVER_STDOUT);

    assertThat(tail.poll(false).lines()).containsExactly("one", "two");
    assertThat(tail.poll(true).lines()).containsExactly("three");
    assertThat(tail.poll(true).isEmpty()).isTrue();
  }

  @Test
  void eachPollReturnsOnlyWhatTheStepWroteSinceTheLastOne() throws Exception {
    Path go = temp.resolve("go");
    RunHandle run = submit(ScriptSteps.pipeline("p")
        .step("a", "echo first; while [ ! -f " + go + " ]; do sleep 0.05; done; echo second").build());
    LogStream stdout = workspace.log(run.runId(), "a", LogStream.DRIVER_STDOUT);
    LogTail tail = new LogTail(stdout);
    Path logs = workspace.stepDirectory(run.runId(), "a").resolve("logs/driver");
    Files.createDirectories(logs);
    FileWatch.until(logs, Duration.ofMinutes(1), "the first line", () -> stdout.size() >= "first\n".length());

    assertThat(tail.poll(false).lines()).containsExactly("first");
    assertThat(tail.poll(false).lines()).isEmpty();
    Files.writeString(go, "");
    end(run);
    assertThat(tail.poll(true).lines()).containsExactly("second");
    assertThat(tail.offset()).isEqualTo(stdout.size());
  }

  @Test
  void aReaderFarBehindSkipsToTheLastWindowAndStartsAtALineBoundary() throws Exception {
    RunHandle run = submit(ScriptSteps.pipeline("p").step("a", "seq 1 20000").build());
    end(run);
    LogStream stdout = workspace.log(run.runId(), "a", LogStream.DRIVER_STDOUT);
    LogTail tail = new LogTail(stdout, 4096);

    LogTail.Chunk chunk = tail.poll(true);

    assertThat(chunk.skippedBytes()).isEqualTo(stdout.size() - 4096);
    assertThat(chunk.lines()).last().isEqualTo("20000");
    // The window began inside a line: that partial line is not shown, the next one is whole.
    int first = Integer.parseInt(chunk.lines().get(0));
    assertThat(chunk.lines()).hasSize(20000 - first + 1);
    assertThat(String.join("\n", chunk.lines()).length() + 1).isLessThanOrEqualTo(4096);
  }

  @Test
  void stderrIsTailedOnItsOwn() throws Exception {
    RunHandle run = submit(ScriptSteps.pipeline("p").step("a", "echo out; echo err >&2").build());
    end(run);

    assertThat(tail(run, LogStream.DRIVER_STDERR).poll(true).lines()).containsExactly("err");
    assertThat(tail(run, LogStream.DRIVER_STDOUT).poll(true).lines()).containsExactly("out");
  }
}
