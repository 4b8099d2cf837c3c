package io.pipewright.local;

import io.pipewright.workspace.LaunchedStep;
import io.pipewright.workspace.SparkProgressStep;
import io.pipewright.workspace.StepProgress;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The progress a local Spark driver counts itself ({@code io.pipewright.spark.StepProgressListener}
 * in spark-runtime) and appends to a file, read twice a second while the step runs: one line per
 * change, {@code "stagesDone stagesTotal tasksDone tasksTotal activeTasks<TAB>stage"}.
 */
final class ProgressFile {

  /** The conf key and listener class the driver is started with (spark-runtime's names). */
  static final String LISTENER = "io.pipewright.spark.StepProgressListener";
  static final String FILE_KEY = "spark.pipewright.progressFile";
  static final String SOURCE = "Spark";

  private static final ScheduledExecutorService READER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "pipewright-spark-progress");
    t.setDaemon(true);
    return t;
  });

  private ProgressFile() {}

  /** The step with the progress in {@code file} reported until it ends. */
  static LaunchedStep watch(LaunchedStep step, Path file, String runId, String stepId) {
    SparkProgressStep watched = SparkProgressStep.later(step);
    Tail tail = new Tail(file, runId, stepId, watched);
    ScheduledFuture<?> task = READER.scheduleWithFixedDelay(tail::read, 250, 500, TimeUnit.MILLISECONDS);
    step.completion().whenComplete((result, error) -> task.cancel(false));
    return watched;
  }

  /** The progress a line says, or null for a line that is not one. */
  static StepProgress parse(String line, String runId, String stepId, Instant at) {
    int tab = line.indexOf('\t');
    if (tab < 0) {
      return null;
    }
    String[] numbers = line.substring(0, tab).split(" ");
    if (numbers.length != 5) {
      return null;
    }
    int[] n = new int[5];
    try {
      for (int i = 0; i < 5; i++) {
        n[i] = Integer.parseInt(numbers[i]);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    String stage = line.substring(tab + 1).strip();
    return new StepProgress(runId, stepId, n[0], n[1], n[2], n[3], n[4], stage.isEmpty() ? null : stage, SOURCE, at);
  }

  private static final class Tail {
    private final Path file;
    private final String runId;
    private final String stepId;
    private final SparkProgressStep step;
    private long offset;

    Tail(Path file, String runId, String stepId, SparkProgressStep step) {
      this.file = file;
      this.runId = runId;
      this.stepId = stepId;
      this.step = step;
    }

    void read() {
      try {
        if (!Files.exists(file) || Files.size(file) <= offset) {
          return;
        }
        byte[] bytes;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
          in.seek(offset);
          bytes = new byte[(int) Math.min(in.length() - offset, 1 << 20)];
          in.readFully(bytes);
        }
        // Only whole lines: a line being written is read again, whole, next time.
        int end = bytes.length - 1;
        while (end >= 0 && bytes[end] != '\n') {
          end--;
        }
        if (end < 0) {
          return;
        }
        offset += end + 1;
        int start = end - 1;
        while (start >= 0 && bytes[start] != '\n') {
          start--;
        }
        String last = new String(bytes, start + 1, end - start - 1, StandardCharsets.UTF_8);
        StepProgress progress = parse(last, runId, stepId, Instant.now());
        if (progress != null) {
          step.report(progress);
        }
      } catch (IOException | RuntimeException e) {
        // The next read tries again; progress is a nicety, never a reason to fail the step.
      }
    }
  }
}
