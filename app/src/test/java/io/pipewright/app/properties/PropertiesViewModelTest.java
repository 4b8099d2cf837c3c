package io.pipewright.app.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.document.PipelineEdits;
import io.pipewright.app.testing.NoUnexpectedErrors;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the panel shows as the selection, the document and the pipeline change. */
@ExtendWith(NoUnexpectedErrors.class)
class PropertiesViewModelTest {
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

  @Test
  void theSelectedStepIsShownAndTheComputeTargetsAreRead() {
    StepPanelModel prep = f.select("prep");

    assertThat(prep.stepId()).isEqualTo("prep");
    assertThat(f.viewModel.computes()).extracting(c -> c.name()).containsExactly("local-spark", "local-process");
  }

  @Test
  void whenTheShownStepIsDeletedThePanelShowsThePipeline() {
    f.select("prep");

    f.document().edit("Delete Prepare data", PipelineEdits.removeNodes(Set.of("prep")));

    assertThat(f.viewModel.panel()).isInstanceOf(PipelinePanelModel.class);
  }

  @Test
  void anotherDocumentIsShownWhenOneIsOpened() {
    f.select("prep");

    f.context.documentProperty().set(PipelineDocument.empty());

    assertThat(f.viewModel.panel()).isInstanceOf(PipelinePanelModel.class);
    assertThat(((PipelinePanelModel) f.viewModel.panel()).name.text()).isEqualTo("Untitled pipeline");
  }

  @Test
  void pointersOfProblemsLeadToTheNodeAndTheField() {
    var p = f.pipeline();

    assertThat(PropertiesViewModel.locate(p, "/steps/0/spark/executors"))
        .isEqualTo(new PropertiesViewModel.Location("prep", null, "/spark/executors"));
    assertThat(PropertiesViewModel.locate(p, "/steps/1/command"))
        .isEqualTo(new PropertiesViewModel.Location("train", null, "/command"));
    assertThat(PropertiesViewModel.locate(p, "/steps/1"))
        .isEqualTo(new PropertiesViewModel.Location("train", null, ""));
    assertThat(PropertiesViewModel.locate(p, "/datasets/1/path"))
        .isEqualTo(new PropertiesViewModel.Location("titanic_file", null, "/path"));
    assertThat(PropertiesViewModel.locate(p, "/edges/2/to"))
        .isEqualTo(new PropertiesViewModel.Location(null, "e3", "/to"));
    assertThat(PropertiesViewModel.locate(p, "/defaultCompute"))
        .isEqualTo(new PropertiesViewModel.Location(null, null, "/defaultCompute"));
    assertThat(PropertiesViewModel.locate(p, "/steps/9/name"))
        .isEqualTo(new PropertiesViewModel.Location(null, null, "/steps/9/name"));
  }
}
