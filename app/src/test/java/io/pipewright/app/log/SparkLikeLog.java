package io.pipewright.app.log;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a log like a Spark driver's: INFO lines of the scheduler and block manager, WARN lines,
 * ERROR lines with Java stack traces ({@code Caused by:}, {@code ... N more}), some levels coloured
 * with ANSI codes. Deterministic for a seed. For tests (a few MB) and bench/logview (1 GB).
 */
public final class SparkLikeLog {
  private static final String[] INFO = {
    "TaskSetManager: Finished task %d.0 in stage %d.0 (TID %d) in %d ms on localhost (executor driver) (%d/200)",
    "TaskSetManager: Starting task %d.0 in stage %d.0 (TID %d) (localhost, executor driver, partition %d, PROCESS_LOCAL, %d bytes)",
    "Executor: Running task %d.0 in stage %d.0 (TID %d) with %d ms of GC and %d records",
    "BlockManagerInfo: Removed broadcast_%d_piece0 on 10.0.%d.%d:40437 in memory (size: %d.0 KiB, free: %d.3 MiB)",
    "DAGScheduler: ResultStage %d (parquet at Prepare.scala:%d) finished in %d.%d s after %d tasks",
    "ShuffleBlockFetcherIterator: Getting %d (%d.1 MiB) non-empty blocks including %d local and %d remote blocks",
    "CodeGenerator: Code generated in %d.%d ms for stage %d with %d fields",
  };
  private static final String[] WARN = {
    "TaskSetManager: Lost task %d.0 in stage %d.0 (TID %d) (localhost executor driver): retrying %d of %d",
    "MemoryStore: Not enough space to cache rdd_%d_%d in memory! (computed %d.0 MiB so far, %d tries, %d left)",
    "package: Truncated the string representation of a plan since it was too large (%d > %d, %d, %d, %d)",
  };

  private SparkLikeLog() {}

  /** Writes about {@code bytes} bytes of log to {@code file}. */
  public static void write(Path file, long bytes, long seed) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      write(out, bytes, seed);
    }
  }

  /** Writes about {@code bytes} bytes of log to {@code out}. */
  public static long write(OutputStream out, long bytes, long seed) throws IOException {
    Random random = new Random(seed);
    StringBuilder line = new StringBuilder(256);
    long written = 0;
    long n = 0;
    while (written < bytes) {
      line.setLength(0);
      int roll = random.nextInt(1000);
      n++;
      long second = 9 * 3600 + n / 40; // forty lines a second from 09:00
      String time = String.format("26/12/05 %02d:%02d:%02d", (second / 3600) % 24, (second / 60) % 60, second % 60);
      if (roll < 6) {
        boolean ansi = random.nextBoolean();
        line.append(time).append(' ').append(ansi ? "\u001b[31mERROR\u001b[0m" : "ERROR")
            .append(" Executor: Exception in task ").append(random.nextInt(200)).append(".0 in stage ")
            .append(random.nextInt(50)).append(".0 (TID ").append(n).append(")\n");
        line.append("java.lang.IllegalStateException: Column 'fare' is not a number in row ").append(n).append('\n');
        frames(line, random, 5 + random.nextInt(20));
        if (random.nextBoolean()) {
          line.append("Caused by: java.lang.NumberFormatException: For input string: \"n/a\"\n");
          frames(line, random, 1 + random.nextInt(6));
          line.append("\t... ").append(5 + random.nextInt(20)).append(" more\n");
        }
      } else if (roll < 40) {
        boolean ansi = random.nextInt(4) == 0;
        line.append(time).append(' ').append(ansi ? "\u001b[33mWARN\u001b[0m" : "WARN").append(' ')
            .append(fill(WARN[random.nextInt(WARN.length)], random)).append('\n');
      } else {
        boolean ansi = random.nextInt(10) == 0;
        line.append(time).append(' ').append(ansi ? "\u001b[32mINFO\u001b[0m" : "INFO").append(' ')
            .append(fill(INFO[random.nextInt(INFO.length)], random)).append('\n');
      }
      byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);
      out.write(b);
      written += b.length;
    }
    return written;
  }

  private static void frames(StringBuilder line, Random random, int count) {
    String[] classes = {"org.apache.spark.sql.execution.datasources.FileFormatWriter$", "org.apache.spark.scheduler.Task",
      "org.apache.spark.executor.Executor$TaskRunner", "java.util.concurrent.ThreadPoolExecutor",
      "io.pipewright.prep.Prepare", "scala.collection.Iterator$$anon$10"};
    for (int i = 0; i < count; i++) {
      String c = classes[random.nextInt(classes.length)];
      line.append("\tat ").append(c).append(".run").append(random.nextInt(9)).append('(')
          .append(c.substring(c.lastIndexOf('.') + 1).replace("$", "")).append(".scala:").append(random.nextInt(900))
          .append(")\n");
    }
  }

  private static String fill(String format, Random random) {
    return String.format(format, random.nextInt(200), random.nextInt(60), random.nextInt(100_000), random.nextInt(5000),
        random.nextInt(300));
  }
}
