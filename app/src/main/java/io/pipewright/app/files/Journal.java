package io.pipewright.app.files;

import io.pipewright.io.AtomicFiles;
import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The autosave journal of one designer session: the open document's latest unsaved state, written
 * every few seconds while it is dirty to {@code <home>/journal/<id>.pipeline.json}, with
 * {@code <id>.meta.properties} naming the document's own file, the time and the writing process, and
 * {@code <id>.files.properties} with the edited texts of its files (SQL scripts) by path, if any.
 * A clean exit or a save removes it; one that is still there at the next start means the designer
 * did not exit cleanly, and its content can be recovered.
 *
 * <p>All methods touch the disk: call them off the FX thread. They are synchronized, and writes
 * carry an epoch, so that a write that started before a save's removal cannot bring the journal back.
 */
public final class Journal {
  static final String PIPELINE_SUFFIX = ".pipeline.json";
  static final String META_SUFFIX = ".meta.properties";
  static final String FILES_SUFFIX = ".files.properties";

  private final Path dir;
  private String id;
  private long removedUpTo = -1;

  public Journal(Path dir, String id) {
    this.dir = dir;
    this.id = id;
  }

  /** A fresh journal of a new session in {@code <home>/journal}. */
  public static Journal newSession(Path home) {
    return new Journal(directoryOf(home), UUID.randomUUID().toString());
  }

  public static Path directoryOf(Path home) {
    return home.resolve("journal");
  }

  public synchronized String id() {
    return id;
  }

  /** Continues a journal left by an earlier session (after recovering it), so that its file is reused. */
  public synchronized void adopt(Entry entry) {
    this.id = entry.id();
  }

  public synchronized Path pipelineFile() {
    return dir.resolve(id + PIPELINE_SUFFIX);
  }

  public synchronized Path metaFile() {
    return dir.resolve(id + META_SUFFIX);
  }

  public synchronized Path filesFile() {
    return dir.resolve(id + FILES_SUFFIX);
  }

  /**
   * Writes {@code snapshot} (of the document tied to {@code original}, {@code null} when it was
   * never saved) and the edited texts of its files, unless a {@link #remove} with this or a later
   * epoch came first.
   *
   * @return whether it was written
   */
  public synchronized boolean write(long epoch, Pipeline snapshot, Path original, Map<Path, String> fileTexts)
      throws IOException {
    if (epoch <= removedUpTo) {
      return false;
    }
    PipelineFormat.save(snapshot, pipelineFile());
    if (fileTexts.isEmpty()) {
      Files.deleteIfExists(filesFile());
    } else {
      Properties texts = new Properties();
      fileTexts.forEach((path, text) -> texts.setProperty(path.toAbsolutePath().toString(), text));
      store(texts, filesFile(), "Pipewright autosave journal: edited files");
    }
    Properties meta = new Properties();
    meta.setProperty("original", original == null ? "" : original.toAbsolutePath().toString());
    meta.setProperty("savedAt", Instant.now().toString());
    meta.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
    store(meta, metaFile(), "Pipewright autosave journal");
    return true;
  }

  private void store(Properties properties, Path file, String comment) throws IOException {
    AtomicFiles.write(file, out -> properties.store(out, comment));
  }

  /** Removes the journal (after a save, a discard or a clean exit); writes of earlier epochs are dropped. */
  public synchronized void remove(long epoch) throws IOException {
    removedUpTo = Math.max(removedUpTo, epoch);
    Files.deleteIfExists(pipelineFile());
    Files.deleteIfExists(metaFile());
    Files.deleteIfExists(filesFile());
  }

  /**
   * The journals that earlier sessions left behind, newest first, without those of designer
   * processes still running (another window of the same workspace).
   */
  public static List<Entry> leftovers(Path home) throws IOException {
    Path dir = directoryOf(home);
    List<Entry> result = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return result;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + META_SUFFIX)) {
      for (Path metaFile : files) {
        String name = metaFile.getFileName().toString();
        String entryId = name.substring(0, name.length() - META_SUFFIX.length());
        Path pipelineFile = dir.resolve(entryId + PIPELINE_SUFFIX);
        if (!Files.isRegularFile(pipelineFile)) {
          continue;
        }
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(metaFile)) {
          meta.load(in);
        } catch (IOException | IllegalArgumentException e) {
          continue;
        }
        long pid = parseLong(meta.getProperty("pid"));
        if (pid != ProcessHandle.current().pid() && pid > 0
            && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
            && isJava(ProcessHandle.of(pid))) {
          continue;
        }
        String original = meta.getProperty("original", "");
        Instant savedAt;
        try {
          savedAt = Instant.parse(meta.getProperty("savedAt", ""));
        } catch (RuntimeException e) {
          savedAt = Files.getLastModifiedTime(pipelineFile).toInstant();
        }
        result.add(new Entry(dir, entryId, original.isBlank() ? null : Path.of(original), savedAt));
      }
    }
    result.sort(Comparator.comparing(Entry::savedAt).reversed());
    return result;
  }

  private static boolean isJava(Optional<ProcessHandle> process) {
    return process.flatMap(p -> p.info().command()).map(c -> c.contains("java")).orElse(true);
  }

  private static long parseLong(String s) {
    try {
      return s == null ? -1 : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A journal an earlier session left. */
  public record Entry(Path dir, String id, Path original, Instant savedAt) {
    public Path pipelineFile() {
      return dir.resolve(id + PIPELINE_SUFFIX);
    }

    public Optional<Path> originalFile() {
      return Optional.ofNullable(original);
    }

    public LoadedPipeline read() throws IOException {
      return PipelineFormat.read(pipelineFile());
    }

    /** The edited texts of the document's files, by absolute path (none when it had none). */
    public Map<Path, String> fileTexts() throws IOException {
      Path file = dir.resolve(id + FILES_SUFFIX);
      Map<Path, String> result = new LinkedHashMap<>();
      if (Files.isRegularFile(file)) {
        Properties texts = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
          texts.load(in);
        }
        for (String path : new java.util.TreeSet<>(texts.stringPropertyNames())) {
          result.put(Path.of(path), texts.getProperty(path));
        }
      }
      return result;
    }

    /** Deletes it (the user chose Discard). */
    public void discard() throws IOException {
      Files.deleteIfExists(pipelineFile());
      Files.deleteIfExists(dir.resolve(id + META_SUFFIX));
      Files.deleteIfExists(dir.resolve(id + FILES_SUFFIX));
    }
  }
}
