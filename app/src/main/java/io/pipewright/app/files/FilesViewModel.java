package io.pipewright.app.files;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.DialogService.FileFilter;
import io.pipewright.app.fx.DialogService;
import io.pipewright.app.samples.Samples;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.model.Diagnostic;
import io.pipewright.model.Layout;
import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.model.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New, Open, Save, Save As, the recent files, the unsaved-changes prompt and the autosave journal.
 * Files are read and written through the task executor, never on the FX thread. Nothing the user
 * has is lost: a file that cannot be read leaves the open document as it is, a failed save leaves
 * both the file on disk and the open document, and unsaved changes are journalled every few seconds
 * and offered back after a crash.
 */
public final class FilesViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(FilesViewModel.class);
  /** Short enough that a crash loses at most 5 s of edits, with time left for the write itself. */
  public static final Duration AUTOSAVE_PERIOD = Duration.ofSeconds(3);
  static final List<FileFilter> FILTERS = List.of(FileFilter.PIPELINES, FileFilter.ALL);
  static final String EXTENSION = ".pipeline.json";
  private static final int MAX_PROBLEMS_SHOWN = 8;

  private final AppContext context;
  private final Path home;
  private final Journal journal;
  private final ObservableList<RecentFiles.Entry> recent = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper started = new ReadOnlyBooleanWrapper(this, "started");
  /** Orders journal writes and removals (FX thread only): see {@link Journal}. */
  private long epoch;
  /** What was last handed to the journal, so that an unchanged document is not written again; null: nothing. */
  private Journalled journaled;

  /** A document's state as journalled: its snapshot and the edited texts of its files. */
  private record Journalled(Pipeline snapshot, Map<Path, String> fileTexts) {}

  public FilesViewModel(AppContext context, Path home, Journal journal, List<Path> recentFiles) {
    this.context = context;
    this.home = home;
    this.journal = journal;
    for (Path p : recentFiles) {
      recent.add(new RecentFiles.Entry(p, true));
    }
  }

  /** Recent files, newest first; {@code exists} is as of the last {@link #refreshRecent()}. */
  public ObservableList<RecentFiles.Entry> recent() {
    return recent;
  }

  public List<Path> recentPaths() {
    List<Path> paths = new ArrayList<>();
    for (RecentFiles.Entry e : recent) {
      paths.add(e.path());
    }
    return paths;
  }

  /** The file named on the command line that the start opens, or null (see {@link #startWith}). */
  private Path requested;

  /** True once the first document (recovered, last open or the sample) is shown. */
  public ReadOnlyBooleanProperty startedProperty() {
    return started.getReadOnlyProperty();
  }

  public Journal journal() {
    return journal;
  }

  // ------------------------------------------------------------------------------------ start

  /**
   * Opens the first document: the unsaved changes of a session that did not exit cleanly if the
   * user recovers them, else the file open at the last exit, else the Titanic sample.
   */
  public void start(Optional<Path> lastFile) {
    start(lastFile, null);
  }

  /**
   * As {@link #start(Optional)}, with what a reading begun before the window existed found
   * ({@code found}, null when none was begun): when it is done, and offers no recovery (a dialog
   * waits for the window), its document is shown at once, so that the window is built and styled
   * once, with it; else the start waits for it in the background as it waits for its own reading.
   */
  void start(Optional<Path> lastFile, java.util.concurrent.CompletableFuture<Start> found) {
    requested = null;
    begin(lastFile, found);
  }

  /**
   * Opens {@code file} as the first document (a file named on the command line): as {@link
   * #start(Optional)} with it as the last file, except that a file with problems is reported as
   * File ▸ Open reports it (where, and the line), over the sample that opens instead.
   */
  void startWith(Path file, java.util.concurrent.CompletableFuture<Start> found) {
    requested = file;
    begin(Optional.of(file), found);
  }

  private void begin(Optional<Path> lastFile, java.util.concurrent.CompletableFuture<Start> found) {
    context.statusProperty().set("Opening " + lastFile.map(FilesViewModel::nameOf).orElse("the sample") + "…");
    Start ready = found != null && found.isDone() && !found.isCompletedExceptionally() ? found.join() : null;
    if (ready != null && ready.leftover() == null) {
      started(ready);
    } else {
      java.util.concurrent.Callable<Start> work = found == null ? () -> Start.find(home, lastFile) : () -> {
        try {
          return found.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      };
      context.executor().submit(work, this::started, e -> {
        LOG.error("Cannot open a pipeline at start", e);
        context.statusProperty().set("Could not open a pipeline: " + e.getMessage());
        started.set(true);
      });
    }
    refreshRecent();
  }

  /** What the background part of the start found. */
  record Start(Journal.Entry leftover, LoadedPipeline journalled, Map<Path, String> journalledTexts,
      LoadedPipeline original, Path file, LoadedPipeline content, String notReopened) {

    static Start find(Path home, Optional<Path> lastFile) throws IOException {
      Journal.Entry leftover = null;
      LoadedPipeline journalled = null;
      Map<Path, String> journalledTexts = Map.of();
      LoadedPipeline original = null;
      for (Journal.Entry e : Journal.leftovers(home)) {
        LoadedPipeline read = e.read();
        if (!read.hasErrors()) {
          leftover = e;
          journalled = read;
          journalledTexts = e.fileTexts();
          Optional<Path> o = e.originalFile().filter(Files::isRegularFile);
          if (o.isPresent()) {
            LoadedPipeline originalRead = PipelineFormat.read(o.get());
            original = originalRead.hasErrors() ? null : originalRead;
          }
          break;
        }
        LOG.warn("Ignoring the unreadable autosave journal {}", e.pipelineFile());
      }
      String notReopened = null;
      if (lastFile.isPresent()) {
        Path last = lastFile.get();
        if (Files.isRegularFile(last)) {
          LoadedPipeline read = PipelineFormat.read(last);
          if (!read.hasErrors()) {
            return new Start(leftover, journalled, journalledTexts, original, last, read, null);
          }
          notReopened = nameOf(last) + " has problems (File ▸ Open shows where)";
        } else {
          notReopened = last + " no longer exists";
        }
      }
      Path sample = Samples.titanic(home);
      return new Start(leftover, journalled, journalledTexts, original, sample, PipelineFormat.read(sample),
          notReopened);
    }
  }

  private void started(Start s) {
    StartupReport.mark("document"); // before "files" when main's reading was done in time
    boolean recovered = false;
    try {
      recovered = s.leftover() != null && offerRecovery(s);
      if (!recovered) {
        if (s.content().pipeline() != null && !s.content().hasErrors()) {
          show(new PipelineDocument(s.content().pipeline(), s.file()));
        }
        context.statusProperty().set(s.notReopened() != null
            ? "Could not reopen the last file: " + s.notReopened() + "; opened " + nameOf(s.file())
            : "Opened " + nameOf(s.file()));
      }
    } finally {
      started.set(true);
    }
    // A file named on the command line that is not shown yet (it has problems, or recovered changes
    // were shown first) is opened as File ▸ Open opens it: the problems said where, the unsaved
    // changes offered to be saved first.
    if (requested != null && (recovered || !requested.equals(s.file()))) {
      open(requested);
    }
  }

  private boolean offerRecovery(Start s) {
    Journal.Entry entry = s.leftover();
    String name = entry.originalFile().map(FilesViewModel::nameOf).orElse("an unsaved pipeline");
    String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault())
        .format(entry.savedAt());
    boolean recover = context.dialogs().confirm("Recover unsaved changes?",
        "Pipewright did not close normally. It has unsaved changes to " + name + ", autosaved at " + when
            + ".\n\nRecover opens them as unsaved changes" + entry.originalFile().map(f -> " of " + f).orElse("")
            + "; Discard deletes them.", "Recover", "Discard");
    if (!recover) {
      context.executor().submit(() -> {
        entry.discard();
        return null;
      }, ok -> { }, e -> LOG.warn("Cannot delete the journal {}", entry.pipelineFile(), e));
      return false;
    }
    journal.adopt(entry);
    PipelineDocument doc = recovered(s.journalled().pipeline(), s.journalledTexts(), entry.original(),
        s.original() == null ? null : s.original().pipeline());
    context.documentProperty().set(doc);
    journaled = null;
    context.statusProperty().set("Recovered the unsaved changes to " + name);
    return true;
  }

  /**
   * A document showing {@code recovered} and the edited texts of its files, tied to {@code file}
   * and dirty: the recovery is one undoable edit on top of what {@code file} holds (or of an empty
   * pipeline), so Undo goes back to the saved files.
   */
  static PipelineDocument recovered(Pipeline recovered, Map<Path, String> texts, Path file, Pipeline saved) {
    PipelineDocument doc = new PipelineDocument(saved != null ? saved : PipelineDocument.empty().pipeline(), file);
    doc.recover("Recover unsaved changes", recovered, texts);
    for (GraphNode node : doc.graph().nodes()) {
      Layout.Position at = recovered.layout().nodes().get(node.id());
      if (at != null) {
        node.moveTo(at.x(), at.y());
      }
    }
    return doc;
  }

  // ------------------------------------------------------------------------------ new / open

  /** File ▸ New: an empty pipeline, after the unsaved-changes prompt. */
  public void newDocument() {
    settle(() -> {
      show(PipelineDocument.empty());
      context.statusProperty().set("New pipeline");
    });
  }

  /** File ▸ Open: choose a file, read it in the background, then replace the document. */
  public void open() {
    context.dialogs().chooseFileToOpen("Open pipeline", initialDirectory(), FILTERS).ifPresent(this::open);
  }

  /**
   * Reads {@code file} in the background. A file with problems is reported (where, and the line)
   * and the open document stays; a good one replaces it after the unsaved-changes prompt.
   */
  public void open(Path file) {
    context.statusProperty().set("Opening " + nameOf(file) + "…");
    context.executor().submit(() -> PipelineFormat.read(file), loaded -> opened(file, loaded), e -> {
      if (e instanceof NoSuchFileException) {
        removeRecent(file);
        context.dialogs().showError("Cannot open " + nameOf(file),
            file + " no longer exists. It was removed from the recent files.");
      } else {
        LOG.warn("Cannot read {}", file, e);
        context.dialogs().showError("Cannot open " + nameOf(file),
            "Pipewright could not read " + file + ": " + e.getMessage());
      }
      context.statusProperty().set("Could not open " + nameOf(file));
    });
  }

  private void opened(Path file, LoadedPipeline loaded) {
    if (loaded.hasErrors()) {
      context.dialogs().showError("Cannot open " + nameOf(file), problemReport(file, loaded));
      context.statusProperty().set(nameOf(file) + " was not opened: it has problems");
      return;
    }
    settle(() -> {
      show(new PipelineDocument(loaded.pipeline(), file));
      context.statusProperty().set("Opened " + nameOf(file));
    });
  }

  /**
   * Shows a pipeline read from another format (Azure ML YAML) as a new document with no file, after
   * the unsaved-changes prompt. The document is dirty: the import is one undoable edit on an empty
   * pipeline, so that closing asks to save it.
   */
  public void openImported(Pipeline imported, String description, String status) {
    settle(() -> {
      PipelineDocument doc = new PipelineDocument(PipelineDocument.empty().pipeline(), null);
      doc.recover(description, imported, Map.of());
      for (GraphNode node : doc.graph().nodes()) {
        Layout.Position at = imported.layout().nodes().get(node.id());
        if (at != null) {
          node.moveTo(at.x(), at.y());
        }
      }
      show(doc);
      context.statusProperty().set(status);
    });
  }

  /** Where File ▸ Open and the other choosers start: the document's folder, else the last file's. */
  public Path startDirectory() {
    return initialDirectory();
  }

  /**
   * Where a file is broken: {@code FILE:LINE:COL: message} per problem, each with the offending
   * line, then what happened to the open document.
   */
  static String problemReport(Path file, LoadedPipeline loaded) {
    StringBuilder s = new StringBuilder();
    String[] lines = loaded.text().split("\r?\n", -1);
    int shown = 0;
    List<Diagnostic> problems = loaded.problems();
    for (Diagnostic d : problems) {
      if (!d.isError()) {
        continue;
      }
      if (shown == MAX_PROBLEMS_SHOWN) {
        s.append("… and ").append(problems.size() - shown).append(" more (pipewright validate ")
            .append(file).append(" lists them all)\n\n");
        break;
      }
      SourceLocation at = loaded.location(d);
      s.append(file).append(':').append(at.line()).append(':').append(at.column()).append(": ")
          .append(d.message()).append('\n');
      if (at.line() >= 1 && at.line() <= lines.length) {
        String line = lines[at.line() - 1].stripTrailing();
        if (line.length() > 120) {
          int from = Math.max(0, Math.min(at.column() - 60, line.length() - 120));
          line = (from > 0 ? "…" : "") + line.substring(from, from + 120) + (from + 120 < line.length() ? "…" : "");
        }
        s.append("    ").append(at.line()).append(" | ").append(line.strip()).append('\n');
      }
      s.append('\n');
      shown++;
    }
    if (loaded.pipeline() == null && shown == 0) {
      s.append(file).append(": not a pipeline file\n\n");
    }
    s.append("The file was not changed, and the open pipeline stays as it was.");
    return s.toString();
  }

  // ------------------------------------------------------------------------------------- save

  /** File ▸ Save: to the document's file, or Save As when it has none. */
  public void save() {
    save(() -> { });
  }

  /** File ▸ Save As: choose a file, then save there. */
  public void saveAs() {
    saveAs(context.document(), () -> { });
  }

  private void save(Runnable then) {
    PipelineDocument doc = context.document();
    Optional<Path> file = doc.file();
    if (file.isPresent()) {
      saveTo(doc, file.get(), then);
    } else {
      saveAs(doc, then);
    }
  }

  private void saveAs(PipelineDocument doc, Runnable then) {
    String suggested = doc.file().map(f -> f.getFileName().toString()).orElse(slug(doc.pipeline().id()) + EXTENSION);
    context.dialogs().chooseFileToSave("Save pipeline as", initialDirectory(), suggested, FILTERS)
        .map(FilesViewModel::withExtension)
        .ifPresent(target -> saveTo(doc, target, then));
  }

  private void saveTo(PipelineDocument doc, Path target, Runnable then) {
    Pipeline snapshot = doc.snapshot();
    Map<Path, String> texts = doc.fileTextsProperty().get();
    // Save As into another folder takes the SQL scripts along (they are part of the document).
    Path to = target.toAbsolutePath().getParent();
    Optional<Path> from = doc.file().map(f -> f.toAbsolutePath().getParent()).filter(f -> !f.equals(to));
    long e = ++epoch;
    context.statusProperty().set("Saving " + nameOf(target) + "…");
    context.executor().submit(() -> {
      Map<Path, String> scripts = from.isPresent() ? SqlScripts.movedTo(snapshot, texts, from.get(), to) : texts;
      PipelineDocument.writeFileTexts(scripts); // SQL scripts edited in the property panel
      PipelineFormat.save(snapshot, target);
      try {
        journal.remove(e);
      } catch (IOException removal) {
        LOG.warn("Saved {}, but cannot remove the autosave journal", target, removal);
      }
      return target;
    }, saved -> {
      if (doc.snapshot().equals(snapshot) && doc.fileTextsProperty().get().equals(texts)) {
        doc.markSaved(saved);
      } else {
        doc.fileProperty().set(saved); // edited while saving: still dirty
      }
      from.ifPresent(f -> doc.moveFileTexts(f, to)); // after the file: the SQL editor reads the new place
      journaled = null;
      addRecent(saved);
      context.statusProperty().set("Saved " + saved);
      then.run();
    }, failure -> {
      LOG.warn("Cannot save {}", target, failure);
      context.dialogs().showError("Cannot save " + nameOf(target),
          "Pipewright could not write " + target + ": " + messageOf(failure)
              + "\n\nThe file on disk is as it was, and your changes are still open: "
              + "use File ▸ Save As to save them elsewhere.");
      context.statusProperty().set("Not saved: " + messageOf(failure));
    });
  }

  static Path withExtension(Path chosen) {
    String name = chosen.getFileName().toString();
    return name.endsWith(".json") ? chosen : chosen.resolveSibling(name + EXTENSION);
  }

  private static String slug(String id) {
    String s = id == null ? "" : id.replaceAll("[^A-Za-z0-9._-]+", "-");
    return s.isBlank() ? "pipeline" : s;
  }

  // ------------------------------------------------------------------------------ prompt, close

  /**
   * Runs {@code next} once the open document's changes are settled: at once when there are none;
   * after saving when the user chooses Save (not at all when that save fails or is cancelled);
   * at once on Don't save; never on Cancel.
   */
  public void settle(Runnable next) {
    PipelineDocument doc = context.document();
    if (!doc.isDirty()) {
      next.run();
      return;
    }
    DialogService.SaveChoice choice = context.dialogs().askToSave(doc.displayNameBinding().get());
    switch (choice) {
      case SAVE:
        save(next);
        break;
      case DISCARD:
        next.run();
        break;
      default:
        context.statusProperty().set("Cancelled");
    }
  }

  /**
   * Closing the window: the unsaved-changes prompt, then the journal is removed (a clean exit)
   * and {@code exit} runs.
   */
  public void close(Runnable exit) {
    settle(() -> {
      long e = ++epoch;
      context.executor().submit(() -> {
        journal.remove(e);
        return null;
      }, ok -> exit.run(), failure -> {
        LOG.warn("Cannot remove the autosave journal", failure);
        exit.run();
      });
    });
  }

  private void show(PipelineDocument doc) {
    long e = ++epoch;
    journaled = null;
    context.executor().submit(() -> {
      journal.remove(e);
      return null;
    }, ok -> { }, failure -> LOG.warn("Cannot remove the autosave journal", failure));
    context.documentProperty().set(doc);
    doc.file().filter(f -> !f.startsWith(home.resolve("samples"))).ifPresent(this::addRecent);
  }

  // ---------------------------------------------------------------------------------- autosave

  /**
   * Called every {@link #AUTOSAVE_PERIOD}: writes the document's snapshot to the journal (in the
   * background) when it has unsaved changes not yet journalled; removes the journal when the
   * changes were undone back to the saved state.
   */
  public void autosave() {
    PipelineDocument doc = context.document();
    if (!doc.isDirty()) {
      if (journaled != null) {
        journaled = null;
        long e = ++epoch;
        context.executor().submit(() -> {
          journal.remove(e);
          return null;
        }, ok -> { }, failure -> LOG.warn("Cannot remove the autosave journal", failure));
      }
      return;
    }
    Pipeline snapshot = doc.snapshot();
    Map<Path, String> texts = doc.fileTextsProperty().get();
    Journalled now = new Journalled(snapshot, texts);
    if (now.equals(journaled)) {
      return;
    }
    journaled = now;
    long e = ++epoch;
    Path original = doc.file().orElse(null);
    context.executor().submit(() -> journal.write(e, snapshot, original, texts), written -> { }, failure -> {
      LOG.warn("Cannot write the autosave journal {}", journal.pipelineFile(), failure);
      context.statusProperty().set("Autosave failed: " + messageOf(failure));
      journaled = null;
    });
  }

  // ------------------------------------------------------------------------------ recent files

  /** Looks (in the background) which recent files still exist; missing ones show greyed. */
  public void refreshRecent() {
    List<Path> paths = recentPaths();
    context.executor().submit(() -> {
      List<RecentFiles.Entry> checked = new ArrayList<>();
      for (Path p : paths) {
        checked.add(new RecentFiles.Entry(p, Files.isRegularFile(p)));
      }
      return checked;
    }, checked -> {
      if (recentPaths().equals(paths)) {
        recent.setAll(checked);
      }
    }, e -> LOG.warn("Cannot check the recent files", e));
  }

  public void openRecent(RecentFiles.Entry entry) {
    open(entry.path());
  }

  public void clearRecent() {
    recent.clear();
  }

  void addRecent(Path file) {
    List<Path> paths = RecentFiles.add(recentPaths(), file);
    List<RecentFiles.Entry> entries = new ArrayList<>();
    for (Path p : paths) {
      boolean exists = recent.stream().filter(r -> r.path().equals(p)).findFirst()
          .map(RecentFiles.Entry::exists).orElse(true);
      entries.add(new RecentFiles.Entry(p, p.equals(paths.get(0)) || exists));
    }
    recent.setAll(entries);
  }

  void removeRecent(Path file) {
    List<Path> paths = RecentFiles.remove(recentPaths(), file);
    recent.removeIf(e -> !paths.contains(e.path()));
  }

  private Path initialDirectory() {
    Optional<Path> own = context.document().file().map(Path::getParent);
    if (own.isPresent()) {
      return own.get();
    }
    return recent.isEmpty() ? null : recent.get(0).path().getParent();
  }

  static String nameOf(Path file) {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  private static String messageOf(Throwable e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied (" + e.getMessage() + ")";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory (" + e.getMessage() + ")";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
