package io.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spark settings that Spark itself would refuse at start are errors at their line and column, with
 * the field named as the property panel labels it.
 */
class SparkValuesValidationTest {

  /** A one-step SQL pipeline whose step's {@code spark} object is {@code spark}, from line 9 on. */
  private static LoadedPipeline pipeline(String spark) {
    String text = """
        {
          "schemaVersion": 1,
          "id": "p",
          "name": "P",
          "defaultCompute": "local-spark",
          "steps": [
            {
              "id": "prep", "type": "spark", "entry": {"sql": "prep.sql"},
              "spark": %s
            }
          ]
        }
        """.formatted(spark);
    LoadedPipeline loaded = PipelineFormat.parse(text, "p.pipeline.json");
    assertThat(loaded.problems()).as("read problems").isEmpty();
    return loaded;
  }

  private static List<String> errors(LoadedPipeline loaded) {
    return PipelineValidator.validate(loaded.pipeline(), ValidationContext.NONE).stream()
        .filter(Diagnostic::isError)
        .map(d -> loaded.location(d) + " " + d.code() + " " + d.message())
        .toList();
  }

  @Test
  void driverMemoryBelowWhatSparkNeedsToStartIsAnErrorAtItsField() {
    LoadedPipeline p = pipeline("""
        {
                "driverMemory": "300m"
              }""");

    assertThat(errors(p)).containsExactly("10:9 PW129 Driver memory of step 'prep' 300m is below the 450m Spark "
        + "needs to start (it reserves 300 MiB of the heap and refuses less than 1.5 times that): use 512m or more");
  }

  @Test
  void executorMemoryHasTheSameMinimumAndTheMinimumItselfPasses() {
    LoadedPipeline below = pipeline("""
        {"driverMemory": "450m", "executorMemory": "449m"}""");
    LoadedPipeline exactly = pipeline("""
        {"driverMemory": "450m", "executorMemory": "460800k"}""");

    assertThat(errors(below)).singleElement().asString().startsWith("9:41 PW129 Executor memory of step 'prep' 449m");
    assertThat(errors(exactly)).isEmpty();
  }

  @Test
  void aBareNumberIsRefusedWithWhatItWouldMean() {
    LoadedPipeline p = pipeline("""
        {"driverMemory": "4096"}""");

    assertThat(errors(p)).containsExactly("9:17 PW113 Driver memory of step 'prep' '4096' has no unit: Spark's "
        + "settings read it as 4096 MiB, but spark-submit gives it to java as 4096 bytes; write 4096m, or 4096g for "
        + "4096 GiB");
  }

  @Test
  void aMemoryThatIsNotASizeIsRefused() {
    assertThat(errors(pipeline("""
        {"executorMemory": "1.5g"}"""))).singleElement().asString()
        .startsWith("9:17 PW113 Executor memory of step 'prep' '1.5g' is not a size Spark accepts");
  }

  @Test
  void zeroOrNegativeCoresAndExecutorsAreErrorsNamedAsOnTheScreen() {
    LoadedPipeline p = pipeline("""
        {"driverCores": 0, "executorCores": -2, "executors": 0}""");

    assertThat(errors(p)).containsExactly(
        "9:17 PW114 Driver cores of step 'prep' is 0; it must be 1 or more",
        "9:35 PW114 Executor cores of step 'prep' is -2; it must be 1 or more",
        "9:56 PW114 Executors of step 'prep' is 0; it must be 1 or more");
  }

  @Test
  void dynamicAllocationBoundsOutOfOrderAreErrors() {
    assertThat(errors(pipeline("""
        {"dynamicAllocation": {"minExecutors": 3, "maxExecutors": 2}}""")))
        .containsExactly("9:17 PW115 dynamic allocation of step 'prep' has minimum executors 3 above maximum executors 2");
    assertThat(errors(pipeline("""
        {"dynamicAllocation": {"minExecutors": -1, "maxExecutors": 0}}""")))
        .containsExactly("9:39 PW115 Minimum executors of step 'prep' is -1; it must be 0 or more",
            "9:59 PW115 Maximum executors of step 'prep' is 0; it must be 1 or more");
  }

