package io.pipewright.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewright.io.Jackson;
import io.pipewright.workspace.LaunchedStep.StepResult;
import io.pipewright.workspace.StepProgress;
import io.pipewright.workspace.WarmSpark;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One warm Spark driver process ({@code io.pipewright.spark.WarmDriver}) and its protocol: requests
 * as JSON lines on its stdin, events as {@code @pipewright {json}} lines on its stdout; every other
 * line it prints is its own log, appended to {@code <pid>.log} beside its directory.
 */
final class WarmDriverProcess {

  private static final String EVENT_PREFIX = "@pipewright ";
  private static final ObjectMapper JSON = Jackson.MAPPER;

  /** What the pool hears from a driver. */
  interface Events {
    /** The driver became ready, ran or ended a step, or reported its heap. */
    void changed(WarmDriverProcess driver);

    /** The driver's process ended. */
    void exited(WarmDriverProcess driver);
  }

  private final String key;
  private final String description;
  private final Process process;
  private final Path directory;
  private final Path log;
  private final Instant startedAt = Instant.now();
  /** Asked for at its start; the port its UI took, once it says (another process may have had that one). */
  private volatile int uiPort;
  private final Events events;
  private final Writer stdin;
  private final Map<String, WarmStep> steps = new LinkedHashMap<>();
  private final List<WarmStep> waiting = new ArrayList<>();
  private final CompletableFuture<Void> exited = new CompletableFuture<>();
  private boolean ready;
  private boolean stopping;
  private long heapUsed = -1;
  private long heapMax = -1;
  private Instant idleSince = startedAt;
  private Instant stopsAt;
  private String lastLogLine;

  private WarmDriverProcess(String key, String description, Process process, Path directory, int uiPort,
      Events events) {
    this.key = key;
    this.description = description;
    this.process = process;
    this.directory = directory;
    this.log = directory.resolveSibling(process.pid() + ".log");
    this.uiPort = uiPort;
    this.events = events;
    this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
  }

