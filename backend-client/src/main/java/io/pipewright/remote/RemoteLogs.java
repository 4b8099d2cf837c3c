package io.pipewright.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends what a remote engine returns of a driver's output to the step's log files. */
public final class RemoteLogs {
  private RemoteLogs() {}

  public static void append(Path file, byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    try {
      Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
