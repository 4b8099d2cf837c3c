package io.pipewright.app.properties;

import static io.pipewright.app.properties.Fixture.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.model.DynamicAllocation;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Spark sections of a step: every edit one undoable command, invalid values refused with a reason. */
@ExtendWith(NoUnexpectedErrors.class)
class SparkPanelModelTest {
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
  void aDriverMemoryOf4gIsWrittenAsOneUndoableEditNamedAfterIt() {
    SparkPanelModel spark = f.prep();
    int before = f.undo().undoCount();

    assertThat(type(spark.driverMemory, "4g")).isTrue();

    assertThat(f.prepSettings().driverMemory()).isEqualTo("4g");
    assertThat(f.undo().undoCount()).isEqualTo(before + 1);
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Set driver memory of Prepare data to 4g");
  }

  @Test
  void undoAndRedoOfAMemoryEditShowTheValueInThePanel() {
    SparkPanelModel spark = f.prep();
    type(spark.driverMemory, "4g");

    f.undo().undo();
    assertThat(f.prepSettings().driverMemory()).isEqualTo("1g");
    assertThat(spark.driverMemory.text()).isEqualTo("1g");

    f.undo().redo();
    assertThat(spark.driverMemory.text()).isEqualTo("4g");
  }

  @Test
  void anInvalidMemoryIsShownWithItsReasonAndNotWritten() {
    SparkPanelModel spark = f.prep();
    int before = f.undo().undoCount();

    assertThat(type(spark.driverMemory, "4x")).isFalse();

    assertThat(spark.driverMemory.error()).contains("'4x' is not a size Spark accepts");
    assertThat(spark.driverMemory.text()).isEqualTo("4x");
    assertThat(f.prepSettings().driverMemory()).isEqualTo("1g");
    assertThat(f.undo().undoCount()).isEqualTo(before);
  }

  @Test
  void memoryIsCheckedAsItIsTyped() {
    SparkPanelModel spark = f.prep();

    spark.executorMemory.textProperty().set("7gb");
    assertThat(spark.executorMemory.error()).isEmpty();
    spark.executorMemory.textProperty().set("7 g");
    assertThat(spark.executorMemory.error()).isNotEmpty();
    spark.executorMemory.textProperty().set("");
    assertThat(spark.executorMemory.error()).contains("required");
  }

  @Test
  void aBareNumberIsRefusedWithWhatItWouldMeanAndNotWritten() {
    SparkPanelModel spark = f.prep();

    assertThat(type(spark.driverMemory, "4")).isFalse();

    assertThat(spark.driverMemory.error()).isEqualTo("Driver memory '4' has no unit: Spark's settings read it as 4 MiB, "
        + "but spark-submit gives it to java as 4 bytes; write 4m, or 4g for 4 GiB");
    assertThat(f.prepSettings().driverMemory()).isEqualTo("1g");
    assertThat(SparkPanelModel.memoryHint("512")).isEmpty();
  }

  @Test
  void aMemoryHintSaysTheSizeOfASizeWithAUnit() {
    assertThat(SparkPanelModel.memoryHint("4g")).isEqualTo("= 4 GiB");
    assertThat(SparkPanelModel.memoryHint("1536m")).isEqualTo("= 1.5 GiB");
    assertThat(SparkPanelModel.memoryHint("512m")).isEqualTo("= 512 MiB");
    assertThat(SparkPanelModel.memoryHint("4x")).isEmpty();
  }

  @Test
  void aMemoryBelowWhatSparkNeedsToStartIsRefusedWithTheReason() {
    SparkPanelModel spark = f.prep();
    int before = f.undo().undoCount();

    assertThat(type(spark.driverMemory, "300m")).isFalse();
    assertThat(type(spark.executorMemory, "449m")).isFalse();

    assertThat(spark.driverMemory.error()).isEqualTo("Driver memory 300m is below the 450m Spark needs to start (it "
        + "reserves 300 MiB of the heap and refuses less than 1.5 times that): use 512m or more");
    assertThat(spark.executorMemory.error()).startsWith("Executor memory 449m is below the 450m Spark needs to start");
    assertThat(f.prepSettings().driverMemory()).isEqualTo("1g");
    assertThat(f.undo().undoCount()).isEqualTo(before);
    assertThat(type(spark.executorMemory, "450m")).isTrue();
    assertThat(f.prepSettings().executorMemory()).isEqualTo("450m");
  }

