package io.pipewright.workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A named log of a child run ({@code driver/stdout}), read by offset while it grows, so a viewer
 * never holds a whole log in memory.
 */
public interface LogStream {
  String DRIVER_STDOUT = "driver/stdout";
  String DRIVER_STDERR = "driver/stderr";
  /** What Pipewright itself says about the step: command line, inputs, reuse, notes. */
  String PIPEWRIGHT = "pipewright/log";

  String name();

  /** Bytes written so far. */
  long size() throws IOException;

  /** Up to {@code maxBytes} bytes from {@code offset}; fewer (or none) at the end. */
  byte[] read(long offset, int maxBytes) throws IOException;

  /**
   * The local file this stream is appended to, when there is one: a viewer may then read it
   * directly (positional reads, memory mapping) instead of through {@link #read}. Empty for streams
   * that are not a local file.
   */
  default Optional<Path> file() {
    return Optional.empty();
  }
}
