package io.pipewright.app.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Many finished runs written straight into a workspace's SQLite history (real SQLite), for lists of
 * thousands of runs that real runs would take too long to make. Run {@code i} (from 0) of {@code
 * n} is {@code run-00000i}, started {@code i} minutes after {@link #T0} and lasting {@code 10 + i % 50}
 * seconds, in experiment {@code experiments[i % experiments.length]}, with parameter rows = i; every
 * seventh run failed; where the schema has them, every tenth ran on target spark-cluster and every
 * ninth regenerated its outputs.
 */
public final class HistoryRows {
  public static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

  private HistoryRows() {}

  public static String id(int i) {
    return String.format("run-%06d", i);
  }

  public static boolean failed(int i) {
    return i % 7 == 3;
  }

  /** Writes runs 0 to n - 1 into the history at {@code home/history.db} (open or not). */
  public static void insert(Path home, int n, List<String> experiments) throws SQLException {
    insert(home, 0, n, experiments);
  }

  /** Writes runs {@code from} to {@code to - 1}. */
  public static void insert(Path home, int from, int to, List<String> experiments) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("history.db"))) {
      c.setAutoCommit(false);
      Map<String, Long> ids = new HashMap<>();
      for (String name : experiments) {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO experiments(name, created_at) VALUES (?,?)")) {
          ps.setString(1, name);
          ps.setLong(2, T0.toEpochMilli());
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM experiments WHERE name = ?")) {
          ps.setString(1, name);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            ids.put(name, rs.getLong(1));
          }
        }
      }
      java.util.Set<String> columns = new java.util.HashSet<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(runs)")) {
        while (rs.next()) {
          columns.add(rs.getString("name"));
        }
      }
      // the schema as it is: the pipeline's copy moved out of runs, the target and regenerate flag came later
      boolean json = columns.contains("pipeline_json");
      boolean target = columns.contains("target");
      String sql = "INSERT INTO runs(id, experiment_id, pipeline_id, pipeline_name, pipeline_file, parameters, status,"
          + " message, created_at, started_at, ended_at, owner_pid, owner_started"
          + (json ? ", pipeline_json" : "") + (target ? ", target, regenerate" : "") + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?"
          + (json ? ",?" : "") + (target ? ",?,?" : "") + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = from; i < to; i++) {
          Instant start = T0.plusSeconds(60L * i);
          int k = 1;
          ps.setString(k++, id(i));
          ps.setLong(k++, ids.get(experiments.get(i % experiments.size())));
          ps.setString(k++, "seeded");
          ps.setString(k++, "Seeded pipeline");
          ps.setString(k++, "/nowhere/seeded.pipeline.json");
          ps.setString(k++, "{\"rows\":\"" + i + "\"}");
          ps.setString(k++, failed(i) ? "Failed" : "Completed");
          ps.setString(k++, failed(i) ? "step 'prep' failed: exit code 1" : null);
          ps.setLong(k++, start.toEpochMilli());
          ps.setLong(k++, start.toEpochMilli());
          ps.setLong(k++, start.plusSeconds(10 + i % 50).toEpochMilli());
          ps.setLong(k++, 1);
          ps.setLong(k++, 1);
          if (json) {
            ps.setString(k++, "{}");
          }
          if (target) {
            ps.setString(k++, i % 10 == 0 ? "spark-cluster" : null);
            ps.setInt(k++, i % 9 == 0 ? 1 : 0);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }

  /** How many runs the history file holds. */
  public static int count(Path home) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("history.db"));
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM runs")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
