package io.pipewright.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.document.PipelineEdits;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.fx.DialogService.SaveChoice;
import io.pipewright.app.samples.Samples;
import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.model.PipelineFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NoUnexpectedErrors.class)
class FilesViewModelTest {
  @TempDir Path home;
  @TempDir Path work;

  private final ScriptedDialogs dialogs = new ScriptedDialogs();
  private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
  private AppContext context;
  private FilesViewModel files;
  private Path titanic;

  @BeforeEach
  void openTheTitanicSampleAsAFileOfTheUser() throws IOException {
    titanic = Files.copy(Samples.titanic(home), work.resolve("titanic.pipeline.json"));
    context = new AppContext(executor, dialogs, PipelineDocument.empty());
    files = new FilesViewModel(context, home, Journal.newSession(home), List.of());
    files.open(titanic);
  }

  private PipelineDocument document() {
    return context.document();
  }

  private void rename(String name) {
    document().edit("Rename", PipelineEdits.describe(name, "", null));
  }

  @Test
  void opensAFileAsACleanDocumentTiedToIt() {
    assertThat(document().file()).contains(titanic);
    assertThat(document().pipeline().steps()).hasSize(2);
    assertThat(document().isDirty()).isFalse();
  }

  @Test
  void saveWritesTheSnapshotToTheDocumentsFileAndClearsTheDirtyFlag() throws IOException {
    rename("Titanic, renamed");
    assertThat(document().isDirty()).isTrue();

    files.save();

    assertThat(document().isDirty()).isFalse();
    assertThat(PipelineFormat.read(titanic).pipeline().name()).isEqualTo("Titanic, renamed");
    assertThat(context.statusProperty().get()).startsWith("Saved ");
  }

  @Test
  void saveWritesTheSqlTextEditedInTheDesignerBesideThePipeline() throws IOException {
    Path sql = work.resolve("prep.sql");
    Files.writeString(sql, "SELECT 1;");
    document().editFile("Edit SQL of Prepare data", sql, "SELECT 1;", "SELECT 2;");

    files.save();

    assertThat(Files.readString(sql)).isEqualTo("SELECT 2;");
    assertThat(document().isDirty()).isFalse();
  }

  @Test
  void saveAsIntoAnotherFolderTakesTheSqlScriptsAlongEditedOrNot() throws IOException {
    Path sql = Files.writeString(work.resolve("prep.sql"), "SELECT 1;");
    document().editFile("Edit SQL of Prepare data", sql, "SELECT 1;", "SELECT 2;");
    Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
    dialogs.answer(elsewhere.resolve("copy.pipeline.json"));

    files.saveAs();

    assertThat(Files.readString(elsewhere.resolve("prep.sql"))).isEqualTo("SELECT 2;");
    assertThat(Files.readString(sql)).as("the old pipeline's script").isEqualTo("SELECT 1;");
    assertThat(document().fileText(elsewhere.resolve("prep.sql"))).contains("SELECT 2;");
    assertThat(document().fileText(sql)).isEmpty();
    assertThat(document().isDirty()).isFalse();

    Path third = Files.createDirectories(work.resolve("third"));
    dialogs.answer(third.resolve("again.pipeline.json"));
    files.saveAs();
    assertThat(Files.readString(third.resolve("prep.sql"))).as("unedited since the last save").isEqualTo("SELECT 2;");
  }

  @Test
  void saveAsNeverOverwritesAnotherScriptOfTheSameNameAndSaysSo() throws IOException {
    Files.writeString(work.resolve("prep.sql"), "SELECT 1;");
    Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("prep.sql"), "SELECT 'theirs';");
    dialogs.answer(elsewhere.resolve("copy.pipeline.json"));

    files.saveAs();

