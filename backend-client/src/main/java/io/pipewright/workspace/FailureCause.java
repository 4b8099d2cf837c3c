package io.pipewright.workspace;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The line of a failed step's log that best says why, whichever launcher ran it: the driver's own
 * one-line error, the last exception or Python error line, else the last non-blank line.
 */
public final class FailureCause {
  private FailureCause() {}

  private static final Pattern EXCEPTION_LINE =
      Pattern.compile("^(Exception in thread .*|[\\w.$]*(Exception|Error)\\b.*:.*|SQL statement \\d+.*|.*\\berror: .*)$");

  /** From the last 64 KiB of a log file (a driver's stderr); empty when there is nothing. */
  public static String of(Path logFile) {
    return of(tail(logFile, 64 * 1024));
  }

  /**
   * Lines that say why a JVM could not start: a heap size it refused, an unknown option, a class
   * file too new for it, a main class it cannot find. The first such line is the cause.
   */
  private static final Pattern JVM_START = Pattern.compile(
      "^(Invalid (maximum|initial|minimum) heap size.*|Too small (maximum|initial|minimum) heap.*"
          + "|Could not reserve enough space for .*|Unrecognized (VM )?option.*"
          + "|Initial heap size set to a larger value than the maximum heap size.*"
          + "|Incompatible (minimum|initial) and maximum heap sizes specified.*"
          + "|The Java thread stack size specified is too small.*|Multiple garbage collectors selected.*"
          + "|.*UnsupportedClassVersionError.*"
          + "|Error: Could not find or load main class .*)$");

  /**
   * Lines a JVM prints when it could not start whatever the reason, which the lines after them
   * explain: {@code Error occurred during initialization of VM} (the reason is the next line, on
   * stdout), the launcher's "JNI error" and "LinkageError" (an exception follows, such as running out
   * of heap while loading the main class).
   */
  private static final Pattern JVM_START_SYMPTOM = Pattern.compile(
      "^(Error occurred during initialization of VM|Error: Could not create the Java Virtual Machine.*"
          + "|Error: A JNI error has occurred.*|Error: LinkageError occurred while loading main class.*"
          + "|Error: Unable to initialize main class.*|Error: A fatal exception has occurred.*)$");

  /**
   * A Java too new for what runs on it: Spark's closure cleaner reading class files of a newer
   * Java, Hadoop's client calling {@code Subject.getSubject} (gone in Java 23+).
   */
  private static final Pattern UNSUPPORTED_JAVA = Pattern.compile(
      ".*(Unsupported class file major version \\d+|getSubject is not supported).*");

  /** Spark refusing its memory at start ({@code UnifiedMemoryManager}: 1.5 × its 300 MiB reserve). */
  private static final Pattern SPARK_MEMORY = Pattern.compile(
      ".*?((\\[INVALID_(DRIVER|EXECUTOR)_MEMORY\\] )?(System|Executor) memory \\d+ must be at least \\d+).*");

  /** Spark refusing a setting's value ({@code [INVALID_CONF_VALUE.TYPE_MISMATCH] The value 'abc' …}). */
  private static final Pattern SPARK_CONF = Pattern.compile(".*?(\\[INVALID_CONF_VALUE[A-Z_.]*\\] .*)");

  /** The JVM's own log lines ({@code [8.219s][warning][cds] Skipping …}), which never say why a step failed. */
  private static final Pattern JVM_LOG = Pattern.compile("^\\[[0-9.]+s\\]\\[(warning|info|debug|trace)\\]\\[.*");

  /**
   * From log lines, oldest first, in this order: Pipewright's own one-line error (the SQL driver's
   * {@code SQL statement N}, {@code pipewright:}); why a JVM could not start (a heap size it refused,
   * an unknown option, a class file too new, the reason after "Error occurred during initialization
   * of VM", running out of heap while loading the main class) rather than the launcher's later
   * "Could not create the Java Virtual Machine" or "Unable to initialize main class"; a Java too new
   * for Spark; Spark refusing its memory at start, or a setting's value; running out of memory; the last Python traceback's error; the root cause
   * of the last Java or Scala exception (the deepest {@code Caused by:} of its chain, such as the
   * task failure behind Spark's "Job aborted due to stage failure"); else the last non-blank line
   * that is not one of the JVM's own log lines ({@code [8.2s][warning][cds] …}).
   */
  public static String of(List<String> lines) {
    return find(lines).map(Found::cause).orElse("");
  }