  @Test
  void theFieldsRefuseWhatValidationReportsAsAnError() {
    SparkPanelModel spark = f.prep();
    for (String memory : java.util.List.of("4", "300m", "7 GB", "1.5g", "", "449m", "450m", "512m", "7g")) {
      io.pipewright.model.SparkSettings settings = new io.pipewright.model.SparkSettings(memory, 1, "1g", 1, 1, null,
          null, null, null, null, null);
      io.pipewright.model.Step step = f.context.document().pipeline().step("prep").orElseThrow();
      io.pipewright.model.Pipeline one = f.context.document().pipeline().withSteps(java.util.List.of(step.withKind(
          new io.pipewright.model.SparkStep(((io.pipewright.model.SparkStep) step.kind()).entry(), settings))));
      boolean validatorRefuses = io.pipewright.model.PipelineValidator.validate(one,
          io.pipewright.model.ValidationContext.NONE).stream()
          .anyMatch(d -> d.isError() && d.pointer().endsWith("/spark/driverMemory"));

      spark.driverMemory.textProperty().set(memory);

      assertThat(spark.driverMemory.isValid()).as("panel takes '%s'", memory).isEqualTo(!validatorRefuses);
    }
  }

  @Test
  void coresBelowOneOrNotWholeAreRefused() {
    SparkPanelModel spark = f.prep();

    assertThat(type(spark.driverCores, "0")).isFalse();
    assertThat(spark.driverCores.error()).isEqualTo("driver cores must be 1 or more, not 0");
    assertThat(type(spark.executorCores, "1.5")).isFalse();
    assertThat(spark.executorCores.error()).contains("whole number");
    assertThat(type(spark.executorCores, "3")).isTrue();
    assertThat(f.prepSettings().executorCores()).isEqualTo(3);
    assertThat(f.prepSettings().driverCores()).isEqualTo(1);
  }

  @Test
  void aFixedNumberOfExecutorsBelowOneIsRefused() {
    SparkPanelModel spark = f.prep();

    assertThat(type(spark.executors, "0")).isFalse();
    assertThat(spark.executors.error()).isEqualTo("executors must be 1 or more, not 0");
    assertThat(f.prepSettings().executors()).isEqualTo(2);
  }

  @Test
  void switchingToDynamicAllocationIsOneEditThatUndoes() {
    SparkPanelModel spark = f.prep();

    spark.executorMode.choose(SparkPanelModel.ExecutorMode.DYNAMIC);

    assertThat(f.prepSettings().dynamicAllocation()).isEqualTo(new DynamicAllocation(0, 2));
    assertThat(spark.minExecutors.text()).isEqualTo("0");
    assertThat(spark.maxExecutors.text()).isEqualTo("2");
    f.undo().undo();
    assertThat(f.prepSettings().dynamicAllocation()).isNull();
    assertThat(spark.executorMode.value()).isEqualTo(SparkPanelModel.ExecutorMode.FIXED);
  }

  @Test
  void aDynamicMinimumAboveTheMaximumIsRefusedAndAMinimumOfZeroTaken() {
    SparkPanelModel spark = f.prep();
    spark.executorMode.choose(SparkPanelModel.ExecutorMode.DYNAMIC);

    assertThat(type(spark.minExecutors, "3")).isFalse();
    assertThat(spark.minExecutors.error()).isEqualTo("the minimum must not be above the maximum (2)");
    assertThat(type(spark.maxExecutors, "5")).isTrue();
    assertThat(spark.minExecutors.error()).isEmpty();
    assertThat(spark.minExecutors.commit()).isTrue();

    assertThat(f.prepSettings().dynamicAllocation()).isEqualTo(new DynamicAllocation(3, 5));
    assertThat(type(spark.maxExecutors, "0")).isFalse();
  }

