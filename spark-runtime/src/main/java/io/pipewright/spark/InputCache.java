package io.pipewright.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The CSV inputs a warm driver keeps between steps, by file identity (path, size and time of its
 * data files): the schema inferred when it was first read, so a rerun reads it with that schema
 * instead of inferring it again (two jobs fewer), and its rows cached (memory, spilling to disk), so
 * a rerun's queries read them from memory. Spark's cache is shared by the sessions of one driver: a
 * step's own read of the same file with the same schema finds the cached rows. A file that changed is
 * read and inferred again, its old rows dropped; files over {@link #MAX_CACHED_BYTES} keep only
 * their schema. The rows and the schema are those a cold read gives, so outputs do not change.
 */
final class InputCache {

  /** The largest input whose rows are kept (its size on disk). */
  static final long MAX_CACHED_BYTES = 256L << 20;

  private record Entry(String identity, StructType schema, Dataset<Row> cached) {}

  private final Map<String, Entry> byPath = new HashMap<>();

  /**
   * The frame of the CSV file or directory {@code local} (read as {@code path}) in {@code spark}:
   * {@code inferred} (a read that infers the schema) the first time and after a change, else a read
   * with the schema known.
   */
  synchronized Dataset<Row> csv(SparkSession spark, String path, Path local, Supplier<Dataset<Row>> inferred) {
    DataFiles files = dataFiles(local);
    String identity = files.identity();
    Entry known = byPath.get(path);
    if (known != null && known.identity().equals(identity)) {
      return read(spark, path, known.schema());
    }
    if (known != null && known.cached() != null) {
      known.cached().unpersist(false);
    }
    StructType schema = inferred.get().schema();
    Dataset<Row> frame = read(spark, path, schema);
    boolean small = files.size() <= MAX_CACHED_BYTES;
    if (small) {
      frame.persist(StorageLevel.MEMORY_AND_DISK());
    }
    byPath.put(path, new Entry(identity, schema, small ? frame : null));
    return frame;
  }

  private static Dataset<Row> read(SparkSession spark, String path, StructType schema) {
    return spark.read().option("header", "true").schema(schema).csv(path);
  }

  /**
   * The data files' paths, sizes and times, in order (changes when any of them does), and their
   * total size.
   */
  private record DataFiles(String identity, long size) {}

  private static DataFiles dataFiles(Path local) {
    StringBuilder identity = new StringBuilder();
    long size = 0;
    try (Stream<Path> walk = Files.isDirectory(local) ? Files.walk(local) : Stream.of(local)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        long bytes = Files.size(file);
        identity.append(file).append(' ').append(bytes).append(' ')
            .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
        size += bytes;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DataFiles(identity.toString(), size);
  }
}