  /**
   * A process's cause from its stderr, or from its stdout when only that says why its JVM could not
   * start: the JVM prints "Error occurred during initialization of VM" and its reason ("Too small
   * maximum heap") to stdout, and nothing to stderr.
   */
  public static String ofProcess(Path stderrFile, Path stdoutFile) {
    Optional<Found> err = find(tail(stderrFile, 64 * 1024));
    boolean jvmStart = err.isPresent() && err.get().cause().startsWith(JVM_COULD_NOT_START);
    if (jvmStart && !JVM_START_SYMPTOM.matcher(err.get().cause().substring(JVM_COULD_NOT_START.length())).matches()) {
      return err.get().cause();
    }
    Optional<Found> out = find(tail(stdoutFile, 64 * 1024));
    if (out.isPresent() && out.get().cause().startsWith(JVM_COULD_NOT_START)) {
      return out.get().cause();
    }
    if (jvmStart && out.isPresent()) {
      // stderr only says the JVM was not created: what it printed on stdout (nothing else ran) says why
      return shorten(JVM_COULD_NOT_START + out.get().cause());
    }
    return err.map(Found::cause).orElse("");
  }

  private static final String JVM_COULD_NOT_START = "the JVM could not start: ";

  /**
   * The cause and where it is among {@code lines}, as {@link #of(List)} finds it: the index (from
   * 0) of the line that holds it (a root cause's {@code Caused by:} line, a traceback's error line).
   * Empty when every line is blank.
   */
  public static Optional<Found> find(List<String> lines) {
    int lastNonBlank = -1;
    int lastException = -1;
    int rootCause = -1;
    int jvmStart = -1;
    int jvmStartSymptom = -1;
    int vmInitialization = -1;
    int sparkMemory = -1;
    int unsupportedJava = -1;
    int sparkConf = -1;
    int outOfMemory = -1;
    int pythonError = -1;
    boolean inTraceback = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      if (JVM_LOG.matcher(l).matches()) {
        continue;
      }
      lastNonBlank = i;
      if (l.startsWith("SQL statement ") || l.startsWith("pipewright:")) {
        return Optional.of(new Found(shorten(l), i));
      }
      if (jvmStart < 0 && JVM_START.matcher(l).matches()) {
        jvmStart = i;
      }
      if (jvmStartSymptom < 0 && JVM_START_SYMPTOM.matcher(l).matches()) {
        jvmStartSymptom = i;
        if (l.equals("Error occurred during initialization of VM")) {
          vmInitialization = i;
        }
      }
      if (unsupportedJava < 0 && UNSUPPORTED_JAVA.matcher(l).matches()) {
        unsupportedJava = i;
      }
      if (sparkMemory < 0 && SPARK_MEMORY.matcher(l).matches()) {
        sparkMemory = i;
      }
      if (sparkConf < 0 && SPARK_CONF.matcher(l).matches()) {
        sparkConf = i;
      }
      if (l.contains("java.lang.OutOfMemoryError")) {
        outOfMemory = i;
      }
      if (l.startsWith("Traceback (most recent call last)")) {
        inTraceback = true;
        continue;
      }
      if (inTraceback) {
        // Frames are indented ("File ...", the source line); the first line that is not ends it.
        if (!line.startsWith(" ") && !line.startsWith("\t")) {
          pythonError = i;
          inTraceback = false;
        }
        continue;
      }
      if (l.startsWith("Caused by: ")) {
        rootCause = i;
      } else if (EXCEPTION_LINE.matcher(l).matches() && !l.startsWith("at ")) {
        lastException = i;
        rootCause = -1;
      }
    }
    if (jvmStart >= 0) {
      return Optional.of(new Found(shorten(JVM_COULD_NOT_START + lines.get(jvmStart).strip()), jvmStart));
    }
    if (vmInitialization >= 0) {
      int reason = nextNonBlank(lines, vmInitialization);
      if (reason >= 0) {
        return Optional.of(new Found(shorten(JVM_COULD_NOT_START + lines.get(reason).strip()), reason));
      }
    }
    if (jvmStartSymptom >= 0) {
      if (outOfMemory > jvmStartSymptom) {
        String l = lines.get(outOfMemory).strip();
        return Optional.of(new Found(shorten(JVM_COULD_NOT_START + "out of memory while loading its classes: "
            + l.substring(l.indexOf("java.lang.OutOfMemoryError")) + " (raise the driver memory)"), outOfMemory));
      }
      return Optional.of(new Found(shorten(JVM_COULD_NOT_START + lines.get(jvmStartSymptom).strip()), jvmStartSymptom));
    }
    if (unsupportedJava >= 0) {
      return Optional.of(new Found(shorten("this Java is too new for Spark (it needs Java " + JavaHome.OLDEST_FOR_SPARK
          + " to " + JavaHome.NEWEST_FOR_SPARK + "): " + lines.get(unsupportedJava).strip()), unsupportedJava));
    }
    if (sparkMemory >= 0) {
      java.util.regex.Matcher m = SPARK_MEMORY.matcher(lines.get(sparkMemory).strip());
      m.matches();
      boolean executor = m.group(1).contains("Executor memory") || m.group(1).contains("EXECUTOR");
      return Optional.of(new Found(shorten("Spark could not start: " + m.group(1) + " (raise the "
          + (executor ? "executor" : "driver") + " memory to 450m or more)"), sparkMemory));
    }
    if (sparkConf >= 0) {
      java.util.regex.Matcher m = SPARK_CONF.matcher(lines.get(sparkConf).strip());
      m.matches();
      return Optional.of(new Found(shorten("Spark refused a setting: " + m.group(1)), sparkConf));
    }
    if (outOfMemory >= 0) {
      String l = lines.get(outOfMemory).strip();
      return Optional.of(new Found(shorten("out of memory: " + l.substring(l.indexOf("java.lang.OutOfMemoryError"))
          + " (raise the driver or executor memory)"), outOfMemory));
    }
    if (pythonError >= 0) {
      return Optional.of(new Found(shorten(lines.get(pythonError).strip()), pythonError));
    }
    if (lastException >= 0) {
      String exception = lines.get(lastException).strip();
      String root = rootCause < 0 ? null : lines.get(rootCause).strip().substring("Caused by: ".length());
      return root != null && !root.equals(exception)
          ? Optional.of(new Found(shorten(root + " (in: " + firstPart(exception) + ")"), rootCause))
          : Optional.of(new Found(shorten(exception), lastException));
    }
    return lastNonBlank < 0 ? Optional.empty()
        : Optional.of(new Found(shorten(lines.get(lastNonBlank).strip()), lastNonBlank));
  }

  private static int nextNonBlank(List<String> lines, int after) {
    for (int i = after + 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        return i;
      }
    }
    return -1;
  }

  /** A cause and the index of its line among the lines searched. */
  public record Found(String cause, int index) {}

  /**
   * A cause in a log file and its line there, counted from 1 over the whole file, for "Show in
   * log" (the cause is found in the last 64 KiB, as {@link #of(Path)} finds it).
   */
  public record Location(String cause, long line) {}

  /** Where in a log file (a driver's stderr) {@link #of(Path)} found the cause; empty when nothing. */
  public static Optional<Location> locate(Path logFile) {
    Tail tail = readTail(logFile, 64 * 1024);
    return find(tail.lines()).map(f -> new Location(f.cause(), tail.firstLine() + f.index()));
  }

  /** An exception line up to its message's first sentence, so that the root cause stays in view. */
  private static String firstPart(String exceptionLine) {
    return exceptionLine.length() > 120 ? exceptionLine.substring(0, 120) + "…" : exceptionLine;
  }

  private static String shorten(String line) {
    return line.length() > 400 ? line.substring(0, 400) + "…" : line;
  }

  private static List<String> tail(Path file, int bytes) {
    return readTail(file, bytes).lines();
  }

  /** The last whole lines of a file, and the number (from 1) in the file of the first of them. */
  private record Tail(List<String> lines, long firstLine) {}

  private static Tail readTail(Path file, int bytes) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      long start = Math.max(0, length - bytes);
      byte[] buffer = new byte[(int) (length - start)];
      raf.seek(start);
      raf.readFully(buffer);
      List<String> lines = new String(buffer, StandardCharsets.UTF_8).lines().toList();
      if (start == 0 || lines.isEmpty()) {
        return new Tail(lines, 1);
      }
      // The first line read is cut (or starts at the cut): it is left out, and numbering goes on after it.
      return new Tail(lines.subList(1, lines.size()), newlinesBefore(raf, start) + 2);
    } catch (IOException e) {
      return new Tail(Files.exists(file) ? List.of("cannot read " + file + ": " + e.getMessage()) : List.of(), 1);
    }
  }

  private static long newlinesBefore(RandomAccessFile raf, long end) throws IOException {
    long count = 0;
    byte[] buffer = new byte[1 << 20];
    raf.seek(0);
    long read = 0;
    while (read < end) {
      int n = raf.read(buffer, 0, (int) Math.min(buffer.length, end - read));
      if (n < 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          count++;
        }
      }
      read += n;
    }
    return count;
  }
}
