package io.pipewright.app.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.compute.ScriptedDialogs;
import io.pipewright.app.compute.Workspaces;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.DatasetKind;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.DatastoreEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NoUnexpectedErrors.class)
class DatasetsViewModelTest {
  @TempDir Path home;
  private LocalWorkspace workspace;
  private AppContext context;
  private DatasetsViewModel vm;
  private int paletteRefreshes;

  @BeforeEach
  void open() throws Exception {
    workspace = Workspaces.seeded(home);
    context = Workspaces.context(new CurrentThreadTaskExecutor(), new ScriptedDialogs(), workspace);
    vm = new DatasetsViewModel(context, () -> paletteRefreshes++);
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  private DatastoreEntry titanicCsv() {
    List<DatastoreEntry> titanic = new ArrayList<>();
    vm.browse("default", "titanic", titanic::addAll);
    return titanic.stream().filter(e -> e.name().equals("Titanic.csv")).findFirst().orElseThrow();
  }

  @Test
  void browsingTheDefaultDatastoreFindsTheSeededTitanicFolder() {
    assertThat(vm.datastores()).extracting(d -> d.name()).containsExactly("default");
    List<DatastoreEntry> root = new ArrayList<>();
    vm.browse("default", "", root::addAll);
    assertThat(root).anySatisfy(e -> {
      assertThat(e.name()).isEqualTo("titanic");
      assertThat(e.folder()).isTrue();
    });
    assertThat(titanicCsv().path()).isEqualTo("titanic/Titanic.csv");
  }

  @Test
  void registeringTitanicAsTabularMakesVersionOneAndRefreshesThePalette() {
    RegisterDatasetViewModel form = vm.register("default", titanicCsv());
    assertThat(form.nameProperty().get()).isEqualTo("titanic");
    assertThat(form.kindProperty().get()).isEqualTo(DatasetKind.TABULAR);
    boolean[] done = {false};
    form.register(() -> done[0] = true);
    assertThat(done[0]).isTrue();
    assertThat(vm.datasets()).singleElement().satisfies(g -> {
      assertThat(g.name()).isEqualTo("titanic");
      assertThat(g.kind()).isEqualTo(DatasetKind.TABULAR);
      assertThat(g.versions()).extracting(DatasetVersion::version).containsExactly(1);
    });
    assertThat(paletteRefreshes).isEqualTo(1);
    assertThat(context.statusProperty().get()).isEqualTo("Registered titanic version 1");
  }

  @Test
  void registeringAgainUnderTheSameNameAddsTheNextVersionNewestFirst() {
    vm.register("default", titanicCsv()).register(() -> { });
    vm.register("default", titanicCsv()).register(() -> { });
    assertThat(vm.datasets()).singleElement().satisfies(g ->
        assertThat(g.versions()).extracting(DatasetVersion::version).containsExactly(2, 1));
  }

  @Test
  void aRegisteredTabularDatasetPreviewsItsFirstHundredRows() {
    vm.register("default", titanicCsv()).register(() -> { });
    PreviewViewModel preview = vm.previewModel();
    assertThat(preview.loadingProperty().get()).isFalse();
    assertThat(preview.header()).contains("PassengerId", "Survived", "Name");
    assertThat(preview.rows()).hasSize(100);
    assertThat(preview.rows().get(0)).hasSameSizeAs(preview.header());
    assertThat(preview.messageProperty().get()).startsWith("titanic version 1: first 100 rows, 12 columns");
  }

  @Test
  void aFileDatasetSaysItHasNoRowsInsteadOfPreviewing() {
    RegisterDatasetViewModel form = vm.register("default", titanicCsv());
    form.nameProperty().set("titanic-file");
    form.kindProperty().set(DatasetKind.FILE);
    form.register(() -> { });
    assertThat(vm.previewModel().rows()).isEmpty();
    assertThat(vm.previewModel().messageProperty().get()).contains("is a file dataset");
  }

  @Test
  void aDatasetNameWithSpacesIsRefusedAsTyped() {
    RegisterDatasetViewModel form = vm.register("default", titanicCsv());
    form.nameProperty().set("my titanic");
    assertThat(form.nameProblemProperty().get()).contains("is not allowed");
    assertThat(form.validBinding().get()).isFalse();
  }

  @Test
  void aFileThatIsNotDelimitedTextIsNotRegisteredAsTabularAndTheFormSaysWhy() throws Exception {
    Path root = workspace.datastoreRoot("default");
    Files.write(root.resolve("empty.csv"), new byte[0]);
    List<DatastoreEntry> entries = new ArrayList<>();
    vm.browse("default", "", entries::addAll);
    DatastoreEntry empty = entries.stream().filter(e -> e.name().equals("empty.csv")).findFirst().orElseThrow();
    RegisterDatasetViewModel form = vm.register("default", empty);
    form.register(() -> { throw new AssertionError("registered an empty file"); });
    assertThat(form.errorProperty().get()).startsWith("Cannot register empty.csv as tabular");
    assertThat(vm.datasets()).isEmpty();
  }

  @Test
  void aPreviewOfADatastoreCsvShowsItsRowsBeforeItIsRegistered() {
    vm.preview("default", titanicCsv());
    assertThat(vm.previewModel().rows()).hasSize(100);
    assertThat(vm.previewModel().messageProperty().get()).startsWith("titanic/Titanic.csv: first 100 rows");
  }
  private DatastoreEntry rootEntry(String name) {
    List<DatastoreEntry> entries = new ArrayList<>();
    vm.browse("default", "", entries::addAll);
    return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void selectingAPipeSeparatedFilePreviewsItsColumnsAndRegistersItAsTabularWithThePipe() throws Exception {
    Files.writeString(workspace.datastoreRoot("default").resolve("people.psv"), "name|age\nAda|36\nAlan|41\n");
    DatastoreEntry people = rootEntry("people.psv");

    vm.select(BrowseItem.entry("default", people));

    assertThat(vm.previewModel().header()).containsExactly("name", "age");
    assertThat(vm.previewModel().rows()).containsExactly(List.of("Ada", "36"), List.of("Alan", "41"));
    RegisterDatasetViewModel form = vm.register("default", people);
    assertThat(form.kindProperty().get()).isEqualTo(DatasetKind.TABULAR);
    assertThat(form.delimiterProperty().get().value()).isEqualTo('|');
  }

  @Test
  void selectingAFileThatIsNotDelimitedTextSaysSoInsteadOfPreviewing() throws Exception {
    Files.writeString(workspace.datastoreRoot("default").resolve("model.pkl"), "not text");

    vm.select(BrowseItem.entry("default", rootEntry("model.pkl")));

    assertThat(vm.previewModel().rows()).isEmpty();
    assertThat(vm.previewModel().messageProperty().get())
        .isEqualTo("model.pkl is not delimited text (.csv, .tsv, .psv, .txt): it can be registered as a file dataset.");
    assertThat(vm.register("default", rootEntry("model.pkl")).kindProperty().get()).isEqualTo(DatasetKind.FILE);
  }

  @Test
  void selectingAFolderSaysItCanBeRegisteredOrOpened() {
    vm.select(BrowseItem.entry("default", rootEntry("titanic")));

    assertThat(vm.previewModel().rows()).isEmpty();
    assertThat(vm.previewModel().messageProperty().get())
        .isEqualTo("Folder titanic: register it as a dataset of its files, or open it.");
  }

  @Test
  void selectingARegisteredVersionPreviewsItsRows() {
    vm.register("default", titanicCsv()).register(() -> { });
    vm.previewModel().clear("nothing selected");

    vm.select(BrowseItem.version(vm.datasets().get(0).versions().get(0)));

    assertThat(vm.previewModel().rows()).hasSize(100);
  }
}
