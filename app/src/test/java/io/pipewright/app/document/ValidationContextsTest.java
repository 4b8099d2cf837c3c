package io.pipewright.app.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.testing.ForwardingWorkspace;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.ComputeProfile;
import io.pipewright.model.ValidationContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What validation learns from a workspace (the command line's validate and run use this). */
class ValidationContextsTest {
  @TempDir Path home;

  @Test
  void aTargetCountsAsTestedOnlyWhenTheWorkspaceSaysItPassedAConnectionTest() throws Exception {
    try (ForwardingWorkspace workspace = new ForwardingWorkspace(LocalWorkspace.open(home)) {
      @Override
      public Set<String> testedComputes() {
        return Set.of("local-spark", "local-process");
      }
    }) {
      workspace.attachCompute("cluster1", "spark-standalone",
          Map.of("masterUrl", "spark://127.0.0.1:7077", "restUrl", "http://127.0.0.1:6066"));

      ValidationContext context = ValidationContexts.of(home, workspace);

      assertThat(context.computes()).extractingFromEntries(e -> e.getKey(), e -> e.getValue().tested())
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("local-spark", true),
              org.assertj.core.groups.Tuple.tuple("local-process", true),
              org.assertj.core.groups.Tuple.tuple("cluster1", false));
      assertThat(context.computes().get("cluster1")).extracting(ComputeProfile::isRemote).isEqualTo(true);
    }
  }

  @Test
  void withoutKnowingTheTestsEveryTargetCountsAsTested() {
    ValidationContext context = ValidationContexts.of(home, java.util.List.of(
        new io.pipewright.workspace.ComputeTarget("cluster1", "spark-standalone", Map.of())));

    assertThat(context.computes().get("cluster1").tested()).isTrue();
  }
}
