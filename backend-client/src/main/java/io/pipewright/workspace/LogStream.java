package io.pipewright.workspace;

import java.io.IOException;

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
}
