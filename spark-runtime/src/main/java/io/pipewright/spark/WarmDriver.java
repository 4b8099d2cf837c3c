package io.pipewright.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;

/**
 * A long-lived local Spark driver that runs Pipewright SQL steps as Spark jobs, each in a fresh
 * {@link SparkSession} (its own temporary views and SQL conf), under its own job group and FAIR
 * pool, so that independent steps run at once and one can be stopped alone.
 *
 * <p>Protocol, JSON lines. Requests on stdin: {@code {"op":"run","id":…,"args":[SqlStepDriver
 * arguments],"stdout":PATH,"stderr":PATH,"conf":{…},"description":…}}, {@code
 * {"op":"cancel","id":…}}, {@code {"op":"stop"}}; the end of stdin stops the driver too, so that it
 * never outlives the Pipewright that started it. Events on stdout, as lines {@code @pipewright
 * {json}}: {@code ready} (pid, sparkVersion, uiPort), {@code started} (id), {@code done} (id, exit,
 * failure, canceled), {@code refused} (id, reason), {@code heap} (used, max). Everything else the
 * driver prints goes to its stderr; a step's output goes to its own files.
 *
 * <p>Spark's configuration comes from {@code -Dspark.*} system properties (master, UI, local dir,
 * {@code spark.scheduler.mode=FAIR}).
 */
public final class WarmDriver {

  /** What starts an event line on the driver's stdout. */
  public static final String EVENT_PREFIX = "@pipewright ";

  private static final String JOB_GROUP = "spark.jobGroup.id";
  private static final long HEAP_EVERY_MILLIS = 2000;
  private static final long INTERRUPT_AFTER_MILLIS = 5000;

