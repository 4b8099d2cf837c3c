package io.pipewright.sparkui;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.workspace.SparkUiMonitor;
import io.pipewright.workspace.StepProgress;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Spark UI poller against a real HTTP server on 127.0.0.1 that replays what a real local Spark
 * 4.1.3 driver answered (test resources io/pipewright/sparkui: a SQL step with a broadcast join, a
 * group-by and an order-by over range(0, 60000000), polled while it ran).
 */
class SparkUiProgressTest {

  private static final String APP = "/api/v1/applications/local-1796463100215";

  private final MockWebServer server = new MockWebServer();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final BlockingQueue<StepProgress> heard = new LinkedBlockingQueue<>();
  /** Which recorded moment the driver answers with: "starting-up", "one-running" or "five". */
  private volatile String moment = "one-running";
  private SparkUiMonitor.Watch watch;

  @BeforeEach
  void driver() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String target = request.getTarget();
        requests.add(target);
        if (moment.equals("starting-up")) {
          return text("starting-up.txt", "text/html;charset=utf-8");
        }
        if (target.equals("/api/v1/applications")) {
          return text("applications.json", "application/json");
        }
        if (target.equals(APP + "/jobs")) {
          return text("jobs-" + moment + ".json", "application/json");
        }
        if (target.equals(APP + "/stages?status=active")) {
          return text("stages-active-" + moment + ".json", "application/json");
        }
        return new MockResponse.Builder().code(404).body("no " + target).build();
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    if (watch != null) {
      watch.close();
    }
    server.close();
  }

  private static MockResponse text(String resource, String type) {
    try (InputStream in = SparkUiProgressTest.class.getResourceAsStream(resource)) {
      return new MockResponse.Builder().code(200).setHeader("Content-Type", type)
          .body(new String(in.readAllBytes(), StandardCharsets.UTF_8)).build();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("test resource " + resource, e);
    }
  }

  private void watch(String appName) {
    watch = new SparkUiProgress(Duration.ofMillis(50)).watch(new SparkUiMonitor.Target("run-1", "prep",
        "http://127.0.0.1:" + server.getPort(), appName, "Spark UI"), heard::add);
  }

  private StepProgress next() throws InterruptedException {
    StepProgress progress = heard.poll(10, TimeUnit.SECONDS);
    assertThat(progress).as("a progress within 10 s; %d requests", requests.size()).isNotNull();
    return progress;
  }

  /** Waits until the driver has been asked {@code count} more times for {@code target}. */
  private void awaitRequests(String target, int count) throws InterruptedException {
    long before = requests.stream().filter(target::equals).count();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (requests.stream().filter(target::equals).count() < before + count) {
      assertThat(System.nanoTime()).as("%d more requests for %s", count, target)
          .isLessThan(deadline);
      server.takeRequest(1, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRunningJobCountsTheTasksOfItsActiveStageAndTheJobsDoneBeforeIt() throws Exception {
    watch("multistep");

    StepProgress progress = next();

    assertThat(progress.runId()).isEqualTo("run-1");
    assertThat(progress.stepId()).isEqualTo("prep");
    assertThat(progress.source()).isEqualTo("Spark UI");
    // job 0 (broadcast, 1 stage, 2 tasks) done; job 1 running its one stage, 3 of 6 tasks done, 3 running
    assertThat(List.of(progress.stagesDone(), progress.stagesTotal(), progress.tasksDone(), progress.tasksTotal(),
        progress.activeTasks())).containsExactly(1, 2, 5, 8, 3);
    assertThat(progress.stage()).as("Spark's internal stage name is not shown").isNull();
    assertThat(progress.describe()).isEqualTo("stage 2 of 2 · 5/8 tasks");
  }

  @Test
  void laterJobsAddTheirStagesAndSkippedStagesAndTasksDoNotCount() throws Exception {
    watch("multistep");
    next();

    moment = "five";
    StepProgress progress = next();

    // jobs 0-3 done (jobs 2 and 3 each skipped a stage of 6 tasks); job 4 running its last stage of 1 task
    assertThat(List.of(progress.stagesDone(), progress.stagesTotal(), progress.tasksDone(), progress.tasksTotal(),
        progress.activeTasks())).containsExactly(4, 5, 10, 11, 0);
  }

  @Test
  void aDriverStartingUpIsAskedAgainUntilItAnswers() throws Exception {
    moment = "starting-up";
    watch("multistep");
    awaitRequests("/api/v1/applications", 3);
    assertThat(heard).isEmpty();

    moment = "one-running";

    assertThat(next().tasksDone()).isEqualTo(5);
  }

  @Test
  void theSameProgressIsSentOnce() throws Exception {
    watch("multistep");
    next();

    awaitRequests(APP + "/jobs", 3);

    assertThat(heard).isEmpty();
  }

  @Test
  void anotherApplicationOnThePortIsNotWatched() throws Exception {
    watch("some other step");

    awaitRequests("/api/v1/applications", 3);

    assertThat(requests).doesNotContain(APP + "/jobs");
    assertThat(heard).isEmpty();
  }

  @Test
  void nothingIsSentOnceTheWatchIsClosed() throws Exception {
    watch("multistep");
    next();
    watch.close();
    BlockingQueue<StepProgress> other = new LinkedBlockingQueue<>();
    watch = new SparkUiProgress(Duration.ofMillis(50)).watch(new SparkUiMonitor.Target("run-2", "prep",
        "http://127.0.0.1:" + server.getPort(), "multistep", "Spark UI"), other::add);
    assertThat(other.poll(10, TimeUnit.SECONDS)).isNotNull();

    moment = "five";
    assertThat(other.poll(10, TimeUnit.SECONDS)).as("the open watch hears the change").isNotNull();
    awaitRequests(APP + "/jobs", 3);

    assertThat(heard).as("the closed watch hears nothing").isEmpty();
  }
}
