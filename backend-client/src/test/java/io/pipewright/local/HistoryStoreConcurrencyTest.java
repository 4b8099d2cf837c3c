package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.model.DatasetKind;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One history file opened and written by many connections at once, each as a process of its own
 * would (its own SQLite connection; SQLite locks between connections of one process as between
 * processes): the schema created once, no write refused as busy, one run per id, dataset versions
 * numbered without gaps or repeats. ConcurrentRunsTest does the same with real processes.
 */
class HistoryStoreConcurrencyTest {

  private static final int CONNECTIONS = 16;
  private static final int RUNS_EACH = 10;
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

  @TempDir Path temp;

  private static HistoryStore.NewRun run(String id) {
    return new HistoryStore.NewRun(id, "shared", "p", "P", "/p.pipeline.json", "{}", "{}", 1, 1,
        List.of(new HistoryStore.NewChild("s", "s", "local-process")));
  }

  /** Runs {@code work} on {@link #CONNECTIONS} threads released at once; returns what each returned. */
  private static <T> List<T> atOnce(Work<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      CountDownLatch ready = new CountDownLatch(CONNECTIONS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          ready.countDown();
          assertThat(go.await(30, TimeUnit.SECONDS)).isTrue();
          return work.run(index);
        }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(2, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private interface Work<T> {
    T run(int index) throws Exception;
  }

  @Test
  void manyConnectionsOpenAFreshHistoryAtOnceAndWriteRunsAndDatasetVersionsWithoutBusyErrors() throws Exception {
    Path db = temp.resolve("history.db");
    List<List<Integer>> versions = atOnce(index -> {
      List<Integer> mine = new ArrayList<>();
      try (HistoryStore store = HistoryStore.open(db)) {
        for (int r = 0; r < RUNS_EACH; r++) {
          String id = "run-" + index + "-" + r;
          assertThat(store.insertRun(run(id), NOW)).isTrue();
          store.setRunStatus(id, RunStatus.RUNNING, null, NOW);
          store.setChildStatus(id, "s", RunStatus.RUNNING, null, NOW);
          DatasetVersion v = store.registerDataset("shared", DatasetKind.TABULAR, "/data/" + id, id, "s", NOW);
          mine.add(v.version());
          store.setChildStatus(id, "s", RunStatus.COMPLETED, null, NOW);
          store.setRunStatus(id, RunStatus.COMPLETED, null, NOW);
        }
      }
      return mine;
    });

    List<Integer> all = versions.stream().flatMap(List::stream).sorted().toList();
    int total = CONNECTIONS * RUNS_EACH;
    assertThat(all).as("dataset versions, one per registration").hasSize(total).doesNotHaveDuplicates()
        .startsWith(1).endsWith(total);
    try (HistoryStore store = HistoryStore.open(db)) {
      assertThat(store.schemaVersion()).isEqualTo(6);
      List<RunSummary> runs = store.runs(1000);
      assertThat(runs).hasSize(total);
      assertThat(runs).extracting(RunSummary::status).containsOnly(RunStatus.COMPLETED);
      assertThat(store.experiments()).hasSize(1);
      assertThat(store.datasets()).hasSize(total);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
  }

  @Test
  void whenConnectionsDrawTheSameRunIdOnlyOneRecordsIt() throws Exception {
    Path db = temp.resolve("history.db");
    try (HistoryStore first = HistoryStore.open(db)) {
      assertThat(first.schemaVersion()).isEqualTo(6);
    }
    List<Boolean> inserted = atOnce(index -> {
      try (HistoryStore store = HistoryStore.open(db)) {
        return store.insertRun(run("20261205-120000-beef"), NOW);
      }
    });

    assertThat(inserted).containsOnlyOnce(true);
    try (HistoryStore store = HistoryStore.open(db)) {
      assertThat(store.runs(10)).extracting(RunSummary::runId).containsExactly("20261205-120000-beef");
      assertThat(store.childRuns("20261205-120000-beef")).hasSize(1);
    }
  }
}
