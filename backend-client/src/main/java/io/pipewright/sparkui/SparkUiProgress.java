package io.pipewright.sparkui;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.http.RestClient;
import io.pipewright.http.RetryPolicy;
import io.pipewright.http.Timeouts;
import io.pipewright.workspace.SparkUiMonitor;
import io.pipewright.workspace.StepProgress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a Spark driver's monitoring REST API about once a second: {@code /api/v1/applications} once
 * to find the application, then {@code /applications/{id}/jobs} and {@code /stages?status=active}
 * (two small answers; the full stage list carries every stage's metrics and is not read).
 *
 * <p>What it costs a driver, measured on a 30 s local SQL step (2 cores): the first answer of its
 * REST API about 1.1 s of CPU (Spark initializes the API then), then about 25 ms a poll; the UI
 * itself is on by default in Spark and costs nothing measurable more with the small retention
 * Pipewright sets.
 *
 * <p>The figures cover the application so far: jobs are counted as they are submitted, and a
 * running job's stages count once they start (its pending stages may end skipped, as Spark's
 * adaptive execution does with shuffles it already has, so they are not promised). Tasks are those
 * of the completed and active stages.
 */
public final class SparkUiProgress implements SparkUiMonitor {

  private static final Logger LOG = LoggerFactory.getLogger(SparkUiProgress.class);
  /** A driver on this machine or a cluster's loopback answers in milliseconds; a slow one waits for the next tick. */
  private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ScheduledExecutorService POLLER = Executors.newScheduledThreadPool(2, daemon());

  private static final JsonNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();

  private final Duration interval;

  /** Polls every second. */
  public SparkUiProgress() {
    this(Duration.ofSeconds(1));
  }

  SparkUiProgress(Duration interval) {
    this.interval = interval;
  }

  @Override
  public Watch watch(Target target, Consumer<StepProgress> sink) {
    Poll poll = new Poll(target, sink);
    ScheduledFuture<?> task = POLLER.scheduleWithFixedDelay(poll::tick, interval.toMillis() / 2, interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return () -> {
      poll.stop();
      task.cancel(false);
    };
  }

  /** One watch: finds the application, then reads its jobs and active stages each tick. */
  private static final class Poll {
    private final Target target;
    private final Consumer<StepProgress> sink;
    private final RestClient client;
    private final Cancellation cancel = new Cancellation();
    private final Object delivering = new Object();
    private volatile boolean stopped;
    private String appId;
    private StepProgress last;

    Poll(Target target, Consumer<StepProgress> sink) {
      this.target = target;
      this.sink = sink;
      this.client = RestClient.to(target.uiUrl()).timeouts(TIMEOUTS).retry(RetryPolicy.NONE).build();
    }

    void stop() {
      cancel.cancel();
      synchronized (delivering) {
        stopped = true;
      }
    }

    void tick() {
      if (stopped) {
        return;
      }
      try {
        if (appId == null) {
          appId = application(client.get("/api/v1/applications", cancel), target.appName());
          if (appId == null) {
            return;
          }
        }
        String app = "/api/v1/applications/" + URLEncoder.encode(appId, StandardCharsets.UTF_8);
        JsonNode jobs = client.get(app + "/jobs", cancel);
        // The active stages only matter while a job runs (each costs the driver their metrics' JSON).
        boolean running = false;
        for (JsonNode job : jobs) {
          running |= "RUNNING".equals(job.path("status").asText());
        }
        JsonNode active = running ? client.get(app + "/stages?status=active", cancel) : EMPTY;
        StepProgress progress = progress(target, jobs, active, Instant.now());
        if (last != null && same(last, progress)) {
          return;
        }
        last = progress;
        synchronized (delivering) {
          if (!stopped) {
            sink.accept(progress);
          }
        }
      } catch (RemoteException e) {
        // Not up yet ("Spark is starting up", which is not JSON), or gone: the next tick asks again.
        LOG.trace("Spark UI {}: {}", target.uiUrl(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("Spark UI {}: cannot read the progress: {}", target.uiUrl(), e.toString());
      }
    }
  }

  /** The id of the application named {@code name} (any when null) among those the driver lists; null if none yet. */
  static String application(JsonNode applications, String name) {
    if (!applications.isArray()) {
      return null;
    }
    for (JsonNode app : applications) {
      if (name == null || name.equals(app.path("name").asText(null))) {
        return app.path("id").asText(null);
      }
    }
    return null;
  }

  /**
   * The progress that a driver's {@code jobs} and active {@code stages} answers describe.
   *
   * <p>Stages: done = completed stages of every job; total = those plus the active and failed ones.
   * Tasks: a finished job's tasks less those skipped; a running job's completed tasks plus all the
   * tasks of its active stages.
   */
  static StepProgress progress(Target target, JsonNode jobs, JsonNode activeStages, Instant at) {
    Map<Integer, JsonNode> active = new HashMap<>();
    for (JsonNode stage : activeStages) {
      active.put(stage.path("stageId").asInt(), stage);
    }
    int stagesDone = 0;
    int stagesTotal = 0;
    int tasksDone = 0;
    int tasksTotal = 0;
    int activeTasks = 0;
    String description = null;
    for (JsonNode job : jobs) {
      int completedStages = job.path("numCompletedStages").asInt();
      stagesDone += completedStages;
      stagesTotal += completedStages + job.path("numActiveStages").asInt() + job.path("numFailedStages").asInt();
      int completedTasks = job.path("numCompletedTasks").asInt();
      tasksDone += completedTasks;
      activeTasks += job.path("numActiveTasks").asInt();
      if ("RUNNING".equals(job.path("status").asText())) {
        int activeDone = 0;
        int activeAll = 0;
        for (JsonNode id : job.path("stageIds")) {
          JsonNode stage = active.get(id.asInt());
          if (stage != null) {
            activeDone += stage.path("numCompleteTasks").asInt();
            activeAll += stage.path("numTasks").asInt();
            String named = describe(job, stage);
            description = named != null ? named : description;
          }
        }
        tasksTotal += completedTasks - activeDone + activeAll;
      } else {
        tasksTotal += job.path("numTasks").asInt() - job.path("numSkippedTasks").asInt();
      }
    }
    return new StepProgress(target.runId(), target.stepId(), stagesDone, stagesTotal, tasksDone, tasksTotal,
        activeTasks, description, target.source(), at);
  }

  /**
   * What the user knows the running stage by: the job's description (a SQL step's statement), else the
   * stage's name unless it is only Spark's internals ({@code $anonfun$… at CompletableFuture.java}).
   */
  private static String describe(JsonNode job, JsonNode stage) {
    String description = job.path("description").asText("");
    if (!description.isBlank()) {
      return description.strip().lines().findFirst().orElse(description);
    }
    String name = stage.path("name").asText("");
    return name.isBlank() || name.startsWith("$anonfun$") ? null : name;
  }

  private static boolean same(StepProgress a, StepProgress b) {
    return a.stagesDone() == b.stagesDone() && a.stagesTotal() == b.stagesTotal() && a.tasksDone() == b.tasksDone()
        && a.tasksTotal() == b.tasksTotal() && a.activeTasks() == b.activeTasks() && Objects.equals(a.stage(), b.stage());
  }

  private static ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "pipewright-spark-ui-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
