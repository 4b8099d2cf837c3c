package io.pipewright.local;

import io.pipewright.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cold Spark driver started ahead, while {@code pipewright run} itself starts (ADR 0001, amendment
 * of 2026-12-05): the JVM of the last cold SQL step (the same Java, options, class-data archive, heap
 * and class path, remembered in the user's cache) is started at once, runs
 * {@code io.pipewright.spark.BootstrapDriver} and waits; the first local SQL step whose driver would be
 * started with exactly that JVM is handed to it instead of starting one, which takes the JVM's start
 * out of the step's time. A step that does not fit (another heap, other options, environment
 * variables of its own) starts its own JVM as before and the waiting one ends; so does a waiting
 * driver whose Pipewright ends (its stdin closes).
 */
final class SparkBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(SparkBootstrap.class);

  static final String MAIN_CLASS = "io.pipewright.spark.BootstrapDriver";
  private static final String SUBMIT = "org.apache.spark.deploy.SparkSubmit";
  private static final String TMPDIR = "-Djava.io.tmpdir=";
  private static final AtomicReference<SparkBootstrap> WAITING = new AtomicReference<>();

  private final List<String> jvm;
  private final Process process;
  private final Path output;

  private SparkBootstrap(List<String> jvm, Process process, Path output) {
    this.jvm = jvm;
    this.process = process;
    this.output = output;
  }

  /** The remembered JVM, one word per line, then {@code env NAME=VALUE} lines. */
  private static Path rememberedFile(Path cache) {
    return cache.resolve("bootstrap").resolve("driver-jvm");
  }

  /**
   * Starts the driver remembered in {@code cache}, if any, to wait for this process's first fitting
   * step. Call it first thing in a command that runs a pipeline; returns at once.
   */
  static void startAhead(Path cache) {
    Path file = rememberedFile(cache);
    try {
      if (cache == null || !Files.isRegularFile(file)) {
        return;
      }
      List<String> jvm = new ArrayList<>();
      Map<String, String> env = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith("env ")) {
          int eq = line.indexOf('=');
          env.put(line.substring(4, eq), line.substring(eq + 1));
        } else if (line.startsWith("jvm ")) {
          jvm.add(line.substring(4));
        }
      }
      if (jvm.isEmpty() || !Files.isExecutable(Path.of(jvm.get(0)))) {
        return;
      }
      Path directory = Files.createDirectories(file.getParent());
      Path tmp = Files.createDirectories(directory.resolve("tmp"));
      Path output = Files.createTempFile(directory, "driver-", ".log");
      List<String> command = new ArrayList<>(jvm);
      command.add(command.indexOf("-cp"), TMPDIR + tmp);
      command.add(MAIN_CLASS);
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
          .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
          .redirectErrorStream(true);
      builder.environment().putAll(env);
      SparkBootstrap started = new SparkBootstrap(List.copyOf(jvm), builder.start(), output);
      SparkBootstrap earlier = WAITING.getAndSet(started);
      if (earlier != null) {
        earlier.discard();
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("no Spark driver started ahead: {}", e.toString());
    }
  }

  /**
   * Remembers the JVM of a cold SQL step's driver ({@code command} up to SparkSubmit, without its
   * temporary directory) and its environment, for the next {@link #startAhead}.
   */
  static void remember(Path cache, List<String> command, Map<String, String> env) {
    if (cache == null) {
      return;
    }
    StringBuilder text = new StringBuilder();
    jvmOf(command).forEach(word -> text.append("jvm ").append(word).append('\n'));
    env.forEach((name, value) -> text.append("env ").append(name).append('=').append(value).append('\n'));
    Path file = rememberedFile(cache);
    try {
      if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).contentEquals(text)) {
        return;
      }
      Files.createDirectories(file.getParent());
      Path written = Files.createTempFile(file.getParent(), "driver-jvm", ".tmp");
      Files.writeString(written, text, StandardCharsets.UTF_8);
      AtomicFiles.publish(written, file);
    } catch (IOException e) {
      LOG.debug("cannot remember the Spark driver's JVM in {}: {}", file, e.toString());
    }
  }

  /** The JVM part of a driver command: up to SparkSubmit, without the temporary directory. */
  static List<String> jvmOf(List<String> command) {
    int submit = command.indexOf(SUBMIT);
    return command.subList(0, submit < 0 ? command.size() : submit).stream()
        .filter(word -> !word.startsWith(TMPDIR)).toList();
  }

  /**
   * The driver started ahead for exactly the JVM of {@code command}, handed the step (its
   * SparkSubmit arguments, logs, temporary and working directories); null when none waits or it was
   * started for another JVM (then it ends: one chance per start). The env of the step must be the one
   * remembered, which the caller checks.
   */
  static Process take(List<String> command, Path stdout, Path stderr, Path directory) {
    SparkBootstrap waiting = WAITING.getAndSet(null);
    if (waiting == null) {
      return null;
    }
    List<String> jvm = jvmOf(command);
    if (!waiting.jvm.equals(jvm) || !waiting.process.isAlive()) {
      waiting.discard();
      return null;
    }
    int submit = command.indexOf(SUBMIT);
    String tmpdir = command.stream().filter(word -> word.startsWith(TMPDIR)).findFirst()
        .map(word -> word.substring(TMPDIR.length())).orElse(null);
    StringBuilder request = new StringBuilder();
    request.append("stdout ").append(stdout).append('\n');
    request.append("stderr ").append(stderr).append('\n');
    if (tmpdir != null) {
      request.append("tmpdir ").append(tmpdir).append('\n');
    }
    request.append("dir ").append(directory).append('\n');
    for (String arg : command.subList(submit + 1, command.size())) {
      if (arg.indexOf('\n') >= 0 || arg.indexOf('\r') >= 0) {
        waiting.discard();
        return null;
      }
      request.append("arg ").append(arg).append('\n');
    }
    request.append('\n');
    try {
      // What the JVM printed while it started (a warning about incubator modules, as a cold driver's
      // stderr has too) goes to the step's stderr first.
      waiting.copyOutput(stderr);
      OutputStream in = waiting.process.getOutputStream();
      in.write(request.toString().getBytes(StandardCharsets.UTF_8));
      in.close();
    } catch (IOException e) {
      waiting.discard();
      return null;
    }
    Process process = waiting.process;
    process.onExit().thenRun(() -> {
      waiting.copyOutput(stderr);
      try {
        Files.deleteIfExists(waiting.output);
      } catch (IOException e) {
        // left in the cache directory; harmless
      }
    });
    return process;
  }

  private long copied;

  /** Appends what the JVM itself wrote since the last copy to {@code stderr}. */
  private synchronized void copyOutput(Path stderr) {
    try {
      long size = Files.size(output);
      if (size <= copied) {
        return;
      }
      byte[] all = Files.readAllBytes(output);
      Files.write(stderr, java.util.Arrays.copyOfRange(all, (int) copied, all.length),
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      copied = all.length;
    } catch (IOException e) {
      // the driver's own warnings are lost to the step's log; the step is not
    }
  }

  /** Ends a waiting driver that will get no step. */
  private void discard() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      process.destroy();
    }
    process.onExit().thenRun(() -> {
      try {
        Files.deleteIfExists(output);
      } catch (IOException e) {
        // harmless
      }
    });
  }

  /** Ends the driver waiting in this process, if any (a run that had no step for it). */
  static void discardWaiting() {
    SparkBootstrap waiting = WAITING.getAndSet(null);
    if (waiting != null) {
      waiting.discard();
    }
  }
}
