package io.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineValidatorTest {

  static List<Path> validFixtures() {
    return Fixtures.valid();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void findsNoErrorInAValidFixture(Path fixture) {
    LoadedPipeline loaded = Fixtures.load(fixture);

    assertThat(loaded.problems()).isEmpty();
    assertThat(PipelineValidator.validate(loaded.pipeline(), Fixtures.contextFor(fixture)))
        .filteredOn(Diagnostic::isError)
        .isEmpty();
  }

  @Test
  void namesEveryStepOnACycle() {
    Pipeline p = chain(3).withEdges(withEdge(chain(3).edges(), "back", "s2", "out", "s0", "loop"));
    p = p.withSteps(replaceInputs(p.steps(), 0, List.of(new InputPort("loop", InputMode.DIRECT, false))));

    List<Diagnostic> found = PipelineValidator.validate(p, ValidationContext.NONE);

    assertThat(found).filteredOn(d -> d.code().equals("PW101")).singleElement()
        .extracting(Diagnostic::message)
        .isEqualTo("steps form a cycle: 's0' → 's1' → 's2' → 's0'");
  }

  @Test
  void findsACycleAtTheEndOfALongChainWithoutRecursing() {
    int n = 50_000;
    Pipeline chain = chain(n);
    List<Edge> edges = withEdge(chain.edges(), "back", "s" + (n - 1), "out", "s" + (n - 2), "loop");
    List<Step> steps = replaceInputs(chain.steps(), n - 2,
        List.of(InputPort.of("in"), new InputPort("loop", InputMode.DIRECT, true)));

    List<Diagnostic> found = PipelineValidator.validate(chain.withEdges(edges).withSteps(steps), ValidationContext.NONE);

    assertThat(found).extracting(Diagnostic::code).containsExactly("PW101");
    assertThat(found.get(0).message()).contains("'s" + (n - 2) + "' → 's" + (n - 1) + "'");
  }

  @Test
  void warnsWhatLocalModeWillActuallyUse() {
    SparkSettings settings = new SparkSettings("2g", 1, "1g", 2, 2, null, null, null, null, null, null);
    Pipeline p = chain(1).withSteps(List.of(sparkStep("s0", settings)));

    List<Diagnostic> found = PipelineValidator.validate(p, new ValidationContext(null, Fixtures.COMPUTES));

    assertThat(found).filteredOn(d -> d.code().equals("PW120")).singleElement().satisfies(d -> {
      assertThat(d.severity()).isEqualTo(Severity.WARNING);
      assertThat(d.message()).contains("asks for 4 executor cores; local mode on this machine runs with local[2]");
    });
    assertThat(found).filteredOn(d -> d.code().equals("PW121")).singleElement().satisfies(d -> {
      assertThat(d.severity()).isEqualTo(Severity.INFO);
      assertThat(d.message()).contains("the number of executors is not honoured", "driver memory (2g)");
    });
  }

  @Test
  void leavesComputeAndFileChecksOutWithoutAContext() {
    Step step = new Step("s0", null, null, new SparkStep(new SparkEntry.Sql("missing.sql"), null), "nowhere",
        "no-such-dir", null, null, null, null, true);

    List<Diagnostic> found = PipelineValidator.validate(chain(1).withSteps(List.of(step)), ValidationContext.NONE);

    assertThat(found).isEmpty();
  }

  @Test
  void reportsAnUnknownDefaultComputeOnceForAllTheStepsThatUseIt() {
    Pipeline p = new Pipeline("p", null, null, null, "gone", null, chain(5).steps(), chain(5).edges(), null);

    List<Diagnostic> found = PipelineValidator.validate(p, new ValidationContext(null, Fixtures.COMPUTES));

    assertThat(found).extracting(Diagnostic::code, Diagnostic::pointer)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("PW117", "/defaultCompute"));
  }

  @Test
  void warnsOnceAboutARemoteTargetThatNeverPassedAConnectionTestAtTheFirstStepOnIt() {
    Pipeline p = chain(3);
    List<Step> steps = new ArrayList<>(p.steps());
    steps.set(1, steps.get(1).withCompute("new-cluster"));
    steps.set(2, steps.get(2).withCompute("new-cluster"));

    List<Diagnostic> found = PipelineValidator.validate(p.withSteps(steps), new ValidationContext(null, Fixtures.COMPUTES));

    assertThat(found).filteredOn(d -> d.code().equals("PW127")).singleElement().satisfies(d -> {
      assertThat(d.severity()).isEqualTo(Severity.WARNING);
      assertThat(d.message()).isEqualTo("compute target 'new-cluster' has never passed a connection test: test it in "
          + "the Compute tab (or pipewright computes test new-cluster)");
      assertThat(d.nodeId()).isEqualTo("s1");
      assertThat(d.pointer()).isEqualTo("/steps/1/compute");
    });
  }

  @Test
  void doesNotWarnAboutLocalTargetsOrARemoteOneThatPassedItsTest() {
    Pipeline p = chain(3);
    List<Step> steps = new ArrayList<>(p.steps());
    steps.set(1, steps.get(1).withCompute("cluster"));
    steps.set(2, sparkStep("s2", null));

    List<Diagnostic> found = PipelineValidator.validate(p.withSteps(steps), new ValidationContext(null, Fixtures.COMPUTES));

    assertThat(found).extracting(Diagnostic::code).doesNotContain("PW127");
  }

  @Test
  void warnsOnceAboutARemoteTargetOnAnotherMachineWithoutAStagingFolder() {
    Pipeline p = chain(3);
    List<Step> steps = new ArrayList<>(p.steps());
    steps.set(1, steps.get(1).withCompute("far-cluster"));
    steps.set(2, steps.get(2).withCompute("far-cluster"));

    List<Diagnostic> found = PipelineValidator.validate(p.withSteps(steps), new ValidationContext(null, Fixtures.COMPUTES));

    assertThat(found).filteredOn(d -> d.code().equals("PW128")).singleElement().satisfies(d -> {
      assertThat(d.severity()).isEqualTo(Severity.WARNING);
      assertThat(d.message()).isEqualTo("compute target 'far-cluster' is on another machine and has no staging folder:"
          + " its workers would look for this workspace's files at the same paths; set its staging folder to one"
          + " they share");
      assertThat(d.pointer()).isEqualTo("/steps/1/compute");
    });
  }

  @Test
  void givesEveryDiagnosticTheNodeOrEdgeItIsAbout() {
    Path fixture = Fixtures.invalid("PW106");
    Diagnostic d = PipelineValidator.validate(Fixtures.load(fixture).pipeline(), Fixtures.contextFor(fixture)).get(0);

    assertThat(d.nodeId()).isEqualTo("train");
    assertThat(d.edgeId()).isEqualTo("e3");
    assertThat(d.pointer()).isEqualTo("/edges/2/to");
  }

  /** Script steps s0 → s1 → … linked output "out" to input "in", on local-process. */
  static Pipeline chain(int n) {
    List<Step> steps = new ArrayList<>(n);
    List<Edge> edges = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<InputPort> inputs = i == 0 ? List.of() : List.of(InputPort.of("in"));
      steps.add(new Step("s" + i, null, null, new ScriptStep("true"), null, null, inputs,
          List.of(OutputPort.of("out")), null, null, true));
      if (i > 0) {
        edges.add(new Edge("e" + i, new Edge.End("s" + (i - 1), "out"), new Edge.End("s" + i, "in")));
      }
    }
    return new Pipeline("chain", null, null, null, "local-process", null, steps, edges, null);
  }

  private static Step sparkStep(String id, SparkSettings settings) {
    return new Step(id, null, null, new SparkStep(new SparkEntry.Sql("q.sql"), settings), "local-spark", null, null,
        List.of(OutputPort.of("out")), null, null, true);
  }

  private static List<Edge> withEdge(List<Edge> edges, String id, String from, String fromPort, String to, String port) {
    List<Edge> result = new ArrayList<>(edges);
    result.add(new Edge(id, new Edge.End(from, fromPort), new Edge.End(to, port)));
    return result;
  }

  private static List<Step> replaceInputs(List<Step> steps, int index, List<InputPort> inputs) {
    List<Step> result = new ArrayList<>(steps);
    Step s = steps.get(index);
    result.set(index, new Step(s.id(), s.name(), s.description(), s.kind(), s.compute(), s.sourceDirectory(), inputs,
        s.outputs(), s.arguments(), s.environment(), s.allowReuse()));
    return result;
  }

  @Test
  void datastoresAreCheckedOnlyWhenTheWorkspaceIsKnownAndPathsOnlyInLocalOnes() throws Exception {
    Pipeline p = Fixtures.load(Fixtures.invalid("PW125")).pipeline();
    assertThat(PipelineValidator.validate(p, new ValidationContext(null, Fixtures.COMPUTES)))
        .extracting(Diagnostic::code).doesNotContain("PW125", "PW126");
    Diagnostic unknown = PipelineValidator.validate(p, new ValidationContext(null, Fixtures.COMPUTES, Fixtures.datastores()))
        .stream().filter(d -> d.code().equals("PW125")).findFirst().orElseThrow();
    assertThat(unknown.severity()).isEqualTo(Severity.ERROR);
    assertThat(unknown.message()).isEqualTo(
        "dataset 'titanic' is in datastore 'defualt', which the workspace does not have (it has: default, lake)");
    assertThat(unknown.pointer()).isEqualTo("/datasets/0/datastore");

    Pipeline inLake = Fixtures.load(Fixtures.invalid("PW126")).pipeline();
    inLake = new Pipeline(inLake.id(), inLake.name(), inLake.description(), inLake.parameters(), inLake.defaultCompute(),
        java.util.List.of(new DatasetNode("titanic", inLake.datasets().get(0).name(), DatasetKind.TABULAR,
            new DatasetSource.DatastorePath("lake", "anything/at/all.csv"))),
        inLake.steps(), inLake.edges(), inLake.layout());
    assertThat(PipelineValidator.validate(inLake, new ValidationContext(null, Fixtures.COMPUTES, Fixtures.datastores())))
        .extracting(Diagnostic::code).doesNotContain("PW125", "PW126");
  }
}