  @Test
  void aSparkSettingIsAddedAsOneEditAndItsKnownValueChecked() {
    SparkPanelModel spark = f.prep();

    spark.newConf.keyProperty().set("spark.driver.maxResultSize");
    spark.newConf.valueProperty().set("lots");
    assertThat(spark.newConf.add()).isFalse();
    assertThat(spark.newConf.error()).contains("'lots' is not a size Spark accepts");

    spark.newConf.valueProperty().set("2g");
    assertThat(spark.newConf.add()).isTrue();

    assertThat(f.prepSettings().conf()).containsEntry("spark.driver.maxResultSize", "2g");
    assertThat(f.undo().undoDescriptionProperty().get()).isEqualTo("Set spark.driver.maxResultSize of Prepare data to 2g");
    assertThat(spark.conf).extracting(KeyValueRow::key)
        .containsExactly("spark.driver.maxResultSize", "spark.sql.shuffle.partitions");
    assertThat(spark.newConf.keyProperty().get()).isEmpty();
  }

  @Test
  void aSparkSettingTheStepHasAFieldForIsRefusedNamingTheField() {
    SparkPanelModel spark = f.prep();

    spark.newConf.keyProperty().set("spark.executor.memory");

    assertThat(spark.newConf.error()).isEqualTo("spark.executor.memory is the step's Executor memory: set it there, "
        + "not in the Spark conf (Spark would get two values and use one of them)");
    spark.newConf.valueProperty().set("4g");
    assertThat(spark.newConf.add()).isFalse();
    assertThat(f.prepSettings().conf()).doesNotContainKey("spark.executor.memory");
    assertThat(spark.suggestedKeys()).doesNotContain("spark.executor.memory", "spark.driver.memory",
        "spark.executor.instances");
  }

  @Test
  void knownSparkSettingsAreCheckedByTheirType() {
    SparkPanelModel spark = f.prep();

    spark.newConf.keyProperty().set("spark.network.timeout");
    spark.newConf.valueProperty().set("2 minutes");
    assertThat(spark.newConf.add()).isFalse();
    assertThat(spark.newConf.error()).contains("is not a duration Spark accepts");
    spark.newConf.keyProperty().set("spark.sql.adaptive.enabled");
    spark.newConf.valueProperty().set("yes");
    assertThat(spark.newConf.error()).isEqualTo("spark.sql.adaptive.enabled is true or false, not 'yes'");
    spark.newConf.keyProperty().set("spark.my.own.setting");
    assertThat(spark.newConf.error()).isEmpty();
  }

  @Test
  void initialExecutorsOutsideTheDynamicBoundsAreRefusedAndRecheckedAsTheBoundsAreTyped() {
    SparkPanelModel spark = f.prep();
    spark.executorMode.choose(SparkPanelModel.ExecutorMode.DYNAMIC); // 0 to 2

    spark.newConf.keyProperty().set("spark.dynamicAllocation.initialExecutors");
    spark.newConf.valueProperty().set("3");
    assertThat(spark.newConf.add()).isFalse();
    assertThat(spark.newConf.error()).isEqualTo("spark.dynamicAllocation.initialExecutors must be between the minimum "
        + "(0) and maximum (2) executors of dynamic allocation, not 3");
    spark.newConf.valueProperty().set("2");
    assertThat(spark.newConf.add()).isTrue();

    KeyValueRow initial = spark.conf.stream().filter(r -> r.key().equals("spark.dynamicAllocation.initialExecutors"))
        .findFirst().orElseThrow();
    spark.maxExecutors.textProperty().set("1");
    assertThat(initial.valueField.error()).contains("between the minimum (0) and maximum (1)");
  }

  @Test
  void sparkSettingKeysMustStartWithSparkAndNotRepeat() {
    SparkPanelModel spark = f.prep();

    spark.newConf.keyProperty().set("shuffle.partitions");
    assertThat(spark.newConf.error()).contains("keys start with spark.");
    spark.newConf.keyProperty().set("spark.sql.shuffle.partitions");
    assertThat(spark.newConf.error()).isEqualTo("spark.sql.shuffle.partitions is already set");
    assertThat(spark.suggestedKeys()).doesNotContain("spark.sql.shuffle.partitions")
        .contains("spark.executor.memoryOverhead", "spark.serializer", "spark.sql.adaptive.enabled");
  }

