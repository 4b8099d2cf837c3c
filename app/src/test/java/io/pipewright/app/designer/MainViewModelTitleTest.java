package io.pipewright.app.designer;

import io.pipewright.app.context.AppContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.document.PipelineEdits;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import javafx.beans.binding.StringBinding;
import org.junit.jupiter.api.Test;

class MainViewModelTitleTest {

  @Test
  void theTitleFollowsEveryChangeOfTheDirtyFlagAcrossDocuments() {
    AppContext context = new AppContext(new CurrentThreadTaskExecutor(), null, PipelineDocument.empty());
    StringBinding title = new MainViewModel(context).titleBinding();
    String[] seen = new String[1];
    title.addListener((o, a, b) -> seen[0] = b);
    PipelineDocument doc = PipelineDocument.empty();
    context.documentProperty().set(doc);

    doc.edit("Rename", PipelineEdits.describe("First", "", null));
    assertThat(seen[0]).isEqualTo("• First — Pipewright");
    doc.markSaved(Path.of("/tmp/first.pipeline.json"));
    assertThat(seen[0]).isEqualTo("first.pipeline.json — Pipewright");
    doc.edit("Rename", PipelineEdits.describe("Second", "", null));
    assertThat(seen[0]).isEqualTo("• first.pipeline.json — Pipewright");
    doc.undoStack().undo();
    assertThat(seen[0]).isEqualTo("first.pipeline.json — Pipewright");
  }
}
