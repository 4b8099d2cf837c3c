package io.pipewright.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content hashes of files, remembered by path, size and modification time (in memory and in the
 * history), so that a step's fingerprint reads a large input or source tree once, not on every
 * run. A file whose size or time changed is read again.
 */
final class FileHashes {

  private static final Logger LOG = LoggerFactory.getLogger(FileHashes.class);

  private final HistoryStore store;
  private final Map<String, HistoryStore.FileHash> known = new ConcurrentHashMap<>();
  private final List<HistoryStore.FileHash> unsaved = new ArrayList<>();

  FileHashes(HistoryStore store) {
    this.store = store;
  }

  /** The SHA-256 of a regular file's content, hex. */
  String of(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      String path = file.toAbsolutePath().normalize().toString();
      long size = attributes.size();
      long modified = attributes.lastModifiedTime().toMillis();
      HistoryStore.FileHash cached = known.get(path);
      if (cached == null) {
        cached = remembered(path).orElse(null);
      }
      if (cached != null && cached.size() == size && cached.modified() == modified) {
        known.put(path, cached);
        return cached.sha256();
      }
      HistoryStore.FileHash fresh = new HistoryStore.FileHash(path, size, modified, read(file));
      known.put(path, fresh);
      synchronized (unsaved) {
        unsaved.add(fresh);
      }
      return fresh.sha256();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<HistoryStore.FileHash> remembered(String path) {
    try {
      return store.fileHash(path);
    } catch (SQLException e) {
      LOG.warn("cannot read remembered file hashes: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** Writes the hashes computed since the last call to the history, in one transaction. */
  void save() {
    List<HistoryStore.FileHash> batch;
    synchronized (unsaved) {
      batch = List.copyOf(unsaved);
      unsaved.clear();
    }
    try {
      store.rememberFileHashes(batch);
    } catch (SQLException e) {
      LOG.warn("cannot remember file hashes: {}", e.getMessage());
    }
  }

  private static String read(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    byte[] buffer = new byte[256 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
