package io.pipewright.spark;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * How far each step running in a Spark driver has come, counted from Spark's own scheduler events
 * inside the driver: stages and tasks per job group (a step of a warm driver; every job of a cold
 * driver is one step's), reported to a sink at most every {@link #INTERVAL_MILLIS} when they changed.
 *
 * <p>Counting in the driver costs nothing measurable; polling the driver's UI from outside made
 * Spark start its REST API, about one CPU-second of every step (docs/decisions/0001).
 *
 * <p>A cold driver gets it through {@code spark.extraListeners=io.pipewright.spark.StepProgressListener}
 * with {@code spark.pipewright.progressFile=PATH}: each change is appended to PATH as one
 * {@link Progress#toLine() line}, which Pipewright reads as the step runs.
 */
public final class StepProgressListener extends SparkListener {

  /** The conf key naming the file a listener made by Spark appends its lines to. */
  public static final String PROGRESS_FILE = "spark.pipewright.progressFile";

  /** How often changes are reported at most. */
  static final long INTERVAL_MILLIS = 500;

  private static final String JOB_GROUP = "spark.jobGroup.id";
  private static final String JOB_DESCRIPTION = "spark.job.description";

  /**
   * One step's figures, as {@code io.pipewright.workspace.StepProgress} has them.
   *
   * @param stagesDone stages completed
   * @param stagesTotal stages submitted so far (completed, running or failed; skipped ones not)
   * @param tasksDone tasks that ended successfully
   * @param tasksTotal tasks of the submitted stages
   * @param activeTasks tasks running now
   * @param stage the running job's description (a SQL step's statement), else its stage's name; or null
   */
  public record Progress(int stagesDone, int stagesTotal, int tasksDone, int tasksTotal, int activeTasks,
      String stage) {

    /** {@code "1 3 150 200 2\tstatement 2: SELECT …"}: five numbers, a tab, the stage (may be empty). */
    public String toLine() {
      String name = stage == null ? "" : stage.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
      return stagesDone + " " + stagesTotal + " " + tasksDone + " " + tasksTotal + " " + activeTasks + "\t" + name;
    }
  }

  /** The counts of one job group; guarded by the listener. */
  private static final class Counts {
    final Map<Integer, Integer> stageTasks = new HashMap<>();
    int stagesDone;
    int stagesFailed;
    int tasksDone;
    int activeTasks;
    String stage;
    Progress reported;

    Progress progress() {
      int total = 0;
      for (int tasks : stageTasks.values()) {
        total += tasks;
      }
      return new Progress(stagesDone, stageTasks.size(), tasksDone, total, activeTasks, stage);
    }
  }

  private final BiConsumer<String, Progress> sink;
  private final Map<String, Counts> groups = new LinkedHashMap<>();
  /** Held while a report is made and delivered. */
  private final Object reporting = new Object();
  private final Map<Integer, String> groupOfJob = new HashMap<>();
  private final Map<Integer, String> groupOfStage = new HashMap<>();
  private final Map<Integer, String> descriptionOfJob = new HashMap<>();
  private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "pipewright-progress");
    t.setDaemon(true);
    return t;
  });

  /**
   * Reports each job group's progress to {@code sink} (on the listener's own thread); jobs without a
   * group count under the empty group {@code ""}.
   */
  public StepProgressListener(BiConsumer<String, Progress> sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
    reporter.scheduleWithFixedDelay(this::report, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Made by Spark from {@code spark.extraListeners}: appends every job's progress to {@link #PROGRESS_FILE}. */
  public StepProgressListener(SparkConf conf) {
    this(fileSink(conf.get(PROGRESS_FILE)));
  }

  private static BiConsumer<String, Progress> fileSink(String file) {
    OutputStream out;
    try {
      out = new FileOutputStream(file, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the progress file " + file, e);
    }
    return (group, progress) -> {
      try {
        out.write((progress.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        // The step goes on without progress; its logs say nothing of it (a full disk shows elsewhere).
      }
    };
  }

  /** Stops reporting after a last report of what changed. */
  public void close() {
    reporter.shutdownNow();
    report();
  }

  /** Forgets a job group (its step ended), after reporting it a last time if it changed. */
  public void forget(String group) {
    report();
    synchronized (this) {
      groups.remove(group);
      groupOfStage.values().removeIf(group::equals);
    }
  }

  /**
   * Reports what changed since the last report, now. One report at a time (the reporter's and a
   * caller's): a report that returns has been delivered, and reports arrive in order.
   */
  void report() {
    synchronized (reporting) {
      deliver();
    }
  }

  private void deliver() {
    Map<String, Progress> changed = new LinkedHashMap<>();
    synchronized (this) {
      groups.forEach((group, counts) -> {
        Progress now = counts.progress();
        if (!now.equals(counts.reported)) {
          counts.reported = now;
          changed.put(group, now);
        }
      });
    }
    changed.forEach((group, progress) -> {
      try {
        sink.accept(group, progress);
      } catch (RuntimeException e) {
        // A sink that fails loses one report, not the listener.
      }
    });
  }

  private Counts counts(String group) {
    return groups.computeIfAbsent(group == null ? "" : group, g -> new Counts());
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart job) {
    Properties properties = job.properties();
    String group = properties == null ? null : properties.getProperty(JOB_GROUP);
    String key = group == null ? "" : group;
    groupOfJob.put(job.jobId(), key);
    String description = properties == null ? null : properties.getProperty(JOB_DESCRIPTION);
    if (description != null && !description.isBlank()) {
      descriptionOfJob.put(job.jobId(), description.strip().lines().findFirst().orElse(description));
    }
    for (StageInfo stage : CollectionConverters.asJava(job.stageInfos())) {
      groupOfStage.put(stage.stageId(), key);
    }
    counts(key);
  }

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    StageInfo stage = submitted.stageInfo();
    String group = groupOfStage.get(stage.stageId());
    if (group == null) {
      return;
    }
    Counts counts = counts(group);
    counts.stageTasks.put(stage.stageId(), stage.numTasks());
    String description = null;
    for (Map.Entry<Integer, String> job : descriptionOfJob.entrySet()) {
      if (group.equals(groupOfJob.get(job.getKey()))) {
        description = job.getValue();
      }
    }
    counts.stage = description != null ? description : named(stage.name());
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted completed) {
    StageInfo stage = completed.stageInfo();
    String group = groupOfStage.get(stage.stageId());
    if (group == null) {
      return;
    }
    Counts counts = counts(group);
    if (stage.failureReason().isDefined()) {
      counts.stagesFailed++;
    } else {
      counts.stagesDone++;
    }
  }

  @Override
  public synchronized void onTaskStart(SparkListenerTaskStart task) {
    String group = groupOfStage.get(task.stageId());
    if (group != null) {
      counts(group).activeTasks++;
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
    String group = groupOfStage.get(task.stageId());
    if (group == null) {
      return;
    }
    Counts counts = counts(group);
    counts.activeTasks = Math.max(0, counts.activeTasks - 1);
    if (task.taskInfo() != null && task.taskInfo().successful()) {
      counts.tasksDone++;
    }
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd job) {
    groupOfJob.remove(job.jobId());
    descriptionOfJob.remove(job.jobId());
  }

  @Override
  public void onApplicationEnd(SparkListenerApplicationEnd end) {
    close();
  }

  /** A stage's name unless it is only Spark's internals ({@code $anonfun$… at CompletableFuture.java}). */
  private static String named(String name) {
    return name == null || name.isBlank() || name.startsWith("$anonfun$") ? null : name;
  }
}