  private final ObjectMapper json = new ObjectMapper();
  private final InputCache inputs = new InputCache();
  private final PrintStream events;
  private final StepOutputs outputs;
  private final Map<String, Thread> running = new ConcurrentHashMap<>();
  private final Map<String, Boolean> canceled = new ConcurrentHashMap<>();
  /** Steps accepted and not yet done (their thread may not have started). */
  private final java.util.Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final ExecutorService steps = Executors.newCachedThreadPool(daemon("pipewright-step"));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("pipewright-timer"));
  private volatile SparkContext context;
  private StepProgressListener progress;
  private SparkSession spark;

  private WarmDriver(PrintStream events, PrintStream driverLog) {
    this.events = events;
    this.outputs = new StepOutputs(this::currentGroup, driverLog);
  }

  public static void main(String[] args) throws IOException {
    PrintStream events = System.out;
    PrintStream driverLog = System.err;
    WarmDriver driver = new WarmDriver(events, driverLog);
    // Before Spark or Scala's Console look at them: what a thread prints goes to its step's files.
    System.setOut(driver.outputs.stream(false));
    System.setErr(driver.outputs.stream(true));
    int status = driver.serve();
    events.flush();
    driverLog.flush();
    System.exit(status);
  }

  private int serve() throws IOException {
    try {
      spark = SparkSession.builder().appName(System.getProperty("spark.app.name", "pipewright-warm-spark"))
          .getOrCreate();
      context = spark.sparkContext();
    } catch (RuntimeException | Error e) {
      System.err.println("the warm Spark driver could not start Spark: " + SqlStepDriver.describe(e));
      return 1;
    }
    progress = new StepProgressListener(this::sendProgress);
    context.addSparkListener(progress);
    ObjectNode ready = event("ready");
    ready.put("pid", ProcessHandle.current().pid());
    ready.put("sparkVersion", spark.version());
    ready.put("uiPort", uiPort());
    send(ready);
    timer.scheduleAtFixedRate(this::sendHeap, 0, HEAP_EVERY_MILLIS, TimeUnit.MILLISECONDS);

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode request;
      try {
        request = json.readTree(line);
      } catch (IOException e) {
        System.err.println("warm driver: not a request: " + line);
        continue;
      }
      String op = request.path("op").asText("");
      if (op.equals("stop")) {
        break;
      }
      switch (op) {
        case "run" -> run(request);
        case "cancel" -> cancel(request.path("id").asText());
        default -> System.err.println("warm driver: unknown request: " + line);
      }
    }
    accepted.forEach(id -> context.cancelJobGroupAndFutureJobs(id, "the warm Spark driver stops"));
    timer.shutdownNow();
    try {
      spark.stop();
    } catch (RuntimeException e) {
      System.err.println("warning: stopping Spark failed: " + SqlStepDriver.describe(e));
    }
    return 0;
  }

  private void run(JsonNode request) {
    String id = request.path("id").asText();
    List<String> args = new ArrayList<>();
    request.path("args").forEach(a -> args.add(a.asText()));
    Map<String, String> conf = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = request.path("conf").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      conf.put(e.getKey(), e.getValue().asText());
    }
    String description = request.path("description").asText(id);
    Path stdout = Path.of(request.path("stdout").asText());
    Path stderr = Path.of(request.path("stderr").asText());
    SparkSession session = spark.newSession();
    for (Map.Entry<String, String> e : conf.entrySet()) {
      if (!session.conf().isModifiable(e.getKey())) {
        ObjectNode refused = event("refused");
        refused.put("id", id);
        refused.put("reason", e.getKey() + " only applies when a driver starts");
        send(refused);
        return;
      }
    }
    accepted.add(id);
    steps.execute(() -> runStep(id, session, conf, args, description, stdout, stderr));
  }

  private void runStep(String id, SparkSession session, Map<String, String> conf, List<String> args,
      String description, Path stdout, Path stderr) {
    running.put(id, Thread.currentThread());
    int exit;
    String failure;
    try {
      SparkSession.setActiveSession(session);
      context.setJobGroup(id, description, true);
      context.setLocalProperty("spark.scheduler.pool", id);
      ObjectNode started = event("started");
      started.put("id", id);
      send(started);
      StepOutputs.Files files = outputs.open(id, stdout, stderr);
      try (PrintStream out = new PrintStream(files.out(), true, StandardCharsets.UTF_8);
          PrintStream err = new PrintStream(files.err(), true, StandardCharsets.UTF_8)) {
        if (canceled.containsKey(id)) {
          exit = SqlStepDriver.FAILED;
          failure = null;
        } else {
          conf.forEach((k, v) -> session.conf().set(k, v));
          SqlStepDriver step = new SqlStepDriver(out, err).withInputs(inputs);
          exit = step.runIn(session, args.toArray(String[]::new));
          failure = step.failure();
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      exit = SqlStepDriver.FAILED;
      failure = "SQL step failed: " + SqlStepDriver.describe(e);
    } finally {
      progress.forget(id); // its last figures go before its end
      accepted.remove(id);
      running.remove(id);
      if (canceled.containsKey(id)) {
        context.cancelJobGroup(id, "stopped in Pipewright"); // what its query started as it ended
      }
      Thread.interrupted(); // a cancel's interrupt must not reach the next step on this thread
      context.clearJobGroup();
      context.setLocalProperty("spark.scheduler.pool", null);
      SparkSession.clearActiveSession();
      outputs.close(id);
    }
    ObjectNode done = event("done");
    done.put("id", id);
    done.put("exit", exit);
    if (failure == null) {
      done.putNull("failure");
    } else {
      done.put("failure", failure);
    }
    done.put("canceled", canceled.remove(id) != null);
    send(done);
  }

  /**
   * Cancels a step's job group, and again every half second while the step runs (a job its query
   * submits from another thread after a cancel, as adaptive execution does, is caught so). The
   * step's thread is interrupted only if it has not ended within {@link #INTERRUPT_AFTER_MILLIS}:
   * an interrupt in the middle of a query can leave its other threads' jobs running.
   */
  private void cancel(String id) {
    if (!accepted.contains(id) || canceled.putIfAbsent(id, true) != null) {
      return;
    }
    long started = System.nanoTime();
    context.cancelJobGroupAndFutureJobs(id, "stopped in Pipewright");
    timer.scheduleWithFixedDelay(() -> {
      if (!accepted.contains(id)) {
        throw new CancellationException(); // ends this repetition
      }
      context.cancelJobGroupAndFutureJobs(id, "stopped in Pipewright");
      Thread thread = running.get(id);
      if (thread != null
          && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(INTERRUPT_AFTER_MILLIS)) {
        thread.interrupt();
      }
    }, 500, 500, TimeUnit.MILLISECONDS);
  }

  /** The job group of the calling thread: its task's, else its SparkContext local property. */
  private String currentGroup() {
    TaskContext task = TaskContext.get();
    if (task != null) {
      return task.getLocalProperty(JOB_GROUP);
    }
    SparkContext sc = context;
    return sc == null ? null : sc.getLocalProperty(JOB_GROUP);
  }

  private int uiPort() {
    if (context.uiWebUrl().isEmpty()) {
      return -1;
    }
    String url = context.uiWebUrl().get();
    try {
      return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void sendProgress(String group, StepProgressListener.Progress figures) {
    if (!accepted.contains(group)) {
      return; // a job of no step's, or of one that has ended
    }
    ObjectNode event = event("progress");
    event.put("id", group);
    event.put("stagesDone", figures.stagesDone());
    event.put("stagesTotal", figures.stagesTotal());
    event.put("tasksDone", figures.tasksDone());
    event.put("tasksTotal", figures.tasksTotal());
    event.put("activeTasks", figures.activeTasks());
    if (figures.stage() != null) {
      event.put("stage", figures.stage());
    }
    send(event);
  }

  private void sendHeap() {
    Runtime runtime = Runtime.getRuntime();
    ObjectNode heap = event("heap");
    heap.put("used", runtime.totalMemory() - runtime.freeMemory());
    heap.put("max", runtime.maxMemory());
    send(heap);
  }

  private ObjectNode event(String name) {
    ObjectNode node = json.createObjectNode();
    node.put("event", name);
    return node;
  }

  private void send(ObjectNode event) {
    String line;
    try {
      line = json.writeValueAsString(event);
    } catch (IOException e) {
      return;
    }
    synchronized (events) {
      events.print(EVENT_PREFIX);
      events.println(line);
      events.flush();
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
