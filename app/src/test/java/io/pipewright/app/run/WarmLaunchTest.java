package io.pipewright.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Telling a step run in a warm Spark driver from its recorded launch. */
class WarmLaunchTest {

  @Test
  void aWarmLaunchNamesTheDriversPid() {
    assertThat(WarmLaunch.where("warm driver pid 4242 (started 2 min ago, Spark UI http://127.0.0.1:4040, "
        + "job group run-1/prep)")).contains("the warm Spark driver (pid 4242)");
    assertThat(WarmLaunch.where("'warm Spark driver pid 4242:' io.pipewright.spark.SqlStepDriver --sql step.sql"))
        .contains("the warm Spark driver (pid 4242)");
  }

  @Test
  void aColdLaunchIsACommandLine() {
    assertThat(WarmLaunch.where("/usr/lib/jvm/java-17/bin/java -Xmx1g -cp /x/jars/* "
        + "org.apache.spark.deploy.SparkSubmit --master local[2] --class io.pipewright.spark.SqlStepDriver")).isEmpty();
    assertThat(WarmLaunch.where(null)).isEmpty();
    assertThat(WarmLaunch.where(" ")).isEmpty();
  }
}
