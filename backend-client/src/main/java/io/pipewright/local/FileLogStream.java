package io.pipewright.local;

import io.pipewright.workspace.LogStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/** A log stream backed by a file that a process appends to; read by offset while it grows. */
record FileLogStream(String name, Path file) implements LogStream {

  @Override
  public long size() throws IOException {
    return Files.exists(file) ? Files.size(file) : 0;
  }

  @Override
  public byte[] read(long offset, int maxBytes) throws IOException {
    if (!Files.exists(file)) {
      return new byte[0];
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long available = raf.length() - offset;
      if (available <= 0) {
        return new byte[0];
      }
      byte[] bytes = new byte[(int) Math.min(available, maxBytes)];
      raf.seek(offset);
      raf.readFully(bytes);
      return bytes;
    }
  }
}
