package io.pipewright.workspace;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  /** Lines that say a JVM could not start, and why; the first such line is the cause. */
  private static final Pattern JVM_START = Pattern.compile(
      "^(Invalid (maximum|initial) heap size.*|Could not reserve enough space for .*|Unrecognized (VM )?option.*"
          + "|Error occurred during initialization of VM.*|Error: Could not create the Java Virtual Machine.*"
          + "|Error: A JNI error has occurred.*|Error: LinkageError occurred while loading main class.*"
          + "|.*UnsupportedClassVersionError.*|Error: Could not find or load main class .*)$");

  /**
   * From log lines, oldest first, in this order: Pipewright's own one-line error (the SQL driver's
   * {@code SQL statement N}, {@code pipewright:}); why a JVM could not start (a heap size it refused,
   * an unknown option, a class file too new); running out of memory; the last Python traceback's
   * error; the root cause of the last Java or Scala exception (the deepest {@code Caused by:} of its
   * chain, such as the task failure behind Spark's "Job aborted due to stage failure"); else the last
   * non-blank line.
   */
  public static String of(List<String> lines) {
    String lastNonBlank = "";
    String lastException = null;
    String rootCause = null;
    String jvmStart = null;
    String outOfMemory = null;
    String pythonError = null;
    boolean inTraceback = false;
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      lastNonBlank = l;
      if (l.startsWith("SQL statement ") || l.startsWith("pipewright:")) {
        return shorten(l);
      }
      if (jvmStart == null && JVM_START.matcher(l).matches()) {
        jvmStart = l;
      }
      if (l.contains("java.lang.OutOfMemoryError")) {
        outOfMemory = l.substring(l.indexOf("java.lang.OutOfMemoryError"));
      }
      if (l.startsWith("Traceback (most recent call last)")) {
        inTraceback = true;
        continue;
      }
      if (inTraceback) {
        // Frames are indented ("File ...", the source line); the first line that is not ends it.
        if (!line.startsWith(" ") && !line.startsWith("\t")) {
          pythonError = l;
          inTraceback = false;
        }
        continue;
      }
      if (l.startsWith("Caused by: ")) {
        rootCause = l.substring("Caused by: ".length());
      } else if (EXCEPTION_LINE.matcher(l).matches() && !l.startsWith("at ")) {
        lastException = l;
        rootCause = null;
      }
    }
    if (jvmStart != null) {
      return shorten("the JVM could not start: " + jvmStart);
    }
    if (outOfMemory != null) {
      return shorten("out of memory: " + outOfMemory + " (raise the driver or executor memory)");
    }
    if (pythonError != null) {
      return shorten(pythonError);
    }
    if (lastException != null) {
      return shorten(rootCause != null && !rootCause.equals(lastException) ? rootCause + " (in: " + firstPart(lastException)
          + ")" : lastException);
    }
    return shorten(lastNonBlank);
  }

  /** An exception line up to its message's first sentence, so that the root cause stays in view. */
  private static String firstPart(String exceptionLine) {
    return exceptionLine.length() > 120 ? exceptionLine.substring(0, 120) + "…" : exceptionLine;
  }

  private static String shorten(String line) {
    return line.length() > 400 ? line.substring(0, 400) + "…" : line;
  }

  private static List<String> tail(Path file, int bytes) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      long start = Math.max(0, length - bytes);
      byte[] buffer = new byte[(int) (length - start)];
      raf.seek(start);
      raf.readFully(buffer);
      List<String> lines = new String(buffer, StandardCharsets.UTF_8).lines().toList();
      return start > 0 && !lines.isEmpty() ? lines.subList(1, lines.size()) : lines;
    } catch (IOException e) {
      return Files.exists(file) ? List.of("cannot read " + file + ": " + e.getMessage()) : List.of();
    }
  }
}
