package io.pipewright.app.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.testing.NoUnexpectedErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The SQL editor: the file's text, edits held by the document (undoable) until Save writes them. */
@ExtendWith(NoUnexpectedErrors.class)
class SqlTextModelTest {
  @TempDir Path home;
  private Fixture f;
  private Path sqlFile;
  private String onDisk;

  @BeforeEach
  void open() throws Exception {
    f = new Fixture(home);
    sqlFile = f.file.getParent().resolve("prep.sql");
    onDisk = Files.readString(sqlFile);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void theEditorShowsTheSqlFileRead() {
    SqlTextModel sql = f.select("prep").sql;

    assertThat(sql.textProperty().get()).isEqualTo(onDisk);
    assertThat(sql.editableProperty().get()).isTrue();
    assertThat(sql.statusProperty().get()).startsWith("prep.sql");
  }

  @Test
  void anEditIsOneUndoableCommandAndTheFileIsUntouchedUntilSave() throws Exception {
    SqlTextModel sql = f.select("prep").sql;

    sql.textProperty().set(onDisk + "\nSELECT 1;\n");
    sql.commit();

    assertThat(f.document().fileText(sqlFile)).contains(onDisk + "\nSELECT 1;\n");
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Edit SQL of Prepare data");
    assertThat(f.document().isDirty()).isTrue();
    assertThat(Files.readString(sqlFile)).isEqualTo(onDisk);

    f.undo().undo();
    assertThat(sql.textProperty().get()).isEqualTo(onDisk);
    f.undo().redo();
    assertThat(sql.textProperty().get()).endsWith("SELECT 1;\n");

    PipelineDocument.writeFileTexts(f.document().fileTextsProperty().get());
    assertThat(Files.readString(sqlFile)).isEqualTo(onDisk + "\nSELECT 1;\n");
  }

  @Test
  void undoAfterSaveBringsBackTheOriginalTextForTheNextSave() throws Exception {
    SqlTextModel sql = f.select("prep").sql;
    sql.textProperty().set("SELECT 2;");
    sql.commit();
    PipelineDocument.writeFileTexts(f.document().fileTextsProperty().get());

    f.undo().undo();
    PipelineDocument.writeFileTexts(f.document().fileTextsProperty().get());

    assertThat(Files.readString(sqlFile)).isEqualTo(onDisk);
  }

  @Test
  void textTypedInAnotherStepsEditorIsKeptWhenTheStepIsShownAgain() {
    SqlTextModel sql = f.select("prep").sql;
    sql.textProperty().set("SELECT 3;");
    sql.commit();

    f.select("train");
    SqlTextModel again = f.select("prep").sql;

    assertThat(again.textProperty().get()).isEqualTo("SELECT 3;");
  }

  @Test
  void aSqlFileThatDoesNotExistYetIsEditableAndSaidToBeNew() {
    StepPanelModel prep = f.select("prep");
    Fixture.type(prep.entryFile, "new.sql");

    assertThat(prep.sql.textProperty().get()).isEmpty();
    assertThat(prep.sql.editableProperty().get()).isTrue();
    assertThat(prep.sql.statusProperty().get()).startsWith("new.sql (new file: Save creates it)");
  }

  @Test
  void anUnsavedPipelineHasNoSqlFileToEdit() throws Exception {
    io.pipewright.model.Pipeline p = f.pipeline();
    f.context.documentProperty().set(new PipelineDocument(p, null));

    SqlTextModel sql = f.select("prep").sql;

    assertThat(sql.editableProperty().get()).isFalse();
    assertThat(sql.statusProperty().get()).isEqualTo("Save the pipeline first: its SQL file is found beside it");
  }
}
