package io.pipewright.app.properties;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.samples.Samples;
import io.pipewright.graph.undo.UndoStack;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import java.nio.file.Path;

/**
 * The Titanic sample opened as in the designer, on a real workspace (SQLite) in a temporary home,
 * with a synchronous executor and scripted dialogs. Local Spark offers 4 cores and 16 GiB, so that
 * footprints do not depend on the machine running the tests.
 */
final class Fixture implements AutoCloseable {
  static final long GIB = 1L << 30;

  final Path home;
  final Path file;
  final LocalWorkspace workspace;
  final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
  final ScriptedDialogs dialogs = new ScriptedDialogs();
  final AppContext context;
  final PropertiesViewModel viewModel;

  Fixture(Path home) throws Exception {
    this.home = home;
    this.file = Samples.titanic(home);
    this.workspace = LocalWorkspace.open(home);
    LoadedPipeline loaded = PipelineFormat.read(file);
    context = new AppContext(executor, dialogs, new PipelineDocument(loaded.pipeline(), file));
    new io.pipewright.app.compute.ComputeCatalog(context, () -> {});
    context.workspaceProperty().set(workspace);
    viewModel = new PropertiesViewModel(context, target -> target.kind().equals("local-spark")
        ? java.util.Optional.of(io.pipewright.model.Capacity.localMachine(4, 16 * GIB)) : workspace.capacityOf(target));
  }

  PipelineDocument document() {
    return context.document();
  }

  Pipeline pipeline() {
    return document().pipeline();
  }

  UndoStack undo() {
    return document().undoStack();
  }

  StepPanelModel select(String nodeId) {
    context.selectedNodeIdProperty().set(nodeId);
    return (StepPanelModel) viewModel.panel();
  }

  SparkPanelModel prep() {
    return select("prep").spark;
  }

  io.pipewright.model.SparkSettings prepSettings() {
    return ((io.pipewright.model.SparkStep) pipeline().step("prep").orElseThrow().kind()).settings();
  }

  /** Types {@code text} into a field and leaves it (Enter or focus loss). */
  static boolean type(FieldModel field, String text) {
    field.textProperty().set(text);
    return field.commit();
  }

  @Override
  public void close() {
    workspace.close();
  }
}
