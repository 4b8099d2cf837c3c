package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.workspace.WorkspaceException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history's schema migrations. */
class HistoryStoreTest {

  @TempDir Path temp;

  @Test
  void aNewHistoryIsMigratedToTheLatestSchemaAndReopeningChangesNothing() throws Exception {
    Path db = temp.resolve("history.db");
    try (HistoryStore store = HistoryStore.open(db)) {
      assertThat(store.schemaVersion()).isEqualTo(6);
    }
    try (HistoryStore store = HistoryStore.open(db)) {
      assertThat(store.schemaVersion()).isEqualTo(6);
      assertThat(store.runs(10)).isEmpty();
    }
  }

  @Test
  void aVersion2HistoryKeepsItsDatasetsThroughMigration3WhichReadAsComma() throws Exception {
    Path db = temp.resolve("history.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      for (String migration : new String[] {"V1__history.sql", "V2__file_hashes.sql"}) {
        String sql = new String(HistoryStore.class.getResourceAsStream("migrations/" + migration).readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
        for (String statement : sql.split(";\\s*(\\n|$)")) {
          if (!statement.strip().isEmpty() && !statement.lines().allMatch(l -> l.strip().startsWith("--") || l.isBlank())) {
            s.execute(statement);
          }
        }
      }
      s.execute("PRAGMA user_version = 2");
      s.execute("INSERT INTO datasets(name, version, kind, location, created_at) VALUES ('titanic', 1, 'tabular', '/d', 0)");
    }

    try (HistoryStore store = HistoryStore.open(db)) {
      assertThat(store.schemaVersion()).isEqualTo(6);
      assertThat(store.datasets()).singleElement().satisfies(d -> {
        assertThat(d.name()).isEqualTo("titanic");
        assertThat(d.delimiter()).isNull();
        assertThat(d.delimiterOrDefault()).isEqualTo(',');
      });
    }
  }

  @Test
  void aVersion5HistoryKeepsItsRunsAndTheirPipelinesThroughMigration6() throws Exception {
    Path db = temp.resolve("history.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      for (String migration : new String[] {"V1__history.sql", "V2__file_hashes.sql", "V3__designer.sql",
          "V4__connection_tests.sql", "V5__remote_jobs.sql"}) {
        String sql = new String(HistoryStore.class.getResourceAsStream("migrations/" + migration).readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
        for (String statement : sql.split(";\\s*(\\n|$)")) {
          if (!statement.strip().isEmpty() && !statement.lines().allMatch(l -> l.strip().startsWith("--") || l.isBlank())) {
            s.execute(statement);
          }
        }
      }
      s.execute("PRAGMA user_version = 5");
      s.execute("INSERT INTO experiments(id, name, created_at) VALUES (1, 'titanic', 0)");
      s.execute("INSERT INTO runs(id, experiment_id, pipeline_id, pipeline_name, pipeline_file, pipeline_json, parameters,"
          + " status, created_at, owner_pid, owner_started) VALUES ('r1', 1, 'p', 'P', '/p.json', '{\"id\":\"p\"}',"
          + " '{\"epochs\":\"10\"}', 'Completed', 1000, 1, 1)");
    }

    try (HistoryStore store = HistoryStore.open(db)) {
      assertThat(store.schemaVersion()).isEqualTo(6);
      assertThat(store.pipelineJson("r1")).contains("{\"id\":\"p\"}");
      assertThat(store.run("r1")).get().satisfies(r -> {
        assertThat(r.target()).isNull();
        assertThat(r.regenerateOutputs()).isFalse();
        assertThat(r.parameters()).containsEntry("epochs", "10");
      });
    }
  }

  @Test
  void aHistoryWrittenByANewerPipewrightIsRefusedNotDowngraded() throws Exception {
    Path db = temp.resolve("history.db");
    HistoryStore.open(db).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 9");
    }

    assertThatThrownBy(() -> HistoryStore.open(db))
        .isInstanceOf(WorkspaceException.class)
        .hasMessage("the run history was written by a newer Pipewright (schema 9; this version knows up to 6)");
  }
}
