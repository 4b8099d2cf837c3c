package io.pipewright.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepOutputsTest {

  @TempDir Path temp;

  private final ThreadLocal<String> group = new ThreadLocal<>();
  private final ByteArrayOutputStream driverLog = new ByteArrayOutputStream();
  private final StepOutputs outputs = new StepOutputs(group::get, driverLog);

  @Test
  void sendsWhatAThreadPrintsToTheFilesOfItsJobGroupAndTheRestToTheDriversLog() throws Exception {
    outputs.open("run/a", temp.resolve("a.out"), temp.resolve("a.err"));
    outputs.open("run/b", temp.resolve("b.out"), temp.resolve("b.err"));
    PrintStream out = outputs.stream(false);
    PrintStream err = outputs.stream(true);

    Thread a = new Thread(() -> {
      group.set("run/a");
      out.println("a's result");
      err.println("a's log line");
    });
    Thread b = new Thread(() -> {
      group.set("run/b");
      out.println("b's result");
    });
    a.start();
    b.start();
    a.join(10_000);
    b.join(10_000);
    out.println("nobody's");
    group.set("run/gone");
    err.println("a step that has ended");

    assertThat(Files.readString(temp.resolve("a.out"))).isEqualTo("a's result" + System.lineSeparator());
    assertThat(Files.readString(temp.resolve("a.err"))).isEqualTo("a's log line" + System.lineSeparator());
    assertThat(Files.readString(temp.resolve("b.out"))).isEqualTo("b's result" + System.lineSeparator());
    assertThat(Files.readString(temp.resolve("b.err"))).isEmpty();
    assertThat(driverLog.toString(StandardCharsets.UTF_8))
        .isEqualTo("nobody's" + System.lineSeparator() + "a step that has ended" + System.lineSeparator());
  }

  @Test
  void appendsToAStepsFilesAndStopsWritingThemWhenTheStepEnds() throws Exception {
    Files.writeString(temp.resolve("a.out"), "before\n");
    outputs.open("run/a", temp.resolve("a.out"), temp.resolve("a.err"));
    PrintStream out = outputs.stream(false);
    group.set("run/a");
    out.println("during");

    outputs.close("run/a");
    out.println("after");

    assertThat(Files.readString(temp.resolve("a.out"))).isEqualTo("before\nduring" + System.lineSeparator());
    assertThat(driverLog.toString(StandardCharsets.UTF_8)).isEqualTo("after" + System.lineSeparator());
  }
}
