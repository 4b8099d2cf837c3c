package io.pipewright.app.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.graph.edit.GraphCommands;
import io.pipewright.graph.edit.Vocabulary;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.Edge;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Step;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineDocumentTest {
  private final PipelineDocument document = PipelineDocument.empty();
  private final GraphCommands canvas = new GraphCommands(document.graph(), new Vocabulary("step", "steps"));

  private Step addStep(String kind, double x, double y) {
    Step step = PipelineEdits.newStep(document.pipeline(), kind);
    document.edit("Add " + step.name(), PipelineEdits.addStep(step, x, y));
    return step;
  }

  private String addDataset() {
    var dataset = PipelineEdits.newDataset(document.pipeline(), "Titanic.csv", DatasetKind.TABULAR,
        new DatasetSource.DatastorePath("default", "titanic/Titanic.csv"));
    document.edit("Add dataset", PipelineEdits.addDataset(dataset, 0, 0));
    return dataset.id();
  }

  private void connectOnCanvas(String from, String fromPort, String to, String toPort) {
    GraphNode source = document.graph().node(from);
    GraphNode target = document.graph().node(to);
    document.undoStack().push(canvas.connect(document.graph().freshId("e"), source,
        source.port(fromPort), target, target.port(toPort)));
  }

  @Test
  void addingAStepShowsItOnTheCanvasAtItsPosition() {
    Step step = addStep(NodeKinds.SPARK_SQL, 120, 80);

    GraphNode node = document.graph().node(step.id());
    assertThat(node.getX()).isEqualTo(120);
    assertThat(node.getY()).isEqualTo(80);
    assertThat(node.getTitle()).isEqualTo("Spark SQL step");
    assertThat(node.kind()).isEqualTo(NodeKinds.SPARK_SQL);
  }

  @Test
  void undoingAnEditRestoresThePipelineAndTheCanvas() {
    Step step = addStep(NodeKinds.SCRIPT, 0, 0);

    document.undoStack().undo();

    assertThat(document.pipeline().steps()).isEmpty();
    assertThat(document.graph().nodes()).isEmpty();
    document.undoStack().redo();
    assertThat(document.pipeline().step(step.id())).isPresent();
    assertThat(document.graph().node(step.id())).isNotNull();
  }

  @Test
  void anEditThatChangesNothingIsNotRecorded() {
    document.edit("Nothing", p -> p);

    assertThat(document.undoStack().canUndo()).isFalse();
    assertThat(document.isDirty()).isFalse();
  }

  @Test
  void connectingOnTheCanvasAddsAnEdgeToThePipeline() {
    String dataset = addDataset();
    Step step = addStep(NodeKinds.SPARK_SQL, 300, 0);

    connectOnCanvas(dataset, GraphBinding.DATASET_PORT, step.id(), "in:input");

    assertThat(document.pipeline().edges()).singleElement().satisfies(e -> {
      assertThat(e.from()).isEqualTo(new Edge.End(dataset, null));
      assertThat(e.to()).isEqualTo(new Edge.End(step.id(), "input"));
    });
    document.undoStack().undo();
    assertThat(document.pipeline().edges()).isEmpty();
  }

  @Test
  void deletingANodeOnTheCanvasRemovesTheStepAndItsEdgesAndUndoBringsBothBack() {
    String dataset = addDataset();
    Step step = addStep(NodeKinds.SPARK_SQL, 300, 0);
    connectOnCanvas(dataset, GraphBinding.DATASET_PORT, step.id(), "in:input");
    GraphNode node = document.graph().node(step.id());

    document.undoStack().push(canvas.delete(List.of(node), document.graph().edgesOf(node)));

    assertThat(document.pipeline().steps()).isEmpty();
    assertThat(document.pipeline().edges()).isEmpty();
    document.undoStack().undo();
    assertThat(document.pipeline().step(step.id())).contains(step);
    assertThat(document.pipeline().edges()).hasSize(1);
  }

  @Test
  void renamingAnOutputPortKeepsTheEdgesThatUseIt() {
    Step prep = addStep(NodeKinds.SPARK_SQL, 0, 0);
    Step train = addStep(NodeKinds.SCRIPT, 300, 0);
    connectOnCanvas(prep.id(), "out:output", train.id(), "in:input");
    Step current = document.pipeline().step(prep.id()).orElseThrow();
    Step renamed = new Step(current.id(), current.name(), current.description(), current.kind(),
        current.compute(), current.sourceDirectory(), current.inputs(),
        List.of(OutputPort.of("prepared")), current.arguments(), current.environment(), current.allowReuse());

    document.edit("Rename output", PipelineEdits.updateStep(renamed));

    assertThat(document.pipeline().edges()).singleElement()
        .satisfies(e -> assertThat(e.from()).isEqualTo(new Edge.End(prep.id(), "prepared")));
    GraphNode node = document.graph().node(prep.id());
    assertThat(node.port("out:prepared")).isNotNull();
    assertThat(document.graph().edgesOf(node)).hasSize(1);
  }

  @Test
  void aStepWhosePortsChangeKeepsItsPlaceOnTheCanvas() {
    Step step = addStep(NodeKinds.SCRIPT, 0, 0);
    document.graph().node(step.id()).moveTo(222, 111);
    Step current = document.pipeline().step(step.id()).orElseThrow();

    document.edit("Remove outputs", PipelineEdits.updateStep(new Step(current.id(), current.name(), "",
        current.kind(), null, null, current.inputs(), List.of(), List.of(), null, true)));

    GraphNode node = document.graph().node(step.id());
    assertThat(node.outputs()).isEmpty();
    assertThat(node.getX()).isEqualTo(222);
    assertThat(node.getY()).isEqualTo(111);
  }

  @Test
  void theSnapshotCarriesTheCanvasPositions() {
    Step step = addStep(NodeKinds.SCRIPT, 10, 20);
    document.graph().node(step.id()).moveTo(400, 250);

    Pipeline saved = document.snapshot();

    assertThat(saved.layout().nodes().get(step.id()).x()).isEqualTo(400);
    assertThat(saved.layout().nodes().get(step.id()).y()).isEqualTo(250);
  }

  @Test
  void removingNodesRemovesTheirEdgesInOneUndoableEdit() {
    String dataset = addDataset();
    Step step = addStep(NodeKinds.SPARK_SQL, 300, 0);
    connectOnCanvas(dataset, GraphBinding.DATASET_PORT, step.id(), "in:input");

    document.edit("Delete", PipelineEdits.removeNodes(Set.of(dataset)));

    assertThat(document.pipeline().datasets()).isEmpty();
    assertThat(document.pipeline().edges()).isEmpty();
    assertThat(document.graph().edges()).isEmpty();
    document.undoStack().undo();
    assertThat(document.graph().edges()).hasSize(1);
  }

  @Test
  void savingClearsTheDirtyFlagAndAnEditSetsItAgain() {
    addStep(NodeKinds.SCRIPT, 0, 0);
    assertThat(document.isDirty()).isTrue();

    document.markSaved(java.nio.file.Path.of("/tmp/x.pipeline.json"));

    assertThat(document.isDirty()).isFalse();
    assertThat(document.displayNameBinding().get()).isEqualTo("x.pipeline.json");
    addStep(NodeKinds.SCRIPT, 0, 0);
    assertThat(document.isDirty()).isTrue();
  }

  @Test
  void freshIdsDoNotCollideWithStepsDatasetsOrEdges() {
    addStep(NodeKinds.SCRIPT, 0, 0);
    Step second = addStep(NodeKinds.SCRIPT, 0, 0);

    assertThat(second.id()).isEqualTo("script_step_2");
    assertThat(second.name()).isEqualTo("Script step 2");
  }

  @Test
  void aNewStepOfEveryKindCanBeSavedAndReadBackAsItIs() {
    for (String kind : List.of(NodeKinds.SPARK_SQL, NodeKinds.SPARK_PYTHON, NodeKinds.SPARK_JAR, NodeKinds.SCRIPT)) {
      addStep(kind, 0, 0);
    }
    String json = io.pipewright.model.PipelineFormat.write(document.snapshot());

    var loaded = io.pipewright.model.PipelineFormat.parse(json, "new.pipeline.json");

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.pipeline().steps()).isEqualTo(document.pipeline().steps());
  }

  @Test
  void theCanvasRefusesAnEdgeClosingACycleNamingItAsTheValidatorDoes() {
    Step a = addStep(NodeKinds.SCRIPT, 0, 0);
    Step b = addStep(NodeKinds.SCRIPT, 200, 0);
    connectOnCanvas(a.id(), "out:output", b.id(), "in:input");
    GraphNode from = document.graph().node(b.id());
    GraphNode to = document.graph().node(a.id());

    String refusal = io.pipewright.graph.model.EdgeRules.standard()
        .check(document.graph(), from, from.port("out:output"), to, to.port("in:input"), null).reason();
    Pipeline closed = document.pipeline().withEdges(java.util.stream.Stream.concat(document.pipeline().edges().stream(),
        java.util.stream.Stream.of(new Edge("back", new Edge.End(b.id(), "output"), new Edge.End(a.id(), "input"))))
        .toList());
    String validation = io.pipewright.model.PipelineValidator.validate(closed, io.pipewright.model.ValidationContext.NONE)
        .stream().filter(d -> d.code().equals(io.pipewright.model.DiagnosticCodes.CYCLE))
        .map(io.pipewright.model.Diagnostic::message).findFirst().orElseThrow();

    String cycle = "'" + a.id() + "' → '" + b.id() + "' → '" + a.id() + "'";
    assertThat(refusal).isEqualTo("This edge would close a cycle: " + cycle);
    assertThat(validation).isEqualTo("steps form a cycle: " + cycle);
  }
}
