package io.pipewright.local;

import io.pipewright.workspace.LogStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A log stream backed by a file that a process appends to; read by offset while it grows. */
record FileLogStream(String name, Path path) implements LogStream {

  @Override
  public Optional<Path> file() {
    return Optional.of(path);
  }

  @Override
  public long size() throws IOException {
    return Files.exists(path) ? Files.size(path) : 0;
  }

  @Override
  public byte[] read(long offset, int maxBytes) throws IOException {
    if (!Files.exists(path)) {
      return new byte[0];
    }
    try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "r")) {
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
