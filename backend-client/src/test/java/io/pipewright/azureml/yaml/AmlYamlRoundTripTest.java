package io.pipewright.azureml.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.model.DatasetNode;
import io.pipewright.model.Edge;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineValidator;
import io.pipewright.model.Step;
import io.pipewright.model.ValidationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Export → import gives the same steps, edges and settings back. */
class AmlYamlRoundTripTest {

  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"synapse-titanic", "titanic"})
  void samplesComeBackAsTheyWent(String sample) throws Exception {
    Pipeline before = AmlYamlExportTest.sample(sample);
    Path jar = Files.write(temp.resolve("driver.jar"), new byte[] {1});
    Path out = temp.resolve("aml");
    AmlYamlExporter.export(before, new AmlYamlExporter.Options(AmlYamlExportTest.SAMPLES.resolve(sample), jar, null),
        out);

    AmlYamlImporter.Result result = AmlYamlImporter.read(out.resolve("pipeline.yml"), out);
    Pipeline after = result.pipeline();

    assertThat(after.id()).isEqualTo(before.id().replace('-', '_'));
    assertThat(after.name()).isEqualTo(before.name());
    assertThat(after.description()).isEqualTo(before.description());
    assertThat(after.defaultCompute()).isEqualTo(before.defaultCompute());
    assertThat(after.parameters()).extracting(p -> p.name() + "=" + p.defaultValue())
        .containsExactlyElementsOf(before.parameters().stream().map(p -> p.name() + "=" + p.defaultValue()).toList());
    assertThat(after.datasets()).extracting(DatasetNode::id, DatasetNode::kind, DatasetNode::source)
        .containsExactlyElementsOf(before.datasets().stream()
            .map(d -> org.assertj.core.groups.Tuple.tuple(d.id(), d.kind(), d.source())).toList());
    assertThat(after.steps()).hasSameSizeAs(before.steps());
    for (Step b : before.steps()) {
      Step a = after.step(b.id()).orElseThrow();
      assertThat(a.name()).isEqualTo(b.name());
      assertThat(a.description()).isEqualTo(b.description());
      assertThat(a.kind()).isEqualTo(b.kind());
      assertThat(a.compute()).isEqualTo(b.compute());
      assertThat(a.inputs()).isEqualTo(b.inputs());
      assertThat(a.outputs()).isEqualTo(b.outputs());
      assertThat(a.arguments()).isEqualTo(b.arguments());
      assertThat(a.environment()).isEqualTo(b.environment());
      assertThat(a.allowReuse()).isEqualTo(b.allowReuse());
      // The code folder holds what the step's source directory held.
      assertThat(a.sourceDirectory()).isEqualTo(b.id());
      assertThat(out.resolve(a.sourceDirectory()).resolve(
          a.isSpark() ? ((io.pipewright.model.SparkStep) a.kind()).entry().file() : "train.py")).isRegularFile();
    }
    assertThat(ends(after.edges())).containsExactlyInAnyOrderElementsOf(ends(before.edges()));
    assertThat(result.warnings()).isEmpty();
    // And it is a pipeline Pipewright can run: no format or graph errors.
    assertThat(PipelineValidator.validate(after, new ValidationContext(out, null, null)))
        .filteredOn(d -> d.isError()).isEmpty();
  }

  private static List<String> ends(List<Edge> edges) {
    return edges.stream().map(e -> e.from() + " -> " + e.to()).toList();
  }

  @Test
  void pipPackagesAndVariablesTravelInCondaFilesAndEnvironmentVariables() throws Exception {
    Pipeline before = AmlYamlExportTest.sample("synapse-titanic");
    io.pipewright.model.Environment env = new io.pipewright.model.Environment(List.of("numpy==2.1.0", "pandas"),
        java.util.Map.of("MODE", "fast"));
    Pipeline changed = before.withSteps(before.steps().stream()
        .map(s -> new Step(s.id(), s.name(), s.description(), s.kind(), s.compute(), s.sourceDirectory(), s.inputs(),
            s.outputs(), s.arguments(), env, s.allowReuse())).toList());
    Path jar = Files.write(temp.resolve("driver.jar"), new byte[] {1});
    Path out = temp.resolve("aml");
    AmlYamlExporter.export(changed,
        new AmlYamlExporter.Options(AmlYamlExportTest.SAMPLES.resolve("synapse-titanic"), jar, null), out);

    assertThat(out.resolve("environments/train.yml")).content().contains("- numpy==2.1.0", "- pandas");
    AmlYamlImporter.Result result = AmlYamlImporter.read(out.resolve("pipeline.yml"), out);

    assertThat(result.warnings()).isEmpty();
    for (Step s : result.pipeline().steps()) {
      assertThat(s.environment()).as(s.id()).isEqualTo(env);
    }
  }

  @Test
  void stepsThatMustNotBeReusedStaySo() throws IOException, AmlYamlException {
    Pipeline before = AmlYamlExportTest.sample("synapse-titanic");
    Pipeline changed = before.withSteps(before.steps().stream()
        .map(s -> s.id().equals("prep") ? new Step(s.id(), s.name(), s.description(), s.kind(), s.compute(),
            s.sourceDirectory(), s.inputs(), s.outputs(), s.arguments(), s.environment(), false) : s).toList());
    Path jar = Files.write(temp.resolve("driver.jar"), new byte[] {1});
    Path out = temp.resolve("aml");
    AmlYamlExporter.export(changed,
        new AmlYamlExporter.Options(AmlYamlExportTest.SAMPLES.resolve("synapse-titanic"), jar, null), out);

    Pipeline after = AmlYamlImporter.read(out.resolve("pipeline.yml"), out).pipeline();

    assertThat(after.step("prep").orElseThrow().allowReuse()).isFalse();
    assertThat(after.step("train").orElseThrow().allowReuse()).isTrue();
    assertThat(after.step("prep").orElseThrow().kind()).isEqualTo(changed.step("prep").orElseThrow().kind());
    assertThat(after.step("prep").orElseThrow().sourceDirectory()).isEqualTo("prep");
  }
}
