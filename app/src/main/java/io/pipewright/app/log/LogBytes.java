package io.pipewright.app.log;

import io.pipewright.workspace.LogStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The bytes of one log stream, read by offset. A stream that is a local file ({@link
 * LogStream#file()}) is read with positional reads of its own channel; any other stream (a remote
 * log appended by a launcher) through {@link LogStream#read}. Each background job opens its own
 * {@link Reader}, so cancelling one job never closes another's channel.
 */
final class LogBytes {
  private final LogStream stream;
  private final Path file;

  LogBytes(LogStream stream) {
    this.stream = stream;
    this.file = stream.file().orElse(null);
  }

  String name() {
    return stream.name();
  }

  LogStream stream() {
    return stream;
  }

  Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Bytes written so far. */
  long size() throws IOException {
    if (file != null) {
      try {
        return Files.size(file);
      } catch (NoSuchFileException e) {
        return 0;
      }
    }
    return stream.size();
  }

  Reader open() throws IOException {
    if (file != null) {
      return new FileReader(file, false);
    }
    return new StreamReader(stream);
  }

  /**
   * A reader for one pass over much of the log (search, filter): a local file is memory-mapped, so
   * each chunk is one copy from the page cache instead of a read call and two copies.
   */
  Reader openForScan() throws IOException {
    if (file != null) {
      return new FileReader(file, true);
    }
    return new StreamReader(stream);
  }

  /** Reads by offset; not thread-safe: one per job. */
  interface Reader extends AutoCloseable {
    /** Reads up to {@code len} bytes at {@code offset} into {@code into[at..]}; the count, 0 at the end. */
    int read(long offset, byte[] into, int at, int len) throws IOException;

    @Override
    void close() throws IOException;
  }

  private static final class FileReader implements Reader {
    /** Mapped windows: at most this long (a buffer's index is an int). */
    private static final long WINDOW = 1L << 30;
    private final Path file;
    private final boolean map;
    private FileChannel channel;
    private MappedByteBuffer window;
    private long windowStart;

    FileReader(Path file, boolean map) {
      this.file = file;
      this.map = map;
    }

    @Override
    public int read(long offset, byte[] into, int at, int len) throws IOException {
      if (channel == null) {
        if (!Files.exists(file)) {
          return 0; // not written yet
        }
        channel = FileChannel.open(file, StandardOpenOption.READ);
      }
      if (map) {
        if (window == null || offset < windowStart || offset + len > windowStart + window.capacity()) {
          long size = channel.size();
          long length = Math.min(WINDOW, size - offset);
          if (length >= len || length >= 16 << 20) {
            window = channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
            windowStart = offset;
          } else {
            window = null; // the log's growing end: read it
          }
        }
        if (window != null) {
          int n = (int) Math.min(len, windowStart + window.capacity() - offset);
          window.get((int) (offset - windowStart), into, at, n);
          return n;
        }
      }
      ByteBuffer buffer = ByteBuffer.wrap(into, at, len);
      int total = 0;
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, offset + total);
        if (n <= 0) {
          break;
        }
        total += n;
      }
      return total;
    }

    @Override
    public void close() throws IOException {
      if (channel != null) {
        channel.close();
      }
    }
  }

  private static final class StreamReader implements Reader {
    private final LogStream stream;

    StreamReader(LogStream stream) {
      this.stream = stream;
    }

    @Override
    public int read(long offset, byte[] into, int at, int len) throws IOException {
      byte[] got = stream.read(offset, len);
      System.arraycopy(got, 0, into, at, got.length);
      return got.length;
    }

    @Override
    public void close() {}
  }
}
