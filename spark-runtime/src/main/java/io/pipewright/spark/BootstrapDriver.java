package io.pipewright.spark;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark driver JVM started ahead of its step, while Pipewright itself starts (ADR 0001, amendment
 * of 2026-12-05): it boots the JVM, maps the class-data archive and initializes the classes every
 * driver needs whatever its settings, then waits for its step on stdin and runs it exactly as a cold
 * driver would, through {@code SparkSubmit}.
 *
 * <p>stdin holds one request, its fields one per line, ended by an empty line:
 * <pre>
 * stdout PATH        the step's stdout log (appended to)
 * stderr PATH        the step's stderr log (appended to)
 * tmpdir PATH        java.io.tmpdir of the step
 * dir PATH           the step's working directory (user.dir, for Hadoop's relative paths)
 * arg ARGUMENT       each argument of SparkSubmit, in order (one per line; no line breaks in one)
 * </pre>
 * End of input before the empty line (Pipewright died, or ran no step that fits this driver) ends
 * the JVM at once with status 3, having run nothing.
 */
public final class BootstrapDriver {

  /** Exit status of a bootstrap driver that was given no step. */
  public static final int UNUSED = 3;

  private BootstrapDriver() {}

  public static void main(String[] args) throws Exception {
    Thread warming = new Thread(BootstrapDriver::warm, "pipewright-bootstrap-warm");
    warming.setDaemon(true);
    warming.start();

    List<String> submit = new ArrayList<>();
    String stdout = null;
    String stderr = null;
    String tmpdir = null;
    String dir = null;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    boolean complete = false;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isEmpty()) {
        complete = true;
        break;
      }
      int space = line.indexOf(' ');
      String key = space < 0 ? line : line.substring(0, space);
      String value = space < 0 ? "" : line.substring(space + 1);
      switch (key) {
        case "stdout" -> stdout = value;
        case "stderr" -> stderr = value;
        case "tmpdir" -> tmpdir = value;
        case "dir" -> dir = value;
        case "arg" -> submit.add(value);
        default -> {
          System.err.println("BootstrapDriver: unknown request line: " + key);
          System.exit(2);
        }
      }
    }
    if (!complete || stdout == null || stderr == null) {
      System.exit(UNUSED);
    }
    // From here on the JVM is the step's driver: its output goes to the step's logs (log4j's console
    // appender follows System.err), its temporary files under the step.
    System.setOut(new PrintStream(new FileOutputStream(stdout, true), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new FileOutputStream(stderr, true), true, StandardCharsets.UTF_8));
    if (tmpdir != null) {
      System.setProperty("java.io.tmpdir", tmpdir);
    }
    if (dir != null) {
      System.setProperty("user.dir", dir);
    }
    warming.join(10_000);
    org.apache.spark.deploy.SparkSubmit.main(submit.toArray(String[]::new));
    System.out.flush();
    System.err.flush();
    System.exit(0);
  }

  /**
   * Initializes what every driver initializes, whatever its settings, while the JVM waits: Scala's
   * runtime and collections, Spark's configuration entries, the SQL configuration, Jackson. Nothing
   * here reads a setting, a temporary directory or the working directory.
   */
  private static void warm() {
    String[] classes = {
      "scala.Predef$",
      "scala.collection.immutable.List$",
      "scala.collection.mutable.HashMap",
      "scala.concurrent.duration.Duration$",
      "org.apache.spark.internal.config.package$",
      "org.apache.spark.SparkConf",
      "org.apache.spark.deploy.SparkSubmitArguments",
      "org.apache.spark.sql.internal.SQLConf$",
      "org.apache.spark.sql.internal.StaticSQLConf$",
      "com.fasterxml.jackson.databind.ObjectMapper",
      "com.fasterxml.jackson.module.scala.DefaultScalaModule$",
    };
    ClassLoader loader = BootstrapDriver.class.getClassLoader();
    for (String name : classes) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
        // A class that is not there or does not initialize here is initialized by the step, as cold.
      }
    }
  }
}