  @Test
  void aSparkSettingsValueIsEditedAndRemovedAsSingleEdits() {
    SparkPanelModel spark = f.prep();
    KeyValueRow partitions = spark.conf.get(0);

    assertThat(type(partitions.valueField, "many")).isFalse();
    assertThat(partitions.valueField.error()).contains("whole number");
    assertThat(type(partitions.valueField, "8")).isTrue();
    assertThat(f.prepSettings().conf()).containsEntry("spark.sql.shuffle.partitions", "8");

    partitions.remove();
    assertThat(f.prepSettings().conf()).isEmpty();
    assertThat(spark.conf).isEmpty();
    f.undo().undo();
    assertThat(spark.conf).hasSize(1);
    assertThat(spark.conf.get(0).valueField.text()).isEqualTo("8");
  }

  @Test
  void theFootprintLineSaysWhatLocalModeUsesOfThisMachine() {
    SparkPanelModel spark = f.prep();

    assertThat(spark.footprint()).isEqualTo("Asks 2 cores, 1 GiB (local mode: one JVM with a 1g heap, 2 executors × "
        + "1 core as threads) of 4 cores, 16 GiB (this machine): fits"
        + " · runs in the warm Spark driver (heap 1g, shared with other steps)");
    assertThat(spark.verdictProperty().get()).isEqualTo(SparkPanelModel.Verdict.FITS);
  }

  @Test
  void theFootprintLineFollowsWhatIsTypedBeforeItIsCommitted() {
    SparkPanelModel spark = f.prep();

    spark.driverMemory.textProperty().set("32g");

    assertThat(spark.footprint()).contains("32g heap").endsWith("does not fit: 32 GiB > 16 GiB");
    assertThat(spark.verdictProperty().get()).isEqualTo(SparkPanelModel.Verdict.DOES_NOT_FIT);
    assertThat(f.prepSettings().driverMemory()).isEqualTo("1g");
    spark.driverMemory.textProperty().set("32x");
    assertThat(spark.footprint()).contains("1g heap");
  }

  @Test
  void settingsThatLocalModeDoesNotUseAreNoted() {
    SparkPanelModel spark = f.prep();

    type(spark.executorMemory, "7g");

    assertThat(spark.footprintNotesProperty().get()).startsWith("executor memory 7g is not used");
  }

  @Test
  void theFootprintOnTheWorkspacesOwnLocalSparkSaysThisMachine() throws Exception {
    PropertiesViewModel real = new PropertiesViewModel(f.context);
    f.context.selectedNodeIdProperty().set("prep");

    SparkPanelModel spark = ((StepPanelModel) real.panel()).spark;

    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(spark.footprint()).startsWith("Asks 2 cores, 1 GiB (local mode")
        .contains("of " + cores + (cores == 1 ? " core, " : " cores, ")).contains("(this machine): ");
  }

  @Test
  void aSqlStepOnLocalSparkRunsInTheWarmDriverWithTheHeapAsTypedUntilAConfOnlyAStartingDriverTakesIsSet() {
    SparkPanelModel spark = f.prep();
    spark.driverMemory.textProperty().set("2g");
    assertThat(spark.footprint()).endsWith(": fits · runs in the warm Spark driver (heap 2g, shared with other steps)");

    spark.newConf.keyProperty().set("spark.driver.maxResultSize");
    spark.newConf.valueProperty().set("2g");
    assertThat(spark.newConf.add()).isTrue();

    assertThat(spark.footprint())
        .endsWith(": fits · runs in a JVM of its own: spark.driver.maxResultSize only applies when a driver starts");
    f.undo().undo();
    assertThat(spark.footprint()).endsWith("runs in the warm Spark driver (heap 2g, shared with other steps)");
  }

  @Test
  void aStepOnAComputeWhoseWarmDriverIsOffRunsInAJvmOfItsOwn() throws Exception {
    f.workspace.updateCompute("local-spark", java.util.Map.of("warmDriver", "false"));
    f.context.computes().setAll(f.workspace.computes());

    assertThat(f.prep().footprint()).endsWith(" · runs in a JVM of its own: the compute's warm driver setting is off");
  }

  @Test
  void whereTheDesignerRunsASqlStepEndsTheFootprintLine() {
    assertThat(SparkPanelModel.whereItRuns(java.util.Optional.empty(), "1g"))
        .isEqualTo(" · runs in the warm Spark driver (heap 1g, shared with other steps)");
    assertThat(SparkPanelModel.whereItRuns(java.util.Optional.of("spark.executor.memory only applies when a driver starts"),
        "1g")).isEqualTo(" · runs in a JVM of its own: spark.executor.memory only applies when a driver starts");
  }
}
