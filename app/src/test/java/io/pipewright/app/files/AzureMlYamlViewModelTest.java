package io.pipewright.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.samples.Samples;
import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.model.Pipeline;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NoUnexpectedErrors.class)
class AzureMlYamlViewModelTest {
  @TempDir Path home;
  @TempDir Path work;

  private final ScriptedDialogs dialogs = new ScriptedDialogs();
  private AppContext context;
  private FilesViewModel files;
  private AzureMlYamlViewModel yaml;
  private Path driverJar;

  @BeforeEach
  void aDesigner() throws IOException {
    context = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty());
    files = new FilesViewModel(context, home, Journal.newSession(home), List.of());
    driverJar = Files.write(work.resolve("driver.jar"), new byte[] {'P', 'K', 3, 4});
    yaml = new AzureMlYamlViewModel(context, files, () -> driverJar);
  }

  private Path job() throws IOException {
    Files.createDirectories(work.resolve("src"));
    return Files.writeString(work.resolve("pipeline.yml"), """
        $schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
        type: pipeline
        display_name: Passengers
        inputs:
          passengers:
            type: uri_file
            path: azureml://datastores/workspaceblobstore/paths/data/passengers.csv
        jobs:
          clean:
            type: spark
            code: ./src
            entry:
              file: clean.py
            args: --in ${{inputs.raw}} --out ${{outputs.cleaned}}
            inputs:
              raw: ${{parent.inputs.passengers}}
            outputs:
              cleaned:
                type: uri_folder
            identity:
              type: user_identity
            compute: azureml:my-pool
          train:
            type: command
            code: ./src
            command: python train.py --data ${{inputs.data}}
            inputs:
              data: ${{parent.jobs.clean.outputs.cleaned}}
        """);
  }

  @Test
  void importOpensANewUnsavedArrangedPipelineAndShowsTheWarnings() throws IOException {
    Path job = job();
    dialogs.answer(job);

    yaml.importYaml();

    PipelineDocument doc = context.document();
    Pipeline p = doc.pipeline();
    assertThat(p.name()).isEqualTo("Passengers");
    assertThat(p.steps()).extracting(s -> s.kind().getClass().getSimpleName()).containsExactly("SparkStep", "ScriptStep");
    assertThat(doc.file()).isEmpty();
    assertThat(doc.isDirty()).as("closing asks to save the import").isTrue();
    assertThat(p.step("clean").orElseThrow().sourceDirectory()).isEqualTo(work.resolve("src").toString());
    assertThat(doc.snapshot().layout().nodes()).containsOnlyKeys("passengers", "clean", "train");
    assertThat(doc.snapshot().layout().nodes().get("passengers").x())
        .isLessThan(doc.snapshot().layout().nodes().get("clean").x());
    assertThat(dialogs.informations).singleElement().satisfies(info -> assertThat(info)
        .startsWith("Imported pipeline.yml (1 warning)")
        .contains(job + ":20:5: warning: PW303 the field identity of job clean"));
    assertThat(context.statusProperty().get()).isEqualTo("Imported pipeline.yml (1 warning)");
  }

  @Test
  void aFileThatIsNotYamlLeavesTheOpenPipelineAsItWas() throws IOException {
    Path bad = Files.writeString(work.resolve("bad.yml"), "type: pipeline\njobs: [\n");
    PipelineDocument before = context.document();
    dialogs.answer(bad);

    yaml.importYaml();

    assertThat(context.document()).isSameAs(before);
    assertThat(dialogs.errors).singleElement().satisfies(error -> assertThat(error)
        .startsWith("Cannot import bad.yml\n" + bad + ":3:1: error: PW301 not valid YAML")
        .endsWith("The open pipeline stays as it was."));
  }

  @Test
  void exportWritesThePipelineJobNextToCodeFoldersAndSaysHowToSubmitIt() throws IOException {
    Path titanic = Files.copy(Samples.titanic(home), work.resolve("titanic.pipeline.json"));
    for (String f : List.of("prep.sql", "train.py")) {
      Files.copy(Samples.titanic(home).resolveSibling(f), work.resolve(f));
    }
    files.open(titanic);
    Path out = work.resolve("aml");
    dialogs.answer(out);

    yaml.exportYaml();

    assertThat(out.resolve("pipeline.yml")).isRegularFile();
    assertThat(out.resolve("prep/pipewright-spark-driver.jar")).hasSameBinaryContentAs(driverJar);
    assertThat(out.resolve("prep/prep.sql")).isRegularFile();
    assertThat(dialogs.errors).isEmpty();
    assertThat(dialogs.informations).singleElement().satisfies(info -> assertThat(info)
        .contains("az ml job create -f " + out.resolve("pipeline.yml"))
        .contains("PW322"));
  }

  @Test
  void anUnsavedPipelineWithRelativeFoldersIsSavedBeforeItIsExported() throws IOException {
    Path job = job();
    dialogs.answer(job);
    yaml.importYaml();
    context.documentProperty().set(PipelineDocument.empty());
    context.document().edit("Add", p -> p.withSteps(List.of(new io.pipewright.model.Step("s", null, null,
        new ScriptStep("python x.py"), null, "code", null, null, null, null, true))));

    yaml.exportYaml();

    assertThat(dialogs.errors).singleElement().satisfies(e -> assertThat(e).startsWith("Save the pipeline first"));
    assertThat(dialogs.allAnswered()).isTrue();
  }
}
