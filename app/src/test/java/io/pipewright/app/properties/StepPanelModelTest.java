package io.pipewright.app.properties;

import static io.pipewright.app.properties.Fixture.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.model.Edge;
import io.pipewright.model.InputMode;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** General, entry, ports, arguments and environment of a step. */
@ExtendWith(NoUnexpectedErrors.class)
class StepPanelModelTest {
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

  private Step step(String id) {
    return f.pipeline().step(id).orElseThrow();
  }

  @Test
  void renamingAStepIsOneEditAndUndoShowsTheOldName() {
    StepPanelModel prep = f.select("prep");

    assertThat(type(prep.name, "Clean data")).isTrue();

    assertThat(step("prep").name()).isEqualTo("Clean data");
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Rename step Prepare data to Clean data");
    assertThat(f.document().graph().node("prep").getTitle()).isEqualTo("Clean data");
    f.undo().undo();
    assertThat(prep.name.text()).isEqualTo("Prepare data");
  }

  @Test
  void anEmptyOrTakenStepNameIsRefused() {
    StepPanelModel prep = f.select("prep");

    assertThat(type(prep.name, "  ")).isFalse();
    assertThat(prep.name.error()).isEqualTo("step must not be empty");
    assertThat(type(prep.name, "Train model")).isFalse();
    assertThat(prep.name.error()).isEqualTo("another step is already named 'Train model'");
    assertThat(step("prep").name()).isEqualTo("Prepare data");
  }

  @Test
  void escapeThrowsTypingAway() {
    StepPanelModel prep = f.select("prep");
    prep.name.textProperty().set("Half typed");

    prep.name.revert();

    assertThat(prep.name.text()).isEqualTo("Prepare data");
    assertThat(prep.name.isEditing()).isFalse();
  }

  @Test
  void theComputeChoiceOffersThePipelineDefaultAndTheAttachedTargets() {
    StepPanelModel prep = f.select("prep");

    assertThat(prep.compute.items()).containsExactly(StepPanelModel.PIPELINE_DEFAULT, "local-spark", "local-process");
    assertThat(prep.computeLabel(StepPanelModel.PIPELINE_DEFAULT)).isEqualTo("(pipeline default: local-spark)");

    prep.compute.choose(StepPanelModel.PIPELINE_DEFAULT);
    assertThat(step("prep").compute()).isNull();
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Run Prepare data on the pipeline's default compute");
    prep.compute.choose("local-process");
    assertThat(step("prep").compute()).isEqualTo("local-process");
    assertThat(prep.spark.footprint()).isEqualTo("local-process (local-process) cannot run Spark steps");
    f.undo().undo();
    assertThat(prep.compute.value()).isEqualTo(StepPanelModel.PIPELINE_DEFAULT);
  }

  @Test
  void aTargetThatIsNotAttachedStaysChosenAndIsSaidSo() {
    f.document().edit("use a pool", p -> io.pipewright.app.document.PipelineEdits.updateStep(
        StepBuilder.from(p.step("prep").orElseThrow()).compute("link1-spark01").build()).apply(p));
    StepPanelModel prep = f.select("prep");

    assertThat(prep.compute.value()).isEqualTo("link1-spark01");
    assertThat(prep.computeLabel("link1-spark01")).isEqualTo("link1-spark01 (not attached)");
    assertThat(prep.spark.footprint()).isEqualTo("Compute target link1-spark01 is not attached to this workspace");
  }

  @Test
  void renamingAnInputRenamesItsEdgeAndTheArgumentsThatNameIt() {
    StepPanelModel train = f.select("train");

    assertThat(type(train.ports.inputs.get(0).name, "data")).isTrue();

    assertThat(step("train").inputs().get(0).name()).isEqualTo("data");
    assertThat(step("train").arguments()).contains("{inputs.data}").doesNotContain("{inputs.prepared}");
    Edge e3 = f.pipeline().edges().stream().filter(e -> e.id().equals("e3")).findFirst().orElseThrow();
    assertThat(e3.to().port()).isEqualTo("data");
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Rename input prepared of Train model to data");
    f.undo().undo();
    assertThat(train.arguments.rows.get(1).text()).isEqualTo("{inputs.prepared}");
  }

