package io.pipewright.app.properties;

import static io.pipewright.app.properties.Fixture.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.Edge;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Datasets, edges and the pipeline itself. */
@ExtendWith(NoUnexpectedErrors.class)
class OtherPanelsTest {
  @TempDir Path home;
  private Fixture f;

  @BeforeEach
  void open() throws Exception {
    f = new Fixture(home);
  }

  @AfterEach
  void close() {
    f.close();
  }

  private DatasetPanelModel dataset(String id) {
    f.context.selectedNodeIdProperty().set(id);
    return (DatasetPanelModel) f.viewModel.panel();
  }

  @Test
  void aDatasetsNameKindAndPathAreSingleEditsAndCheckedFirst() {
    DatasetPanelModel d = dataset("titanic");

    assertThat(type(d.name, "Titanic.csv as a file")).isFalse();
    assertThat(d.name.error()).isEqualTo("another dataset is already named 'Titanic.csv as a file'");
    assertThat(type(d.path, "/etc/passwd")).isFalse();
    assertThat(d.path.error()).contains("relative to the datastore's root");
    assertThat(type(d.path, "titanic/other.csv")).isTrue();
    d.kind.choose(DatasetKind.FILE);

    assertThat(f.pipeline().dataset("titanic").orElseThrow().source())
        .isEqualTo(new DatasetSource.DatastorePath("default", "titanic/other.csv"));
    assertThat(f.pipeline().dataset("titanic").orElseThrow().kind()).isEqualTo(DatasetKind.FILE);
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Make dataset Titanic.csv file");
  }

  @Test
  void aRegisteredDatasetTakesALatestOrWholeVersion() {
    DatasetPanelModel d = dataset("titanic");

    d.source.choose(DatasetPanelModel.SourceKind.REGISTERED);
    assertThat(type(d.registeredName, "titanic_prepared")).isTrue();
    assertThat(type(d.version, "0")).isFalse();
    assertThat(d.version.error()).isEqualTo("version must be 1 or more, not 0");
    assertThat(type(d.version, "2")).isTrue();

    assertThat(f.pipeline().dataset("titanic").orElseThrow().source())
        .isEqualTo(new DatasetSource.Registered("titanic_prepared", 2));
    assertThat(type(d.version, "")).isTrue();
    assertThat(f.pipeline().dataset("titanic").orElseThrow().source())
        .isEqualTo(new DatasetSource.Registered("titanic_prepared", null));
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Read the latest version of Titanic.csv");
  }

  @Test
  void anEdgeShowsItsEndsAndDeleteIsOneUndoableEdit() {
    f.viewModel.selectedEdgeIdProperty().set("e3");
    EdgePanelModel edge = (EdgePanelModel) f.viewModel.panel();

    assertThat(edge.fromProperty().get()).isEqualTo("Prepare data · prepared");
    assertThat(edge.toProperty().get()).isEqualTo("Train model · prepared");
    edge.delete();

    assertThat(f.pipeline().edges()).extracting(Edge::id).containsExactly("e1", "e2");
    assertThat(f.viewModel.panel()).isInstanceOf(PipelinePanelModel.class);
    f.undo().undo();
    assertThat(f.pipeline().edges()).extracting(Edge::id).containsExactly("e1", "e2", "e3");
  }

  @Test
  void withNothingSelectedThePanelShowsThePipeline() {
    PipelinePanelModel p = (PipelinePanelModel) f.viewModel.panel();

    assertThat(p.name.text()).isEqualTo("Titanic: prepare on Spark, train a model");
    assertThat(p.defaultCompute.value()).isEqualTo("local-spark");
    assertThat(p.parameters).hasSize(1);
    assertThat(type(p.name, "")).isFalse();
    p.defaultCompute.choose(PipelinePanelModel.NONE);
    assertThat(f.pipeline().defaultCompute()).isNull();
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Remove the pipeline's default compute");
  }

  @Test
  void renamingAParameterRenamesTheArgumentsThatNameIt() {
    PipelinePanelModel p = (PipelinePanelModel) f.viewModel.panel();

    assertThat(type(p.parameters.get(0).name, "rounds")).isTrue();

    assertThat(f.pipeline().parameters().get(0).name()).isEqualTo("rounds");
    assertThat(f.pipeline().step("train").orElseThrow().arguments()).contains("{parameters.rounds}");
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Rename parameter epochs to rounds");
  }

  @Test
  void parametersAreAddedWithAFreshNameAndTheirNamesMustBeUnique() {
    PipelinePanelModel p = (PipelinePanelModel) f.viewModel.panel();

    int i = p.addParameter();
    assertThat(f.pipeline().parameters().get(i).name()).isEqualTo("param");
    assertThat(type(p.parameters.get(i).name, "epochs")).isFalse();
    assertThat(p.parameters.get(i).name.error()).isEqualTo("another parameter is already named 'epochs'");
    p.parameters.get(i).remove();
    assertThat(f.pipeline().parameters()).hasSize(1);
  }
}
