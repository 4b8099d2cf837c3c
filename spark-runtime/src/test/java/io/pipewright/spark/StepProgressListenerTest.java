package io.pipewright.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener in a real local Spark: each job group's stages and tasks, and the cold driver's file. */
class StepProgressListenerTest {

  private static SparkSession spark;
  private static final Map<String, List<StepProgressListener.Progress>> HEARD = new ConcurrentHashMap<>();
  private static StepProgressListener listener;

  @BeforeAll
  static void start(@TempDir Path tmp) {
    spark = SparkSession.builder().master("local[2]").appName("progress-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.local.dir", tmp.toString())
        .config("spark.extraListeners", StepProgressListener.class.getName())
        .config(StepProgressListener.PROGRESS_FILE, tmp.resolve("progress").toString())
        .getOrCreate();
    listener = new StepProgressListener((group, progress) ->
        HEARD.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>()).add(progress));
    spark.sparkContext().addSparkListener(listener);
    progressFile = tmp.resolve("progress");
  }

  private static Path progressFile;

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void eachJobGroupHearsItsOwnStagesAndTasksAndTheLastReportIsComplete() throws Exception {
    runInGroup("step-a", "statement 1: SELECT …", 4);
    runInGroup("step-b", "statement 1: SELECT other", 3);
    listener.forget("step-a");
    listener.forget("step-b");

    StepProgressListener.Progress a = last("step-a");
    StepProgressListener.Progress b = last("step-b");
    // A shuffle: two stages; 4 (resp. 3) map tasks and 2 reduce tasks (spark.sql.shuffle.partitions=2).
    assertThat(a.stagesTotal()).isEqualTo(2);
    assertThat(a.stagesDone()).isEqualTo(2);
    assertThat(a.tasksDone()).isEqualTo(a.tasksTotal()).isEqualTo(4 + 2);
    assertThat(a.activeTasks()).isZero();
    assertThat(a.stage()).isEqualTo("statement 1: SELECT …");
    assertThat(b.tasksTotal()).isEqualTo(3 + 2);
    assertThat(b.stage()).isEqualTo("statement 1: SELECT other");
  }

  @Test
  void aColdDriverGetsItFromSparkExtraListenersAndWritesLines() throws Exception {
    runInGroup(null, "writing output 'x'", 2);
    // The listener Spark made from spark.extraListeners reports now rather than at its next tick.
    spark.sparkContext().listenerBus().listeners().stream()
        .filter(l -> l instanceof StepProgressListener && l != listener)
        .forEach(l -> ((StepProgressListener) l).report());
    List<String> lines = Files.readAllLines(progressFile, StandardCharsets.UTF_8);
    String last = lines.get(lines.size() - 1);
    // Every job of a cold driver is its step's: the counts add up across the jobs of this JVM.
    assertThat(last).matches("\\d+ \\d+ \\d+ \\d+ 0\twriting output 'x'");
  }

  private static void runInGroup(String group, String description, int partitions) throws Exception {
    if (group != null) {
      spark.sparkContext().setJobGroup(group, description, true);
    } else {
      spark.sparkContext().clearJobGroup();
    }
    spark.sparkContext().setJobDescription(description);
    spark.conf().set("spark.sql.shuffle.partitions", "2");
    spark.conf().set("spark.sql.adaptive.enabled", "false");
    spark.range(0, 1000, 1, partitions).groupBy(org.apache.spark.sql.functions.expr("id % 7")).count().collect();
    spark.sparkContext().listenerBus().waitUntilEmpty(30_000);
  }

  private static StepProgressListener.Progress last(String group) {
    List<StepProgressListener.Progress> heard = HEARD.get(group);
    assertThat(heard).as("progress of %s", group).isNotEmpty();
    return heard.get(heard.size() - 1);
  }
}
