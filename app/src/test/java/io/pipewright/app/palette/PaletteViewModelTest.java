package io.pipewright.app.palette;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.samples.SampleData;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetSource;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Point2D;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaletteViewModelTest {
  @TempDir
  Path home;
  private LocalWorkspace workspace;
  private final AppContext context = new AppContext(new CurrentThreadTaskExecutor(), null, PipelineDocument.empty());

  private PaletteViewModel openPalette() throws Exception {
    workspace = LocalWorkspace.open(home);
    SampleData.seed(workspace);
    PaletteViewModel palette = new PaletteViewModel(context);
    context.workspaceProperty().set(workspace);
    return palette;
  }

  @AfterEach
  void close() {
    if (workspace != null) {
      workspace.close();
    }
  }

  @Test
  void listsTheStepKindsAndTheFilesOfTheDatastores() throws Exception {
    PaletteViewModel palette = openPalette();

    assertThat(palette.shownItems()).extracting(PaletteItem::title)
        .contains("Spark · SQL", "Spark · Python", "Spark · JAR", "Script", "Titanic.csv");
  }

  @Test
  void placingADatastoreFileAddsATabularDatasetReadFromThatPath() throws Exception {
    PaletteViewModel palette = openPalette();
    PaletteItem titanic = palette.shownItems().stream()
        .filter(i -> i.title().equals("Titanic.csv")).findFirst().orElseThrow();

    String id = palette.place(titanic, new Point2D(50, 60)).orElseThrow();

    var dataset = context.document().pipeline().dataset(id).orElseThrow();
    assertThat(dataset.kind()).isEqualTo(DatasetKind.TABULAR);
    assertThat(dataset.source()).isEqualTo(new DatasetSource.DatastorePath("default", "titanic/Titanic.csv"));
    assertThat(context.document().graph().node(id).getX()).isEqualTo(50);
  }

  @Test
  void searchMatchesTitleDetailAndGroupIgnoringCase() throws Exception {
    PaletteViewModel palette = openPalette();

    palette.searchProperty().set("TITANIC");

    assertThat(palette.shownItems()).extracting(PaletteItem::title).containsExactly("Titanic.csv");
  }

  @Test
  void aFilePickedInsideADatastoreBecomesItsDatastorePathAndOneOutsideDoesNot() throws Exception {
    PaletteViewModel palette = openPalette();
    Path inside = workspace.datastoreRoot("default").resolve("titanic/Titanic.csv");
    Path outside = Files.writeString(home.resolve("elsewhere.csv"), "a,b\n");

    assertThat(palette.itemForPickedFile(inside)).map(PaletteItem::key)
        .contains("datastore:default:titanic/Titanic.csv");
    assertThat(palette.itemForPickedFile(outside)).isEmpty();
  }
  @Test
  void aPipeSeparatedFileInADatastoreIsPlacedAsATabularDatasetAsTheRegisterDialogReadsIt() throws Exception {
    PaletteViewModel palette = openPalette();
    Files.writeString(workspace.datastoreRoot("default").resolve("people.psv"), "name|age\nAda|36\n");
    Files.writeString(workspace.datastoreRoot("default").resolve("model.pkl"), "x");
    palette.refreshDatasets();

    PaletteItem people = palette.shownItems().stream().filter(i -> i.title().equals("people.psv")).findFirst()
        .orElseThrow();
    PaletteItem model = palette.shownItems().stream().filter(i -> i.title().equals("model.pkl")).findFirst()
        .orElseThrow();

    assertThat(people.detail()).isEqualTo("default: people.psv · tabular");
    assertThat(model.detail()).isEqualTo("default: model.pkl · file");
    String id = palette.place(people, new Point2D(0, 0)).orElseThrow();
    assertThat(context.document().pipeline().dataset(id).orElseThrow().kind()).isEqualTo(DatasetKind.TABULAR);
  }

  @Test
  void aRegisteredDatasetIsPlacedWithItsNameVersionAndKindAsTheItemHoldsThem() throws Exception {
    PaletteViewModel palette = openPalette();
    PaletteItem registered = new PaletteItem.RegisteredDataset("titanic-files", 3, DatasetKind.FILE);

    assertThat(registered.detail()).isEqualTo("version 3 · file");
    String id = palette.place(registered, new Point2D(10, 20)).orElseThrow();

    var dataset = context.document().pipeline().dataset(id).orElseThrow();
    assertThat(dataset.kind()).isEqualTo(DatasetKind.FILE);
    assertThat(dataset.source()).isEqualTo(new DatasetSource.Registered("titanic-files", 3));
    assertThat(palette.item(registered.key())).isEmpty();
  }

  @Test
  void aDraggedKeyFindsTheItemItCameFrom() throws Exception {
    PaletteViewModel palette = openPalette();

    for (PaletteItem item : palette.shownItems()) {
      assertThat(palette.item(item.key())).contains(item);
    }
    assertThat(palette.item("step:spark-sql")).isNotEmpty();
  }
}
