package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.workspace.ComputeTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings of one compute changed at the same moment from three workspaces open on one home (the
 * designer's property panel, a `pipewright computes set`, another command): each change is kept.
 * A change read the settings, changed one and wrote them all back; a change saved meanwhile by
 * another process was lost.
 */
class ConcurrentComputeChangesTest {

  private static final int ROUNDS = 40;

  @TempDir Path home;

  @Test
  void changesOfDifferentSettingsMadeAtOnceFromThreeWorkspacesAreAllKept() throws Exception {
    List<LocalWorkspace> workspaces = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int i = 0; i < 3; i++) {
        workspaces.add(LocalWorkspace.open(home));
      }
      for (int round = 0; round < ROUNDS; round++) {
        String flag = Boolean.toString(round % 2 == 0);
        List<Map<String, String>> changes = List.of(
            Map.of("jvmOptions", "-Dround=" + round),
            Map.of("classDataSharing", flag),
            Map.of("warmDriver", flag));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ComputeTarget>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          LocalWorkspace ws = workspaces.get(i);
          Map<String, String> change = changes.get(i);
          futures.add(pool.submit(() -> {
            assertThat(go.await(30, TimeUnit.SECONDS)).isTrue();
            return ws.updateCompute(ComputeTarget.LOCAL_SPARK, change);
          }));
        }
        go.countDown();
        for (Future<ComputeTarget> f : futures) {
          f.get(1, TimeUnit.MINUTES);
        }

        Map<String, String> saved = workspaces.get(0).compute(ComputeTarget.LOCAL_SPARK).orElseThrow().settings();
        assertThat(saved).as("round %d", round)
            .containsEntry("jvmOptions", "-Dround=" + round)
            .containsEntry("classDataSharing", flag)
            .containsEntry("warmDriver", flag);
      }
    } finally {
      pool.shutdownNow();
      workspaces.forEach(LocalWorkspace::close);
    }
  }
}
