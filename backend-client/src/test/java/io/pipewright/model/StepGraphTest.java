package io.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepGraphTest {

  @Test
  void ordersStepsAfterTheStepsTheyReadFromAndReadyOnesInFileOrder() {
    Pipeline p = pipeline(List.of("c", "a", "b", "d"), "a>b", "b>c", "a>c");

    StepGraph graph = StepGraph.of(p);

    assertThat(ids(p, graph.order())).containsExactly("a", "d", "b", "c");
    assertThat(graph.cycles()).isEmpty();
  }

  @Test
  void namesACycleInTheDirectionOfItsEdgesFromTheStepFirstInTheFile() {
    Pipeline p = pipeline(List.of("x", "a", "b", "c"), "c>a", "a>b", "b>c", "c>x");

    StepGraph graph = StepGraph.of(p);

    assertThat(graph.cycles()).singleElement().satisfies(cycle ->
        assertThat(StepGraph.cycleMessage(graph.ids(cycle))).isEqualTo("steps form a cycle: 'a' → 'b' → 'c' → 'a'"));
    // 'x' is after the cycle: it cannot run, but it is not on the cycle.
    assertThat(ids(p, graph.order())).isEmpty();
  }

  @Test
  void reportsEachSeparateCycleOnce() {
    Pipeline p = pipeline(List.of("a", "b", "c", "d", "e"), "a>b", "b>a", "c>d", "d>c", "b>e");

    StepGraph graph = StepGraph.of(p);

    assertThat(graph.cycles()).extracting(c -> StepGraph.path(graph.ids(c)))
        .containsExactly("'a' → 'b' → 'a'", "'c' → 'd' → 'c'");
    assertThat(ids(p, graph.order())).isEmpty();
  }

  @Test
  void leavesOutEdgesFromDatasetsAndEdgesToNothing() {
    Pipeline p = pipeline(List.of("a", "b"), "data>a", "a>b", "b>nowhere", "nowhere>a");

    StepGraph graph = StepGraph.of(p);

    assertThat(ids(p, graph.order())).containsExactly("a", "b");
  }

  @Test
  void namesAStepThatReadsItsOwnOutputAsACycleOfOne() {
    Pipeline p = pipeline(List.of("a"), "a>a");

    StepGraph graph = StepGraph.of(p);

    assertThat(graph.cycles()).extracting(c -> StepGraph.cycleMessage(graph.ids(c)))
        .containsExactly("steps form a cycle: 'a' → 'a'");
  }

  private static List<String> ids(Pipeline p, int[] order) {
    List<String> ids = new ArrayList<>();
    for (int i : order) {
      ids.add(p.steps().get(i).id());
    }
    return ids;
  }

  /** Script steps with an input "in" and an output "out"; edges as "from>to"; "data" is a dataset. */
  private static Pipeline pipeline(List<String> stepIds, String... edges) {
    List<Step> steps = new ArrayList<>();
    for (String id : stepIds) {
      steps.add(new Step(id, id, null, new ScriptStep("true"), "local-process", ".",
          List.of(new InputPort("in", InputMode.DIRECT, true)), List.of(new OutputPort("out", null)), List.of(), null,
          true));
    }
    List<Edge> list = new ArrayList<>();
    for (int i = 0; i < edges.length; i++) {
      String[] ends = edges[i].split(">");
      String fromPort = ends[0].equals("data") ? null : "out";
      list.add(new Edge("e" + i, new Edge.End(ends[0], fromPort), new Edge.End(ends[1], "in")));
    }
    List<DatasetNode> datasets = List.of(new DatasetNode("data", "data", DatasetKind.TABULAR,
        new DatasetSource.DatastorePath("default", "data.csv")));
    return new Pipeline("p", "p", null, List.of(), null, datasets, steps, list, Layout.EMPTY);
  }
}