  @Test
  void portNamesMustBeUniqueAcrossInputsAndOutputsAndUsableInPlaceholders() {
    StepPanelModel train = f.select("train");

    assertThat(type(train.ports.inputs.get(0).name, "model")).isFalse();
    assertThat(train.ports.inputs.get(0).name.error()).isEqualTo("another port is already named 'model'");
    assertThat(type(train.ports.outputs.get(0).name, "the model")).isFalse();
    assertThat(train.ports.outputs.get(0).name.error()).contains("must start with a letter or _");
    assertThat(step("train").outputs().get(0).name()).isEqualTo("model");
  }

  @Test
  void addingAndRemovingPortsAreSingleEditsAndRemovingAnInputRemovesItsEdge() {
    StepPanelModel prep = f.select("prep");

    int added = prep.ports.addInput();
    assertThat(step("prep").inputs().get(added).name()).isEqualTo("input");
    assertThat(prep.ports.inputs).hasSize(3);
    assertThat(prep.ports.inputs.get(2).sourceProperty().get()).isEqualTo("not connected");

    prep.ports.inputs.get(1).remove();
    assertThat(step("prep").inputs()).extracting(p -> p.name()).containsExactly("titanic", "input");
    assertThat(f.pipeline().edges()).extracting(Edge::id).containsExactly("e1", "e3");
    f.undo().undo();
    assertThat(f.pipeline().edges()).extracting(Edge::id).containsExactly("e1", "e2", "e3");
    assertThat(prep.ports.inputs.get(1).sourceProperty().get()).isEqualTo("Titanic.csv as a file");
  }

  @Test
  void anInputsModeAndWhetherItIsOptionalAreSingleEdits() {
    StepPanelModel prep = f.select("prep");

    prep.ports.inputs.get(0).mode.choose(InputMode.DOWNLOAD);
    assertThat(step("prep").inputs().get(0).mode()).isEqualTo(InputMode.DOWNLOAD);
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Set input titanic of Prepare data to download");
    prep.ports.inputs.get(0).optional.choose(true);
    assertThat(step("prep").inputs().get(0).optional()).isTrue();
    f.undo().undo();
    f.undo().undo();
    assertThat(prep.ports.inputs.get(0).mode.value()).isEqualTo(InputMode.DIRECT);
    assertThat(prep.ports.inputs.get(0).optional.value()).isFalse();
  }

  @Test
  void anOutputIsRegisteredUnderAValidDatasetName() {
    StepPanelModel prep = f.select("prep");
    PortsModel.OutputRow prepared = prep.ports.outputs.get(0);

    assertThat(type(prepared.registerAs, "titanic prepared")).isFalse();
    assertThat(prepared.registerAs.error()).contains("may hold only letters");
    assertThat(type(prepared.registerAs, "")).isTrue();
    assertThat(step("prep").outputs().get(0).registerAs()).isNull();
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Stop registering output prepared of Prepare data");
  }

  @Test
  void argumentsOfferThePortsAndParametersAsPlaceholders() {
    StepPanelModel train = f.select("train");

    assertThat(train.arguments.placeholders())
        .containsExactly("{inputs.prepared}", "{outputs.model}", "{parameters.epochs}");
    assertThat(train.arguments.placeholderDetail("{inputs.prepared}")).isEqualTo("input, from Prepare data · prepared");
    assertThat(train.arguments.placeholderDetail("{parameters.epochs}")).isEqualTo("parameter, default 1500");
  }

  @Test
  void anArgumentNamingAnUnknownPortIsRefusedAndAKnownOneAdded() {
    StepPanelModel train = f.select("train");

    assertThat(type(train.arguments.newArgument, "--x={inputs.nothing}")).isFalse();
    assertThat(train.arguments.newArgument.error()).startsWith("{inputs.nothing} names no input of this step");
    train.arguments.addArgument("--out={outputs.model}");

    assertThat(step("train").arguments()).endsWith("--out={outputs.model}");
    assertThat(train.arguments.newArgument.text()).isEmpty();
    assertThat(train.arguments.rows).hasSize(7);
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Add argument --out={outputs.model} to Train model");
  }

