package io.pipewright.app.run;

import io.pipewright.workspace.FailureLocation;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.Workspace;
import io.pipewright.workspace.WorkspaceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Finds the line of a step's logs that holds its failure's cause, for "Show in log" where the
 * history has not located it: the last line of driver/stderr, else driver/stdout, else Pipewright's
 * own log, that contains the start of the cause. Streams each log once, by offset, keeping one line.
 */
final class CauseLocator {
  static final List<String> STREAMS = List.of(LogStream.DRIVER_STDERR, LogStream.DRIVER_STDOUT, LogStream.PIPEWRIGHT);
  private static final int CHUNK = 1 << 20;
  /** The part of a long line that is compared; causes are found near a line's start. */
  private static final int LINE_KEPT = 64 * 1024;
  /** The part of the cause looked for: its start, which the logged line has as it is. */
  private static final int KEY_CHARS = 60;

  private CauseLocator() {}

  static Optional<FailureLocation> find(Workspace workspace, String runId, String stepId, String cause)
      throws WorkspaceException, IOException {
    if (cause == null || cause.isBlank()) {
      return Optional.empty();
    }
    String full = RunDecorations.withoutExitCode(cause);
    String key = full.length() > KEY_CHARS ? full.substring(0, KEY_CHARS) : full;
    List<String> streams = workspace.logStreams(runId, stepId);
    for (String name : STREAMS) {
      if (!streams.contains(name)) {
        continue;
      }
      long line = lastLineContaining(workspace.log(runId, stepId, name), key);
      if (line > 0) {
        return Optional.of(new FailureLocation(name, line, full));
      }
    }
    return Optional.empty();
  }

  /** The number (from 1) of the last line containing {@code key}, or 0. */
  static long lastLineContaining(LogStream log, String key) throws IOException {
    long offset = 0;
    long lineNumber = 1;
    long found = 0;
    ByteArrayOutputStream current = new ByteArrayOutputStream();
    while (true) {
      byte[] chunk = log.read(offset, CHUNK);
      if (chunk.length == 0) {
        break;
      }
      offset += chunk.length;
      int start = 0;
      for (int i = 0; i < chunk.length; i++) {
        if (chunk[i] == '\n') {
          append(current, chunk, start, i - start);
          if (matches(current, key)) {
            found = lineNumber;
          }
          current.reset();
          lineNumber++;
          start = i + 1;
        }
      }
      append(current, chunk, start, chunk.length - start);
    }
    if (current.size() > 0 && matches(current, key)) {
      found = lineNumber;
    }
    return found;
  }

  private static void append(ByteArrayOutputStream line, byte[] bytes, int from, int length) {
    int room = LINE_KEPT - line.size();
    if (room > 0) {
      line.write(bytes, from, Math.min(room, length));
    }
  }

  private static boolean matches(ByteArrayOutputStream line, String key) {
    return line.size() >= key.length() && line.toString(StandardCharsets.UTF_8).contains(key);
  }
}
