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

  /** From log lines, oldest first. */
  public static String of(List<String> lines) {
    String lastNonBlank = "";
    String lastException = null;
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      lastNonBlank = l;
      if (l.startsWith("SQL statement ") || l.startsWith("pipewright:")) {
        return shorten(l);
      }
      if (EXCEPTION_LINE.matcher(l).matches() && !l.startsWith("at ")) {
        lastException = l;
      }
    }
    return shorten(lastException != null ? lastException : lastNonBlank);
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