  @Test
  void argumentsAreEditedMovedAndRemovedOneEditEach() {
    StepPanelModel train = f.select("train");

    assertThat(type(train.arguments.rows.get(5), "{parameters.epochs}0")).isTrue();
    train.arguments.moveArgument(5, -1);
    assertThat(step("train").arguments().subList(4, 6)).containsExactly("{parameters.epochs}0", "--epochs");
    train.arguments.removeArgument(4);
    assertThat(step("train").arguments()).hasSize(5);
    f.undo().undo();
    f.undo().undo();
    f.undo().undo();
    assertThat(step("train").arguments()).containsExactly("--data", "{inputs.prepared}", "--model-out",
        "{outputs.model}", "--epochs", "{parameters.epochs}");
    assertThat(train.arguments.rows.get(5).text()).isEqualTo("{parameters.epochs}");
  }

  @Test
  void theCommandOfAScriptStepMustNotBeEmpty() {
    StepPanelModel train = f.select("train");

    assertThat(type(train.command, "")).isFalse();
    assertThat(train.command.error()).isEqualTo("the command must not be empty");
    assertThat(type(train.command, "python3 train.py --verbose")).isTrue();
  }

  @Test
  void aChosenEntryFileIsStoredRelativeToTheSourceDirectory() throws Exception {
    StepPanelModel prep = f.select("prep");
    Path dir = f.file.getParent();
    Files.createDirectories(dir.resolve("sql"));
    f.dialogs.answer(dir.resolve("sql/clean.sql"));

    prep.browseEntryFile();

    assertThat(((SparkStep) step("prep").kind()).entry()).isEqualTo(new SparkEntry.Sql("sql/clean.sql"));
    assertThat(f.dialogs.initialDirectories).containsExactly(dir);
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Set SQL file of Prepare data to sql/clean.sql");
  }

  @Test
  void aChosenSourceDirectoryOutsideThePipelinesDirectoryIsStoredAbsolute(@TempDir Path elsewhere) {
    StepPanelModel prep = f.select("prep");
    f.dialogs.answer(elsewhere);

    prep.browseSourceDirectory();

    assertThat(step("prep").sourceDirectory()).isEqualTo(elsewhere.toAbsolutePath().normalize().toString());
  }

  @Test
  void pipPackagesAndEnvironmentVariablesAreCheckedAndAddedOneEditEach() {
    StepPanelModel train = f.select("train");

    assertThat(type(train.environment.newPipPackage, "numpy pandas")).isFalse();
    assertThat(train.environment.newPipPackage.error()).contains("must not contain spaces");
    assertThat(type(train.environment.newPipPackage, "numpy==1.26.4")).isTrue();
    train.environment.newVariable.keyProperty().set("1ST");
    assertThat(train.environment.newVariable.error()).contains("is not a variable name");
    train.environment.newVariable.keyProperty().set("SEED");
    train.environment.newVariable.valueProperty().set("42");
    assertThat(train.environment.newVariable.add()).isTrue();

    assertThat(step("train").environment().pipPackages()).containsExactly("numpy==1.26.4");
    assertThat(step("train").environment().variables()).containsEntry("SEED", "42");
    assertThat(train.environment.variables).extracting(KeyValueRow::key).containsExactly("SEED");
    assertThat(train.environment.pipPackages).hasSize(1);
  }

  @Test
  void typingInOneFieldSurvivesAnEditOfAnother() {
    StepPanelModel prep = f.select("prep");
    prep.description.textProperty().set("half a sentence");

    type(prep.spark.driverMemory, "2g");

    assertThat(prep.description.text()).isEqualTo("half a sentence");
    assertThat(prep.description.isEditing()).isTrue();
  }
}