  @Test
  void initialExecutorsOutsideTheDynamicBoundsIsAnErrorAtTheConfKey() {
    LoadedPipeline p = pipeline("""
        {"dynamicAllocation": {"minExecutors": 1, "maxExecutors": 4},
                 "conf": {"spark.dynamicAllocation.initialExecutors": "0"}}""");

    assertThat(errors(p)).containsExactly("10:19 PW115 step 'prep': spark.dynamicAllocation.initialExecutors 0 is "
        + "not between the minimum (1) and maximum (4) executors of its dynamic allocation");
    assertThat(errors(pipeline("""
        {"dynamicAllocation": {"minExecutors": 1, "maxExecutors": 4},
                 "conf": {"spark.dynamicAllocation.initialExecutors": "4"}}"""))).isEmpty();
  }

  @Test
  void knownConfKeysAreCheckedByTypeAtTheirKey() {
    LoadedPipeline p = pipeline("""
        {"conf": {
                  "spark.sql.shuffle.partitions": "abc",
                  "spark.sql.adaptive.enabled": "yes",
                  "spark.network.timeout": "2 minutes",
                  "spark.driver.maxResultSize": "lots",
                  "spark.memory.fraction": "1.5",
                  "spark.executor.memoryOverhead": "-1"
                }}""");

    assertThat(errors(p)).containsExactly(
        "13:11 PW130 step 'prep': spark.driver.maxResultSize 'lots' is not a size Spark accepts: a whole number "
            + "with a unit such as 10m or 1g (a bare number is bytes)",
        "15:11 PW130 step 'prep': spark.executor.memoryOverhead '-1' is not a size Spark accepts: a whole number "
            + "with a unit such as 512m or 1g (a bare number is MiB)",
        "14:11 PW130 step 'prep': spark.memory.fraction is a share of the heap: a number above 0 and at most 1, "
            + "not 1.5",
        "12:11 PW130 step 'prep': spark.network.timeout '2 minutes' is not a duration Spark accepts: a whole "
            + "number with a unit such as 30s, 500ms or 2min",
        "11:11 PW130 step 'prep': spark.sql.adaptive.enabled is true or false, not 'yes'",
        "10:11 PW130 step 'prep': spark.sql.shuffle.partitions must be a whole number of 1 or more, not 'abc'");
  }

  @Test
  void wellTypedKnownKeysAndUnknownKeysPass() {
    LoadedPipeline p = pipeline("""
        {"conf": {
                  "spark.sql.shuffle.partitions": "8",
                  "spark.sql.adaptive.enabled": "TRUE",
                  "spark.network.timeout": "300s",
                  "spark.executor.heartbeatInterval": "10000",
                  "spark.sql.autoBroadcastJoinThreshold": "-1",
                  "spark.driver.maxResultSize": "0",
                  "spark.memory.fraction": "0.75",
                  "spark.executor.memoryOverhead": "512",
                  "spark.my.own.setting": "anything at all"
                }}""");

    assertThat(errors(p)).isEmpty();
  }

  @Test
  void aConfKeyTheStepHasAFieldForIsAnErrorNamingTheField() {
    LoadedPipeline p = pipeline("""
        {"conf": {"spark.executor.memory": "4g", "spark.driver.cores": "2"}}""");

    assertThat(errors(p)).containsExactly(
        "9:57 PW131 step 'prep': spark.driver.cores is the step's Driver cores: set it there, not in the Spark conf "
            + "(Spark would get two values and use one of them)",
        "9:26 PW131 step 'prep': spark.executor.memory is the step's Executor memory: set it there, not in the Spark "
            + "conf (Spark would get two values and use one of them)");
  }

  @Test
  void anEmptyConfValueIsAnError() {
    assertThat(errors(pipeline("""
        {"conf": {"spark.my.setting": " "}}"""))).containsExactly(
        "9:26 PW130 step 'prep': spark.my.setting needs a value");
  }
}
