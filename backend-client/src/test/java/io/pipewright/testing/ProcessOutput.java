package io.pipewright.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A child process's output, read to its end within a bounded time. Reading a process's stdout to
 * its end before {@code waitFor(timeout)} waits without bound when the process hangs (its stdout
 * stays open): here the output is read on another thread, and a process still running at the
 * timeout is killed and the test fails with what it printed so far.
 */
public final class ProcessOutput {
  private ProcessOutput() {}

  /** Waits at most {@code timeout} for {@code process} to end; returns its stdout (with stderr, if merged). */
  public static String of(Process process, Duration timeout) throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> {
      try (InputStream in = process.getInputStream()) {
        in.transferTo(bytes);
      } catch (IOException e) {
        // The process was killed: what was read is kept.
      }
    }, "process-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      reader.join(5_000);
      throw new AssertionError("process " + process.info().commandLine().orElse(Long.toString(process.pid()))
          + " did not end within " + timeout.toSeconds() + " s; it printed:\n" + text(bytes));
    }
    reader.join(timeout.toMillis()); // the output's end follows the exit (unless a child keeps it open)
    return text(bytes);
  }

  private static String text(ByteArrayOutputStream bytes) {
    synchronized (bytes) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
