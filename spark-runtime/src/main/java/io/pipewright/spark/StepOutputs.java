package io.pipewright.spark;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The log files of the steps running in a warm driver, and the {@code System.out} and {@code
 * System.err} that send what a thread prints to the files of the step it works for: the step whose
 * job group the thread carries (a task thread through its {@code TaskContext}, a driver thread
 * through its SparkContext local property). What no step can be named for goes to the driver's own
 * log.
 */
final class StepOutputs {

  /** One step's two files. Writes go straight through, so that lines keep their order. */
  record Files(OutputStream out, OutputStream err) implements AutoCloseable {
    @Override
    public void close() {
      closeQuietly(out);
      closeQuietly(err);
    }
  }

  private final Map<String, Files> byGroup = new ConcurrentHashMap<>();
  private final Supplier<String> currentGroup;
  private final OutputStream driverLog;

  /**
   * @param currentGroup the job group of the calling thread, or null
   * @param driverLog where unattributed output goes (the driver's own stderr, which the client
   *     appends to the driver's log)
   */
  StepOutputs(Supplier<String> currentGroup, OutputStream driverLog) {
    this.currentGroup = currentGroup;
    this.driverLog = driverLog;
  }

  /** Opens (appending) a step's stdout and stderr files and routes its job group's output there. */
  Files open(String group, Path stdout, Path stderr) throws IOException {
    Files files = new Files(new Synchronized(new FileOutputStream(stdout.toFile(), true)),
        new Synchronized(new FileOutputStream(stderr.toFile(), true)));
    byGroup.put(group, files);
    return files;
  }

  /** Stops routing a job group's output and closes its files. */
  void close(String group) {
    Files files = byGroup.remove(group);
    if (files != null) {
      files.close();
    }
  }

  /** A stream for {@code System.out} ({@code err} false) or {@code System.err}. */
  PrintStream stream(boolean err) {
    return new PrintStream(new Routed(err), true, StandardCharsets.UTF_8);
  }

  private OutputStream target(boolean err) {
    String group;
    try {
      group = currentGroup.get();
    } catch (RuntimeException e) {
      group = null;
    }
    Files files = group == null ? null : byGroup.get(group);
    if (files == null) {
      return driverLog;
    }
    return err ? files.err() : files.out();
  }

  private final class Routed extends OutputStream {
    private final boolean err;

    Routed(boolean err) {
      this.err = err;
    }

    @Override
    public void write(int b) throws IOException {
      target(err).write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      target(err).write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      target(err).flush();
    }
  }

  /** Writes of several threads of one step (its driver thread, its tasks) one at a time. */
  private static final class Synchronized extends OutputStream {
    private final OutputStream out;
    private volatile boolean closed;

    Synchronized(OutputStream out) {
      this.out = out;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      if (!closed) {
        out.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      if (!closed) {
        out.write(b, off, len);
      }
    }

    @Override
    public synchronized void close() throws IOException {
      closed = true;
      out.close();
    }
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // Nothing more can be written to it either way.
    }
  }
}
