package io.pipewright.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.history.RunsView;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepProgress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the Runs view's steps table says about a step. */
class RunsViewTextTest {

  @Test
  void aRunningSparkStepSaysHowFarItHasCome() {
    StepRunState prep = new StepRunState("prep", "Prepare data");
    prep.setStatus(RunStatus.RUNNING, "local-spark");
    assertThat(RunsView.messageOf(prep)).isEqualTo("on local-spark");

    prep.setProgress(new StepProgress("r", "prep", 1, 3, 150, 200, 4, "count at prep.sql:3", "Spark UI", Instant.now()));

    assertThat(RunsView.messageOf(prep)).isEqualTo("stage 2 of 3 · 150/200 tasks on local-spark");
    prep.setStatus(RunStatus.COMPLETED, null);
    assertThat(RunsView.messageOf(prep)).isEmpty();
  }

  @Test
  void aReusedStepSaysWhichRunItsResultsCameFrom() {
    StepRunState prep = new StepRunState("prep", "Prepare data");
    prep.setStatus(RunStatus.REUSED, "identical to step 'prep' of run 20261205-101707-67d6");

    assertThat(RunsView.reuseOf(prep)).isEqualTo("reused: identical to step 'prep' of run 20261205-101707-67d6");
    assertThat(RunsView.messageOf(prep)).isEmpty();
  }
}