  /** Starts {@code command} in {@code directory} and begins reading what it says. */
  static WarmDriverProcess start(String key, String description, List<String> command, Map<String, String> env,
      Path directory, int uiPort, Events events) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().putAll(env);
    WarmDriverProcess driver =
        new WarmDriverProcess(key, description, builder.start(), directory, uiPort, events);
    driver.appendLog("command: " + io.pipewright.workspace.CommandLines.display(command));
    driver.read(driver.process.getInputStream(), true);
    driver.read(driver.process.getErrorStream(), false);
    driver.process.onExit().thenRun(driver::ended);
    return driver;
  }

  String key() {
    return key;
  }

  long pid() {
    return process.pid();
  }

  Instant startedAt() {
    return startedAt;
  }

  int uiPort() {
    return uiPort;
  }

  Path log() {
    return log;
  }

  synchronized boolean ready() {
    return ready;
  }

  synchronized boolean idle() {
    return steps.isEmpty() && waiting.isEmpty();
  }

  /** Whether it was asked to stop (its steps end canceled). */
  private synchronized boolean stopping() {
    return stopping;
  }

  synchronized boolean alive() {
    return !stopping && process.isAlive();
  }

  synchronized Instant idleSince() {
    return idleSince;
  }

  synchronized void stopsAt(Instant at) {
    stopsAt = at;
  }

  synchronized WarmSpark.Driver describe() {
    int runningSteps = steps.size() + waiting.size();
    return new WarmSpark.Driver(description, process.pid(), startedAt, ready, heapUsed, heapMax, runningSteps,
        runningSteps == 0 ? idleSince : null, runningSteps == 0 ? stopsAt : null,
        ready && uiPort > 0 ? "http://127.0.0.1:" + uiPort : null);
  }

  /**
   * Sends a step to the driver (at once, or when it is ready). False when the driver is stopping or
   * gone: the step must go elsewhere.
   */
  boolean submit(WarmStep step) {
    synchronized (this) {
      if (stopping || !process.isAlive()) {
        return false;
      }
      stopsAt = null;
      if (!ready) {
        waiting.add(step);
      } else {
        steps.put(step.id(), step);
        send(runRequest(step));
      }
    }
    events.changed(this);
    return true;
  }

  void cancel(WarmStep step) {
    boolean wasWaiting;
    synchronized (this) {
      wasWaiting = waiting.remove(step);
      if (!wasWaiting && steps.containsKey(step.id())) {
        ObjectNode cancel = JSON.createObjectNode();
        cancel.put("op", "cancel");
        cancel.put("id", step.id());
        send(cancel);
      }
    }
    if (wasWaiting) {
      step.end(StepResult.canceledResult());
      stepEnded();
    }
  }

  /** Asks the driver to stop (its running steps end canceled); kills it if it has not in 5 s. */
  void stop() {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
      ObjectNode stop = JSON.createObjectNode();
      stop.put("op", "stop");
      send(stop);
      try {
        stdin.close();
      } catch (IOException e) {
        // It reads the end of its input as stop, and it may be gone already.
      }
    }
    exited.orTimeout(5, TimeUnit.SECONDS).exceptionally(timeout -> {
      process.destroyForcibly();
      return null;
    });
  }

  /** Waits up to {@code timeout} for the process to end. */
  boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void destroy() {
    process.destroyForcibly();
  }

  // ---- the driver's output -------------------------------------------------------------------

  private void read(InputStream stream, boolean stdout) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (stdout && line.startsWith(EVENT_PREFIX)) {
            try {
              event(JSON.readTree(line.substring(EVENT_PREFIX.length())));
            } catch (IOException | RuntimeException e) {
              appendLog(line);
            }
          } else {
            appendLog(line);
          }
        }
      } catch (IOException e) {
        // The process is gone; its exit is handled by ended().
      }
    }, "warm-spark-" + process.pid() + (stdout ? "-stdout" : "-stderr"));
    reader.setDaemon(true);
    reader.start();
  }

  private void event(JsonNode event) {
    switch (event.path("event").asText()) {
      case "ready" -> {
        synchronized (this) {
          ready = true;
          uiPort = event.path("uiPort").asInt(uiPort);
          for (WarmStep step : waiting) {
            steps.put(step.id(), step);
            send(runRequest(step));
          }
          waiting.clear();
        }
        events.changed(this);
      }
      case "started" -> events.changed(this);
      case "heap" -> {
        synchronized (this) {
          heapUsed = event.path("used").asLong(-1);
          heapMax = event.path("max").asLong(-1);
        }
        events.changed(this);
      }
      case "progress" -> {
        WarmStep step = step(event.path("id").asText());
        if (step != null) {
          step.progress(new StepProgress(step.launch().runId(), step.launch().step().id(),
              event.path("stagesDone").asInt(), event.path("stagesTotal").asInt(), event.path("tasksDone").asInt(),
              event.path("tasksTotal").asInt(), event.path("activeTasks").asInt(),
              event.path("stage").isTextual() ? event.path("stage").asText() : null, ProgressFile.SOURCE,
              Instant.now()));
        }
      }
      case "done" -> {
        WarmStep step = remove(event.path("id").asText());
        if (step != null) {
          int exit = event.path("exit").asInt(1);
          if (event.path("canceled").asBoolean(false) || step.canceled() || stopping()) {
            step.end(StepResult.canceledResult());
          } else if (exit == 0) {
            step.end(StepResult.success(0));
          } else {
            // As a cold driver's end is told (ProcessStep), from the same stderr.
            String cause = ProcessStep.failureCause(step.launch().logs());
            step.end(StepResult.failure("Spark driver exited with code " + exit
                + (cause.isEmpty() ? "" : ": " + cause), exit));
          }
          stepEnded();
        }
      }
      case "refused" -> {
        WarmStep step = remove(event.path("id").asText());
        if (step != null) {
          stepEnded();
          step.runCold(event.path("reason").asText("the warm driver refused it"));
        }
      }
      default -> appendLog("unknown event: " + event);
    }
  }

  private synchronized WarmStep step(String id) {
    return steps.get(id);
  }

  private synchronized WarmStep remove(String id) {
    return steps.remove(id);
  }

  private void stepEnded() {
    synchronized (this) {
      if (steps.isEmpty() && waiting.isEmpty()) {
        idleSince = Instant.now();
      }
    }
    events.changed(this);
  }

  /** The process ended: the steps on it fail with the cause (or end canceled when it was stopped). */
  private void ended() {
    List<WarmStep> orphans;
    boolean stopped;
    synchronized (this) {
      orphans = new ArrayList<>(steps.values());
      orphans.addAll(waiting);
      steps.clear();
      waiting.clear();
      stopped = stopping;
      stopping = true;
    }
    int exit = process.exitValue();
    String why = why(exit);
    appendLog("the warm Spark driver (pid " + pid() + ") stopped: " + why);
    for (WarmStep step : orphans) {
      if (stopped || step.canceled()) {
        step.end(StepResult.canceledResult());
      } else {
        String message = "the warm Spark driver (pid " + pid() + ") stopped: " + why;
        step.launch().logs().note(message);
        step.end(StepResult.failure(message));
      }
    }
    deleteDirectory();
    exited.complete(null);
    events.exited(this);
  }

  private synchronized String why(int exit) {
    String code = exit > 128 ? "killed (signal " + (exit - 128) + ")" : "exit code " + exit;
    return lastLogLine == null ? code : code + "; its log ends: " + lastLogLine;
  }

  private synchronized void send(JsonNode request) {
    try {
      stdin.write(JSON.writeValueAsString(request));
      stdin.write('\n');
      stdin.flush();
    } catch (IOException e) {
      // It is gone or going; ended() fails what ran on it.
    }
  }

  private static ObjectNode runRequest(WarmStep step) {
    ObjectNode run = JSON.createObjectNode();
    run.put("op", "run");
    run.put("id", step.id());
    step.arguments().forEach(run.putArray("args")::add);
    run.put("stdout", step.launch().logs().stdoutFile().toString());
    run.put("stderr", step.launch().logs().stderrFile().toString());
    ObjectNode conf = run.putObject("conf");
    step.conf().forEach(conf::put);
    run.put("description", step.launch().step().name());
    return run;
  }

  private synchronized void appendLog(String line) {
    if (!line.isBlank()) {
      lastLogLine = line.strip();
    }
    try {
      Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The driver's own log is for diagnosis only; the steps' logs are elsewhere.
    }
  }

  void deleteDirectory() {
    try (var walk = Files.walk(directory)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // Spark's scratch files, which its own shutdown may be deleting at the same time (the walk then
      // meets a file that is gone); the next start uses a directory of its own.
    }
  }
}