    assertThat(Files.readString(elsewhere.resolve("prep.sql"))).isEqualTo("SELECT 'theirs';");
    assertThat(elsewhere.resolve("copy.pipeline.json")).doesNotExist();
    assertThat(document().file()).contains(titanic);
    assertThat(dialogs.errors).singleElement().asString().contains("prep.sql already exists with other SQL");
  }

  @Test
  void saveOfAnUntitledPipelineAsksWhereAndAddsThePipelineExtension() throws IOException {
    context.documentProperty().set(PipelineDocument.empty());
    dialogs.answer(work.resolve("mine"));

    files.save();

    Path written = work.resolve("mine.pipeline.json");
    assertThat(dialogs.asked).containsExactly("save: Save pipeline as pipeline.pipeline.json");
    assertThat(document().file()).contains(written);
    assertThat(PipelineFormat.read(written).hasErrors()).isFalse();
  }

  @Test
  void saveAsWritesANewFileAndTiesTheDocumentToIt() throws IOException {
    rename("Copy");
    Path copy = work.resolve("copy.pipeline.json");
    dialogs.answer(copy);

    files.saveAs();

    assertThat(document().file()).contains(copy);
    assertThat(document().isDirty()).isFalse();
    assertThat(PipelineFormat.read(copy).pipeline().name()).isEqualTo("Copy");
    assertThat(PipelineFormat.read(titanic).pipeline().name()).isNotEqualTo("Copy");
  }

  @Test
  void aFailedSaveKeepsTheChangesOpenTheOldFileIntactAndSaysWhy() throws IOException {
    String before = Files.readString(titanic);
    rename("Not saved");
    Path blocked = work.resolve("blocked.pipeline.json");
    Files.createDirectories(blocked.resolve("in-the-way"));
    dialogs.answer(blocked);

    files.saveAs();

    assertThat(document().isDirty()).isTrue();
    assertThat(document().file()).contains(titanic);
    assertThat(document().pipeline().name()).isEqualTo("Not saved");
    assertThat(Files.readString(titanic)).isEqualTo(before);
    assertThat(blocked.resolve("in-the-way")).isDirectory();
    assertThat(dialogs.errors).singleElement().asString()
        .startsWith("Cannot save blocked.pipeline.json").contains("your changes are still open");
  }

  @Test
  void newWithoutUnsavedChangesAsksNothing() {
    files.newDocument();

    assertThat(dialogs.asked).isEmpty();
    assertThat(document().file()).isEmpty();
    assertThat(document().pipeline().steps()).isEmpty();
  }

  @Test
  void cancelOnTheUnsavedChangesPromptKeepsTheDocument() {
    rename("Mine");
    PipelineDocument mine = document();
    dialogs.answer(SaveChoice.CANCEL);

    files.newDocument();

    assertThat(dialogs.asked).containsExactly("askToSave: titanic.pipeline.json");
    assertThat(document()).isSameAs(mine);
    assertThat(document().isDirty()).isTrue();
  }

  @Test
  void dontSaveOnTheUnsavedChangesPromptDropsTheChanges() throws IOException {
    String before = Files.readString(titanic);
    rename("Dropped");
    dialogs.answer(SaveChoice.DISCARD);

    files.newDocument();

    assertThat(document().pipeline().steps()).isEmpty();
    assertThat(Files.readString(titanic)).isEqualTo(before);
  }

  @Test
  void saveOnTheUnsavedChangesPromptSavesBeforeGoingOn() throws IOException {
    rename("Kept");
    dialogs.answer(SaveChoice.SAVE);

    files.newDocument();

    assertThat(PipelineFormat.read(titanic).pipeline().name()).isEqualTo("Kept");
    assertThat(document().file()).isEmpty();
  }

  @Test
  void cancellingTheSaveAsOfThePromptDoesNotGoOn() {
    context.documentProperty().set(PipelineDocument.empty());
    rename("Untitled but mine");
    PipelineDocument mine = document();
    dialogs.answer(SaveChoice.SAVE).answer(Optional.empty());

    files.newDocument();

    assertThat(document()).isSameAs(mine);
  }

  @Test
  void openAsksToSaveOnlyAfterTheChosenFileWasRead() throws IOException {
    Path other = Files.copy(titanic, work.resolve("other.pipeline.json"));
    rename("Mine");
    dialogs.answer(other).answer(SaveChoice.DISCARD);

    files.open();

    assertThat(dialogs.asked).containsExactly("open: Open pipeline", "askToSave: titanic.pipeline.json");
    assertThat(document().file()).contains(other);
  }

  @Test
  void openingMalformedJsonShowsFileLineColumnAndTheLineAndKeepsTheCurrentDocument() throws IOException {
    rename("Mine");
    PipelineDocument mine = document();
    Path broken = work.resolve("broken.pipeline.json");
    String text = "{\n  \"schemaVersion\": 1,\n  \"id\": \"p\",\n  \"steps\": [ { \"id\": \"a\", } ]\n}\n";
    Files.writeString(broken, text);

    files.open(broken);

    assertThat(document()).isSameAs(mine);
    assertThat(document().pipeline().name()).isEqualTo("Mine");
    assertThat(Files.readString(broken)).isEqualTo(text);
    assertThat(dialogs.asked).isEmpty();
    assertThat(dialogs.errors).singleElement().asString()
        .startsWith("Cannot open broken.pipeline.json")
        .contains(broken + ":4:")
        .contains("not valid JSON")
        .contains("4 | \"steps\": [ { \"id\": \"a\", } ]")
        .contains("the open pipeline stays as it was");
  }

  @Test
  void openingAFileOfANewerPipewrightIsRefusedAtItsSchemaVersion() throws IOException {
    Path newer = work.resolve("newer.pipeline.json");
    Files.writeString(newer, Files.readString(titanic).replace("\"schemaVersion\": 1", "\"schemaVersion\": 7"));

    files.open(newer);

    assertThat(document().file()).contains(titanic);
    assertThat(dialogs.errors).singleElement().asString()
        .contains(newer + ":2:").contains("newer Pipewright (schemaVersion 7").contains("\"schemaVersion\": 7");
  }

  @Test
  void openingAFileWithAnUnknownFieldNamesTheField() throws IOException {
    Path unknown = work.resolve("unknown.pipeline.json");
    Files.writeString(unknown, Files.readString(titanic).replace("\"schemaVersion\": 1,", "\"schemaVersion\": 1,\n  \"colour\": \"red\","));

    files.open(unknown);

    assertThat(document().file()).contains(titanic);
    assertThat(dialogs.errors).singleElement().asString().contains(unknown + ":3:").contains("unknown field 'colour'");
  }

  @Test
  void recentFilesAreNewestFirstWithoutDuplicatesAndAtMostTen() throws IOException {
    for (int i = 0; i < 12; i++) {
      files.open(Files.copy(titanic, work.resolve("p" + i + ".pipeline.json")));
    }
    files.open(work.resolve("p5.pipeline.json"));

    assertThat(files.recentPaths()).hasSize(RecentFiles.MAX);
    assertThat(files.recentPaths().get(0)).isEqualTo(work.resolve("p5.pipeline.json"));
    assertThat(files.recentPaths().get(1)).isEqualTo(work.resolve("p11.pipeline.json"));
    assertThat(files.recentPaths()).doesNotHaveDuplicates().doesNotContain(work.resolve("p0.pipeline.json"));
  }

  @Test
  void aRecentFileThatWasDeletedIsMarkedMissingAndDroppedWhenOpened() throws IOException {
    Path gone = Files.copy(titanic, work.resolve("gone.pipeline.json"));
    files.open(gone);
    files.open(titanic);
    Files.delete(gone);

    files.refreshRecent();

    assertThat(files.recent()).containsExactly(new RecentFiles.Entry(titanic, true), new RecentFiles.Entry(gone, false));
    files.openRecent(files.recent().get(1));
    assertThat(files.recentPaths()).containsExactly(titanic);
    assertThat(dialogs.errors).singleElement().asString().contains("no longer exists");
    assertThat(document().file()).contains(titanic);
  }

  @Test
  void autosaveJournalsOnlyUnsavedChangesAndSaveRemovesTheJournal() throws IOException {
    Journal journal = files.journal();
    files.autosave();
    assertThat(journal.pipelineFile()).doesNotExist();

    rename("Journalled");
    files.autosave();
    assertThat(PipelineFormat.read(journal.pipelineFile()).pipeline().name()).isEqualTo("Journalled");
    assertThat(Files.readString(journal.metaFile())).contains("original=" + titanic.toString().replace(":", "\\:"));

    files.save();
    assertThat(journal.pipelineFile()).doesNotExist();
    assertThat(journal.metaFile()).doesNotExist();
  }

  @Test
  void aJournalWriteOlderThanARemovalIsDropped() throws IOException {
    Journal journal = files.journal();
    journal.remove(5);

    assertThat(journal.write(4, document().snapshot(), titanic, Map.of())).isFalse();
    assertThat(journal.pipelineFile()).doesNotExist();
    assertThat(journal.write(6, document().snapshot(), titanic, Map.of())).isTrue();
  }

  @Test
  void closingWithoutChangesRemovesTheJournalAndExits() throws IOException {
    rename("x");
    files.autosave();
    document().undoStack().undo();
    boolean[] exited = {false};

    files.close(() -> exited[0] = true);

    assertThat(exited[0]).isTrue();
    assertThat(files.journal().pipelineFile()).doesNotExist();
  }

  @Test
  void cancelOnCloseKeepsTheAppRunning() {
    rename("x");
    dialogs.answer(SaveChoice.CANCEL);
    boolean[] exited = {false};

    files.close(() -> exited[0] = true);

    assertThat(exited[0]).isFalse();
  }

  @Test
  void afterACrashTheNextStartRecoversTheJournalAsADirtyDocumentOfTheOriginalFile() throws IOException {
    rename("Unsaved work");
    document().graph().node("prep").moveTo(900, 500);
    files.autosave();
    // The app dies here: no save, no clean exit. A new app starts on the same workspace.
    AppContext next = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    FilesViewModel restarted = new FilesViewModel(next, home, Journal.newSession(home), List.of());
    dialogs.answer(true);

    restarted.start(Optional.of(titanic));

    assertThat(dialogs.asked).last().asString()
        .isEqualTo("confirm: Recover unsaved changes? [Recover/Discard]");
    PipelineDocument recovered = next.document();
    assertThat(recovered.file()).contains(titanic);
    assertThat(recovered.isDirty()).isTrue();
    assertThat(recovered.pipeline().name()).isEqualTo("Unsaved work");
    assertThat(recovered.snapshot().layout().nodes().get("prep").x()).isEqualTo(900);
    assertThat(PipelineFormat.read(titanic).pipeline().name()).isNotEqualTo("Unsaved work");

    recovered.undoStack().undo();
    assertThat(recovered.pipeline().name()).isEqualTo(PipelineFormat.read(titanic).pipeline().name());
    assertThat(recovered.isDirty()).isFalse();
  }

  @Test
  void sqlEditedInTheDesignerIsJournalledAndRecoveredWithThePipeline() throws IOException {
    Path sql = Files.writeString(work.resolve("prep.sql"), "SELECT 1;");
    document().editFile("Edit SQL of Prepare data", sql, "SELECT 1;", "SELECT 'unsaved';");
    files.autosave();
    AppContext next = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    FilesViewModel restarted = new FilesViewModel(next, home, Journal.newSession(home), List.of());
    dialogs.answer(true);

    restarted.start(Optional.of(titanic));

    PipelineDocument recovered = next.document();
    assertThat(recovered.fileText(sql)).contains("SELECT 'unsaved';");
    assertThat(recovered.isDirty()).isTrue();
    assertThat(Files.readString(sql)).isEqualTo("SELECT 1;");
    recovered.undoStack().undo();
    assertThat(recovered.fileText(sql)).as("undo goes back to the file on disk").isEmpty();
    recovered.undoStack().redo();
    restarted.save();
    assertThat(Files.readString(sql)).isEqualTo("SELECT 'unsaved';");
    assertThat(Journal.leftovers(home)).isEmpty();
  }

  @Test
  void discardingTheRecoveryDeletesTheJournalAndOpensTheLastFile() throws IOException {
    rename("Unwanted");
    files.autosave();
    AppContext next = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    FilesViewModel restarted = new FilesViewModel(next, home, Journal.newSession(home), List.of());
    dialogs.answer(false);

    restarted.start(Optional.of(titanic));

    assertThat(next.document().file()).contains(titanic);
    assertThat(next.document().isDirty()).isFalse();
    assertThat(Journal.leftovers(home)).isEmpty();
  }

  @Test
  void aRecoveredDocumentKeepsItsJournalUntilSaved() throws IOException {
    rename("Unsaved work");
    files.autosave();
    AppContext next = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    FilesViewModel restarted = new FilesViewModel(next, home, Journal.newSession(home), List.of());
    dialogs.answer(true);
    restarted.start(Optional.of(titanic));

    assertThat(Journal.leftovers(home)).hasSize(1);
    restarted.save();

    assertThat(Journal.leftovers(home)).isEmpty();
    assertThat(PipelineFormat.read(titanic).pipeline().name()).isEqualTo("Unsaved work");
  }

  @Test
  void startReopensTheLastFile() {
    AppContext next = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    FilesViewModel restarted = new FilesViewModel(next, home, Journal.newSession(home), List.of());

    restarted.start(Optional.of(titanic));

    assertThat(next.document().file()).contains(titanic);
    assertThat(restarted.startedProperty().get()).isTrue();
  }

  @Test
  void aFirstStartOpensTheSampleAndAMissingLastFileFallsBackToItWithAWord() {
    AppContext next = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    FilesViewModel restarted = new FilesViewModel(next, home, Journal.newSession(home), List.of());

    restarted.start(Optional.of(work.resolve("deleted.pipeline.json")));

    assertThat(next.document().file()).contains(home.resolve("samples/titanic/titanic.pipeline.json"));
    assertThat(next.statusProperty().get()).contains("deleted.pipeline.json no longer exists");
    assertThat(dialogs.asked).isEmpty();
  }

  @Test
  void aFileNamedOnTheCommandLineOpensInsteadOfTheLastFile() throws IOException {
    Path named = Files.copy(titanic, work.resolve("named.pipeline.json"));
    AppContext next = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    FilesViewModel restarted = new FilesViewModel(next, home, Journal.newSession(home), List.of());

    restarted.startWith(named, null);

    assertThat(next.document().file()).contains(named);
    assertThat(next.statusProperty().get()).isEqualTo("Opened named.pipeline.json");
    assertThat(dialogs.errors).isEmpty();
  }

  @Test
  void aFileWithProblemsNamedOnTheCommandLineIsReportedWhereAndTheSampleOpens() throws IOException {
    Path broken = work.resolve("broken.pipeline.json");
    String text = "{\n  \"schemaVersion\": 1,\n  \"id\": \"p\",\n  \"steps\": [ { \"id\": \"a\", } ]\n}\n";
    Files.writeString(broken, text);
    AppContext next = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    FilesViewModel restarted = new FilesViewModel(next, home, Journal.newSession(home), List.of());

    restarted.startWith(broken, null);

    assertThat(next.document().file()).contains(home.resolve("samples/titanic/titanic.pipeline.json"));
    assertThat(dialogs.errors).singleElement().asString()
        .startsWith("Cannot open broken.pipeline.json")
        .contains(broken + ":4:")
        .contains("not valid JSON");
    assertThat(Files.readString(broken)).isEqualTo(text);
    assertThat(next.statusProperty().get()).isEqualTo("broken.pipeline.json was not opened: it has problems");
  }

  @Test
  void aFileNamedOnTheCommandLineAfterACrashOpensOnceTheRecoveredChangesAreSavedOrLeft() throws IOException {
    rename("Unsaved work");
    files.autosave();
    Path named = Files.copy(Samples.titanic(home), work.resolve("named.pipeline.json"));
    AppContext next = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    FilesViewModel restarted = new FilesViewModel(next, home, Journal.newSession(home), List.of());
    dialogs.answer(true); // Recover
    dialogs.answer(SaveChoice.CANCEL); // the unsaved-changes prompt before the named file opens

    restarted.startWith(named, null);

    assertThat(dialogs.asked).containsExactly("confirm: Recover unsaved changes? [Recover/Discard]",
        "askToSave: titanic.pipeline.json");
    assertThat(next.document().pipeline().name()).as("Cancel keeps the recovered changes").isEqualTo("Unsaved work");
    assertThat(next.document().isDirty()).isTrue();
  }

  @Test
  void startShowsTheDocumentThatMainAlreadyReadInsteadOfReadingAgain() throws IOException {
    Path other = Files.copy(titanic, work.resolve("other.pipeline.json"));
    AppContext next = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    FilesViewModel restarted = new FilesViewModel(next, home, Journal.newSession(home), List.of());
    var read = java.util.concurrent.CompletableFuture.completedFuture(
        FilesViewModel.Start.find(home, Optional.of(other)));

    restarted.start(Optional.of(titanic), read);

    assertThat(next.document().file()).as("what main read, not the last file read again").contains(other);
    assertThat(restarted.startedProperty().get()).isTrue();
    assertThat(next.statusProperty().get()).isEqualTo("Opened other.pipeline.json");
  }

  @Test
  void unsavedChangesThatMainFoundAreStillOfferedForRecovery() throws IOException {
    rename("Unsaved work");
    files.autosave();
    AppContext next = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    FilesViewModel restarted = new FilesViewModel(next, home, Journal.newSession(home), List.of());
    var read = java.util.concurrent.CompletableFuture.completedFuture(
        FilesViewModel.Start.find(home, Optional.of(titanic)));
    dialogs.answer(true);

    restarted.start(Optional.of(titanic), read);

    assertThat(dialogs.asked).last().asString().isEqualTo("confirm: Recover unsaved changes? [Recover/Discard]");
    assertThat(next.document().pipeline().name()).isEqualTo("Unsaved work");
  }

  @Test
  void aReadingByMainThatFailedSaysWhyAndTheStartGoesOn() {
    AppContext next = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    FilesViewModel restarted = new FilesViewModel(next, home, Journal.newSession(home), List.of());
    var read = java.util.concurrent.CompletableFuture.<FilesViewModel.Start>failedFuture(
        new IOException("the disk is gone"));

    restarted.start(Optional.of(titanic), read);

    assertThat(next.statusProperty().get()).isEqualTo("Could not open a pipeline: the disk is gone");
    assertThat(restarted.startedProperty().get()).isTrue();
  }

  @Test
  void aSampleOpenedAtStartIsNotARecentFile() {
    AppContext next = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    FilesViewModel restarted = new FilesViewModel(next, home, Journal.newSession(home), List.of());

    restarted.start(Optional.empty());

    assertThat(restarted.recentPaths()).isEmpty();
  }

  @Test
  void theProblemReportShortensVeryLongLinesAroundTheColumn() {
    String longLine = "{\"schemaVersion\": 1, \"id\": \"p\", \"description\": \"" + "x".repeat(300) + "\", \"oops\": 1 }";
    var loaded = PipelineFormat.parse(longLine, "long.pipeline.json");

    String report = FilesViewModel.problemReport(Path.of("long.pipeline.json"), loaded);

    assertThat(report).contains("unknown field 'oops'").contains("\"oops\"");
    assertThat(report.lines().filter(l -> l.contains(" | ")).findFirst().orElseThrow()).hasSizeLessThan(140);
  }

}
