package io.pipewright.local;

import io.pipewright.model.DatasetKind;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.ExperimentSummary;
import io.pipewright.workspace.RunPage;
import io.pipewright.workspace.RunQuery;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded workspace's history in SQLite: experiments, runs, child runs with every status
 * transition, registered datasets, compute targets, linked services and datastores.
 *
 * <p>One connection, used under this object's lock; WAL journal so that other processes (a second
 * {@code pipewright runs list}) read while a run writes. Every change is one transaction, so a
 * killed process leaves the database as of its last completed change. Schema changes are numbered
 * migrations under {@code io/pipewright/local/migrations}.
 *
 * <p>Many processes may share one history (twenty {@code pipewright run} at once, the designer and
 * the command line): every transaction that writes takes the write lock at its start ({@code BEGIN
 * IMMEDIATE}) and waits for it up to {@link #BUSY_TIMEOUT_MILLIS}, set before the first statement;
 * migrations read the schema version again under that lock.
 */
final class HistoryStore implements AutoCloseable {

  /** Migrations in order; the schema version is the number applied. */
  private static final List<String> MIGRATIONS = List.of("V1__history.sql", "V2__file_hashes.sql", "V3__designer.sql",
      "V4__connection_tests.sql",
      "V5__remote_jobs.sql", "V6__run_view.sql");

  private final Connection connection;

  private HistoryStore(Connection connection) {
    this.connection = connection;
  }

  /** How long a statement waits for another process's write to end before the history gives up. */
  static final int BUSY_TIMEOUT_MILLIS = 30_000;

  static HistoryStore open(Path databaseFile) throws WorkspaceException {
    SqliteNativeLibrary.useCachedCopy(UserCache.directory());
    try {
      // The busy timeout is set by the driver as the connection opens, before any statement: the
      // first ones (the switch to WAL, the schema check) are those that meet other processes opening
      // the same history at the same moment.
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
      Connection c = config.createConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath());
      try {
        useWal(c);
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA synchronous = NORMAL");
          s.execute("PRAGMA foreign_keys = ON");
        }
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      HistoryStore store = new HistoryStore(c);
      try {
        store.migrate();
      } catch (WorkspaceException | SQLException e) {
        store.close();
        throw e;
      }
      return store;
    } catch (SQLException e) {
      throw new WorkspaceException("cannot open the run history " + databaseFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * Switches the history to WAL (once per database: the mode is kept in the file). The switch takes
   * the database for itself for a moment; when another process holds it, SQLite may answer busy
   * without waiting, so the switch is tried again until the busy timeout has passed.
   */
  private static void useWal(Connection c) throws SQLException {
    long deadline = System.nanoTime() + BUSY_TIMEOUT_MILLIS * 1_000_000L;
    for (int attempt = 0; ; attempt++) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
        String mode = rs.next() ? rs.getString(1) : "";
        if ("wal".equalsIgnoreCase(mode)) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new SQLException("the run history stays in journal mode '" + mode + "', not WAL");
        }
      } catch (SQLException e) {
        if (!isBusy(e) || System.nanoTime() > deadline) {
          throw e;
        }
      }
      pause(attempt);
    }
  }

  private static boolean isBusy(SQLException e) {
    return e instanceof SQLiteException se && (se.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code;
  }

  /** A short, growing pause between attempts at a busy database (1 to 50 ms). */
  private static void pause(int attempt) throws SQLException {
    try {
      Thread.sleep(Math.min(50, 1L << Math.min(attempt, 6)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the run history", e);
    }
  }

  /**
   * Brings the schema up to date. Processes that open a new or older history at the same moment
   * race here: each migration runs in an immediate transaction (one writer at a time) that reads
   * the schema version again inside it, so a migration another process applied meanwhile is not
   * applied twice.
   */
  private synchronized void migrate() throws SQLException, WorkspaceException {
    while (true) {
      int current = schemaVersion();
      if (current > MIGRATIONS.size()) {
        throw new WorkspaceException("the run history was written by a newer Pipewright (schema "
            + current + "; this version knows up to " + MIGRATIONS.size() + ")");
      }
      if (current == MIGRATIONS.size()) {
        return;
      }
      inTransaction(() -> {
        int version = schemaVersion();
        if (version >= MIGRATIONS.size()) {
          return; // applied by another process while this one waited for the lock
        }
        String name = MIGRATIONS.get(version);
        String sql;
        try {
          sql = resource("migrations/" + name);
        } catch (WorkspaceException e) {
          throw new SQLException(e.getMessage(), e);
        }
        try (Statement s = connection.createStatement()) {
          for (String statement : sql.split(";\\s*(\\n|$)")) {
            String trimmed = statement.strip();
            if (!trimmed.isEmpty() && !trimmed.lines().allMatch(l -> l.strip().startsWith("--") || l.isBlank())) {
              s.execute(trimmed);
            }
          }
          s.execute("PRAGMA user_version = " + (version + 1));
        }
      });
    }
  }

  private static String resource(String name) throws WorkspaceException {
    try (InputStream in = HistoryStore.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new WorkspaceException("missing migration " + name + " in the application");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WorkspaceException("cannot read migration " + name, e);
    }
  }

  int schemaVersion() throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  // ---- runs ---------------------------------------------------------------------------------

  record NewRun(
      String runId,
      String experiment,
      String pipelineId,
      String pipelineName,
      String pipelineFile,
      String pipelineJson,
      String parametersJson,
      long ownerPid,
      long ownerStarted,
      List<NewChild> children,
      String target,
      boolean regenerate) {

    /** A run with each step on its own compute, not regenerating its outputs. */
    NewRun(String runId, String experiment, String pipelineId, String pipelineName, String pipelineFile,
        String pipelineJson, String parametersJson, long ownerPid, long ownerStarted, List<NewChild> children) {
      this(runId, experiment, pipelineId, pipelineName, pipelineFile, pipelineJson, parametersJson, ownerPid,
          ownerStarted, children, null, false);
    }
  }

  record NewChild(String stepId, String stepName, String compute) {}

  /**
   * Records a new run, Not started, with its child runs; false (nothing recorded) when a run of that
   * id exists, say one another process started in the same second with the same random suffix.
   */
  synchronized boolean insertRun(NewRun run, Instant now) throws SQLException {
    boolean[] inserted = new boolean[1];
    inTransaction(() -> {
      try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM runs WHERE id = ?")) {
        ps.setString(1, run.runId());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
      }
      inserted[0] = true;
      long experimentId = experimentId(run.experiment(), now);
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO runs(id, experiment_id, pipeline_id, pipeline_name, pipeline_file, parameters,"
              + " status, created_at, owner_pid, owner_started, target, regenerate) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
        ps.setString(1, run.runId());
        ps.setLong(2, experimentId);
        ps.setString(3, run.pipelineId());
        ps.setString(4, run.pipelineName());
        ps.setString(5, run.pipelineFile());
        ps.setString(6, run.parametersJson());
        ps.setString(7, RunStatus.NOT_STARTED.label());
        ps.setLong(8, now.toEpochMilli());
        ps.setLong(9, run.ownerPid());
        ps.setLong(10, run.ownerStarted());
        ps.setString(11, run.target());
        ps.setInt(12, run.regenerate() ? 1 : 0);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO run_pipelines(run_id, pipeline_json) VALUES (?,?)")) {
        ps.setString(1, run.runId());
        ps.setString(2, run.pipelineJson());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO child_runs(run_id, step_id, step_name, compute, status) VALUES (?,?,?,?,?)")) {
        for (NewChild child : run.children()) {
          ps.setString(1, run.runId());
          ps.setString(2, child.stepId());
          ps.setString(3, child.stepName());
          ps.setString(4, child.compute());
          ps.setString(5, RunStatus.NOT_STARTED.label());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      transition(run.runId(), null, RunStatus.NOT_STARTED, null, now);
    });
    return inserted[0];
  }

  private long experimentId(String name, Instant now) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM experiments WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO experiments(name, created_at) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, name);
      ps.setLong(2, now.toEpochMilli());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** Sets a run's status; a first Running sets started_at and a final status sets ended_at. */
  synchronized void setRunStatus(String runId, RunStatus status, String message, Instant at) throws SQLException {
    inTransaction(() -> {
      try (PreparedStatement ps = connection.prepareStatement(
          "UPDATE runs SET status = ?, message = ?,"
              + " started_at = CASE WHEN started_at IS NULL AND ? THEN ? ELSE started_at END,"
              + " ended_at = CASE WHEN ? THEN ? ELSE ended_at END WHERE id = ?")) {
        ps.setString(1, status.label());
        ps.setString(2, message);
        ps.setBoolean(3, status != RunStatus.NOT_STARTED && status != RunStatus.QUEUED);
        ps.setLong(4, at.toEpochMilli());
        ps.setBoolean(5, status.isFinal());
        ps.setLong(6, at.toEpochMilli());
        ps.setString(7, runId);
        ps.executeUpdate();
      }
      transition(runId, null, status, message, at);
    });
  }

  /** Sets a child run's status, with the same rules for its start and end times. */
  synchronized void setChildStatus(String runId, String stepId, RunStatus status, String message, Instant at)
      throws SQLException {
    inTransaction(() -> {
      try (PreparedStatement ps = connection.prepareStatement(
          "UPDATE child_runs SET status = ?, message = ?,"
              + " started_at = CASE WHEN started_at IS NULL AND ? THEN ? ELSE started_at END,"
              + " ended_at = CASE WHEN ? THEN ? ELSE ended_at END WHERE run_id = ? AND step_id = ?")) {
        ps.setString(1, status.label());
        ps.setString(2, message);
        boolean started = status == RunStatus.PREPARING || status == RunStatus.RUNNING || status == RunStatus.REUSED;
        ps.setBoolean(3, started);
        ps.setLong(4, at.toEpochMilli());
        ps.setBoolean(5, status.isFinal());
        ps.setLong(6, at.toEpochMilli());
        ps.setString(7, runId);
        ps.setString(8, stepId);
        ps.executeUpdate();
      }
      transition(runId, stepId, status, message, at);
    });
  }

  private void transition(String runId, String stepId, RunStatus status, String message, Instant at)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO status_transitions(run_id, step_id, status, message, at) VALUES (?,?,?,?,?)")) {
      ps.setString(1, runId);
      ps.setString(2, stepId);
      ps.setString(3, status.label());
      ps.setString(4, message);
      ps.setLong(5, at.toEpochMilli());
      ps.executeUpdate();
    }
  }

  synchronized void setChildFingerprint(String runId, String stepId, String fingerprint, String partsJson)
      throws SQLException {
    update("UPDATE child_runs SET fingerprint = ?, fingerprint_parts = ? WHERE run_id = ? AND step_id = ?",
        fingerprint, partsJson, runId, stepId);
  }

  /** As above, with the detail behind each part (JSON: part to field to value), to explain a later run's changes. */
  synchronized void setChildFingerprint(String runId, String stepId, String fingerprint, String partsJson,
      String detailsJson) throws SQLException {
    update("UPDATE child_runs SET fingerprint = ?, fingerprint_parts = ?, fingerprint_details = ?"
        + " WHERE run_id = ? AND step_id = ?", fingerprint, partsJson, detailsJson, runId, stepId);
  }

  /** Records the reuse decision with, when it was not reused, what changed (JSON list of lines). */
  synchronized void setChildReuse(String runId, String stepId, String reusedFrom, String reason, String changesJson)
      throws SQLException {
    update("UPDATE child_runs SET reused_from = ?, reuse = ?, reuse_changes = ? WHERE run_id = ? AND step_id = ?",
        reusedFrom, reason, changesJson, runId, stepId);
  }

  /** Records how a step was launched (masked) and the data handed to its inputs (JSON: port to path). */
  synchronized void setChildLaunch(String runId, String stepId, String launch) throws SQLException {
    update("UPDATE child_runs SET launch = ? WHERE run_id = ? AND step_id = ?", launch, runId, stepId);
  }

  synchronized void setChildInputs(String runId, String stepId, String inputsJson) throws SQLException {
    update("UPDATE child_runs SET inputs = ? WHERE run_id = ? AND step_id = ?", inputsJson, runId, stepId);
  }

  /** Records a step's exit code and where its failure cause is in its logs (each null when not known). */
  synchronized void setChildEnding(String runId, String stepId, Integer exitCode, String failureStream,
      Long failureLine) throws SQLException {
    update("UPDATE child_runs SET exit_code = ?, failure_stream = ?, failure_line = ? WHERE run_id = ? AND step_id = ?",
        exitCode, failureStream, failureLine, runId, stepId);
  }

  /** What the history keeps of one child run beyond its {@link ChildRun}. */
  record ChildDetails(String launch, Integer exitCode, String inputsJson, String failureStream, Long failureLine,
      String reuseChangesJson) {}

  synchronized Optional<ChildDetails> childDetails(String runId, String stepId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT launch, exit_code, inputs, failure_stream, failure_line, reuse_changes FROM child_runs"
            + " WHERE run_id = ? AND step_id = ?")) {
      ps.setString(1, runId);
      ps.setString(2, stepId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        int exit = rs.getInt(2);
        Integer exitCode = rs.wasNull() ? null : exit;
        long line = rs.getLong(5);
        Long failureLine = rs.wasNull() ? null : line;
        return Optional.of(new ChildDetails(rs.getString(1), exitCode, rs.getString(3), rs.getString(4), failureLine,
            rs.getString(6)));
      }
    }
  }

  /** Dataset versions registered from a step of a run. */
  synchronized List<DatasetVersion> datasetsOf(String runId, String stepId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        DATASET_SELECT + " WHERE run_id = ? AND step_id = ? ORDER BY name, version")) {
      ps.setString(1, runId);
      ps.setString(2, stepId);
      List<DatasetVersion> list = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          list.add(datasetVersion(rs));
        }
      }
      return list;
    }
  }

  /** A step's status transitions, oldest first. */
  synchronized List<Transition> transitions(String runId, String stepId) throws SQLException {
    List<Transition> list = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT step_id, status, message, at FROM status_transitions WHERE run_id = ? AND step_id = ? ORDER BY id")) {
      ps.setString(1, runId);
      ps.setString(2, stepId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          list.add(new Transition(rs.getString(1), RunStatus.fromLabel(rs.getString(2)), rs.getString(3), instant(rs, 4)));
        }
      }
    }
    return list;
  }

  synchronized void setChildReuse(String runId, String stepId, String reusedFrom, String reason) throws SQLException {
    update("UPDATE child_runs SET reused_from = ?, reuse = ? WHERE run_id = ? AND step_id = ?",
        reusedFrom, reason, runId, stepId);
  }

  synchronized void setChildProcess(String runId, String stepId, long pid, long pidStarted) throws SQLException {
    update("UPDATE child_runs SET pid = ?, pid_started = ? WHERE run_id = ? AND step_id = ?",
        pid, pidStarted, runId, stepId);
  }

  /** Records the id of the step's job on its remote engine (for crash recovery). */
  synchronized void setChildRemoteJob(String runId, String stepId, String remoteJob) throws SQLException {
    update("UPDATE child_runs SET remote_job = ? WHERE run_id = ? AND step_id = ?", remoteJob, runId, stepId);
  }

  synchronized void recordOutput(String runId, String stepId, String port, String path) throws SQLException {
    update("INSERT OR REPLACE INTO step_outputs(run_id, step_id, port, path) VALUES (?,?,?,?)",
        runId, stepId, port, path);
  }

  /** A completed child run whose result a new one may reuse. */
  record ReuseCandidate(String runId, String stepId, Instant endedAt, Map<String, String> outputs) {}

  /** Completed child runs with this fingerprint, newest first. */
  synchronized List<ReuseCandidate> completedWithFingerprint(String fingerprint) throws SQLException {
    List<ReuseCandidate> found = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT run_id, step_id, ended_at FROM child_runs WHERE fingerprint = ? AND status = ?"
            + " ORDER BY ended_at DESC LIMIT 20")) {
      ps.setString(1, fingerprint);
      ps.setString(2, RunStatus.COMPLETED.label());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(new ReuseCandidate(rs.getString(1), rs.getString(2), instant(rs, 3), Map.of()));
        }
      }
    }
    List<ReuseCandidate> withOutputs = new ArrayList<>();
    for (ReuseCandidate c : found) {
      withOutputs.add(new ReuseCandidate(c.runId(), c.stepId(), c.endedAt(), outputs(c.runId(), c.stepId())));
    }
    return withOutputs;
  }

  /**
   * The fingerprint of the step's latest Completed child run in a run of the same pipeline: its parts
   * and their detail (null when recorded before details were, schema 5); empty when there is none.
   */
  record LastFingerprint(String partsJson, String detailsJson) {}

  synchronized Optional<LastFingerprint> lastFingerprint(String pipelineId, String stepId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT c.fingerprint_parts, c.fingerprint_details FROM child_runs c JOIN runs r ON r.id = c.run_id"
            + " WHERE r.pipeline_id = ? AND c.step_id = ? AND c.status = ? AND c.fingerprint_parts IS NOT NULL"
            + " ORDER BY c.ended_at DESC LIMIT 1")) {
      ps.setString(1, pipelineId);
      ps.setString(2, stepId);
      ps.setString(3, RunStatus.COMPLETED.label());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new LastFingerprint(rs.getString(1), rs.getString(2))) : Optional.empty();
      }
    }
  }

  /** A successful (Completed or Reused) child run whose recorded outputs a rerun takes instead of running the step. */
  record RecordedResult(String runId, RunStatus status, Instant endedAt, String fingerprint, String fingerprintParts,
      Map<String, String> outputs) {}

  /** The latest successful child run of this step of this pipeline (by end time), with its outputs. */
  synchronized Optional<RecordedResult> latestSuccessful(String pipelineId, String stepId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT c.run_id, c.status, c.ended_at, c.fingerprint, c.fingerprint_parts FROM child_runs c"
            + " JOIN runs r ON r.id = c.run_id WHERE r.pipeline_id = ? AND c.step_id = ? AND c.status IN (?, ?)"
            + " ORDER BY c.ended_at DESC, r.created_at DESC LIMIT 1")) {
      ps.setString(1, pipelineId);
      ps.setString(2, stepId);
      ps.setString(3, RunStatus.COMPLETED.label());
      ps.setString(4, RunStatus.REUSED.label());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String runId = rs.getString(1);
        return Optional.of(new RecordedResult(runId, RunStatus.fromLabel(rs.getString(2)), instant(rs, 3),
            rs.getString(4), rs.getString(5), outputs(runId, stepId)));
      }
    }
  }

  synchronized Map<String, String> outputs(String runId, String stepId) throws SQLException {
    Map<String, String> outputs = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT port, path FROM step_outputs WHERE run_id = ? AND step_id = ? ORDER BY port")) {
      ps.setString(1, runId);
      ps.setString(2, stepId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          outputs.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return outputs;
  }

  synchronized List<RunSummary> runs(int limit) throws SQLException {
    return runsWhere("1 = 1 ORDER BY r.created_at DESC, r.rowid DESC LIMIT " + Math.max(1, limit));
  }

  synchronized Optional<RunSummary> run(String runId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(RUN_SELECT + " WHERE r.id = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(runSummary(rs)) : Optional.empty();
      }
    }
  }

  /** Runs whose status is not final: in progress, or left behind by a process that died. */
  synchronized List<UnfinishedRun> unfinishedRuns() throws SQLException {
    List<UnfinishedRun> runs = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT id, owner_pid, owner_started FROM runs WHERE status NOT IN (?,?,?,?)")) {
      int i = 1;
      for (RunStatus s : RunStatus.values()) {
        if (s.isFinal()) {
          ps.setString(i++, s.label());
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          runs.add(new UnfinishedRun(rs.getString(1), rs.getLong(2), rs.getLong(3)));
        }
      }
    }
    return runs;
  }

  record UnfinishedRun(String runId, long ownerPid, long ownerStarted) {}

  /** A child run's local process, and its compute and job id when it ran on a remote engine. */
  record ChildProcess(String stepId, RunStatus status, long pid, long pidStarted, String compute, String remoteJob) {}

  synchronized List<ChildProcess> childProcesses(String runId) throws SQLException {
    List<ChildProcess> list = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT step_id, status, pid, pid_started, compute, remote_job FROM child_runs WHERE run_id = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          list.add(new ChildProcess(rs.getString(1), RunStatus.fromLabel(rs.getString(2)), rs.getLong(3), rs.getLong(4),
              rs.getString(5), rs.getString(6)));
        }
      }
    }
    return list;
  }

  private static final String RUN_SELECT =
      "SELECT r.id, e.name, r.pipeline_name, r.pipeline_file, r.status, r.message, r.created_at, r.started_at,"
          + " r.ended_at, r.target, r.parameters, r.regenerate FROM runs r JOIN experiments e ON e.id = r.experiment_id";

  /**
   * A run's parameters as they are shown ({@code epochs=1500 rate=0.1}) from their JSON ({@code
   * {"epochs":"1500","rate":"0.1"}}, written compact with sorted keys), so that a search for {@code
   * epochs=1500} finds them.
   */
  private static final String PARAMETERS_AS_SHOWN =
      "replace(replace(replace(replace(r.parameters, '\":\"', '='), '\",\"', ' '), '{\"', ''), '\"}', '')";

  /**
   * A page of the history, newest first: runs of an experiment (null: all), whose status is one of
   * {@code statuses} (empty: any), whose id, experiment, pipeline name, target, message or
   * parameters contain {@code text} (null: any; case-insensitive for ASCII, as SQLite's LIKE), and
   * how many match in all.
   */
  synchronized RunPage runs(RunQuery query) throws SQLException {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> values = new ArrayList<>();
    if (query.experiment() != null) {
      where.append(" AND r.experiment_id = (SELECT id FROM experiments WHERE name = ?)");
      values.add(query.experiment());
    }
    if (!query.statuses().isEmpty()) {
      where.append(" AND r.status IN (").append(String.join(",", java.util.Collections.nCopies(query.statuses().size(), "?")))
          .append(')');
      query.statuses().stream().map(RunStatus::label).sorted().forEach(values::add);
    }
    if (query.text() != null) {
      String like = "%" + query.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      where.append(" AND (r.id LIKE ? ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\' OR r.pipeline_name LIKE ? ESCAPE '\\'"
          + " OR r.target LIKE ? ESCAPE '\\' OR r.message LIKE ? ESCAPE '\\' OR r.parameters LIKE ? ESCAPE '\\'"
          + " OR " + PARAMETERS_AS_SHOWN + " LIKE ? ESCAPE '\\')");
      for (int i = 0; i < 7; i++) {
        values.add(like);
      }
    }
    int total;
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT COUNT(*) FROM runs r JOIN experiments e ON e.id = r.experiment_id" + where)) {
      bind(ps, values);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getInt(1);
      }
    }
    List<RunSummary> page = new ArrayList<>();
    if (query.limit() > 0 && query.offset() < total) {
      try (PreparedStatement ps = connection.prepareStatement(
          RUN_SELECT + where + " ORDER BY r.created_at DESC, r.rowid DESC LIMIT ? OFFSET ?")) {
        List<Object> all = new ArrayList<>(values);
        all.add(query.limit());
        all.add(query.offset());
        bind(ps, all);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            page.add(runSummary(rs));
          }
        }
      }
    }
    return new RunPage(page, total);
  }

  /** Experiments that have runs, the one with the latest run first. */
  synchronized List<ExperimentSummary> experiments() throws SQLException {
    List<ExperimentSummary> list = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT e.name, COUNT(r.id), MAX(r.created_at) AS last FROM experiments e JOIN runs r ON r.experiment_id = e.id"
            + " GROUP BY e.id ORDER BY last DESC, e.name")) {
      while (rs.next()) {
        list.add(new ExperimentSummary(rs.getString(1), rs.getInt(2), instant(rs, 3)));
      }
    }
    return list;
  }

  /** The pipeline JSON a run was submitted with. */
  synchronized Optional<String> pipelineJson(String runId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT pipeline_json FROM run_pipelines WHERE run_id = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private List<RunSummary> runsWhere(String where) throws SQLException {
    List<RunSummary> runs = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(RUN_SELECT + " WHERE " + where)) {
      while (rs.next()) {
        runs.add(runSummary(rs));
      }
    }
    return runs;
  }

  private static RunSummary runSummary(ResultSet rs) throws SQLException {
    String parameters = rs.getString(11);
    return new RunSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        RunStatus.fromLabel(rs.getString(5)), rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
        rs.getString(10), parameters == null ? Map.of() : new java.util.TreeMap<>(Json.stringMap(parameters)),
        rs.getInt(12) != 0);
  }

  synchronized List<ChildRun> childRuns(String runId) throws SQLException {
    List<ChildRun> children = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT step_id, step_name, compute, status, message, reuse, started_at, ended_at, remote_job FROM child_runs"
            + " WHERE run_id = ? ORDER BY rowid")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          children.add(new ChildRun(runId, rs.getString(1), rs.getString(2), rs.getString(3),
              RunStatus.fromLabel(rs.getString(4)), rs.getString(5), rs.getString(6), instant(rs, 7),
              instant(rs, 8), Map.of(), DelegatedRun.inWords(rs.getString(9))));
        }
      }
    }
    List<ChildRun> withOutputs = new ArrayList<>(children.size());
    for (ChildRun c : children) {
      withOutputs.add(new ChildRun(c.runId(), c.stepId(), c.stepName(), c.compute(), c.status(), c.message(),
          c.reuse(), c.startedAt(), c.endedAt(), outputs(runId, c.stepId()), c.remoteJob()));
    }
    return withOutputs;
  }

  /** Status transitions of a run in order: (stepId or null, status, message, time). */
  record Transition(String stepId, RunStatus status, String message, Instant at) {}

  synchronized List<Transition> transitions(String runId) throws SQLException {
    List<Transition> list = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT step_id, status, message, at FROM status_transitions WHERE run_id = ? ORDER BY id")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          list.add(new Transition(rs.getString(1), RunStatus.fromLabel(rs.getString(2)), rs.getString(3), instant(rs, 4)));
        }
      }
    }
    return list;
  }

  // ---- datasets -----------------------------------------------------------------------------

  /** Registers a new version of a dataset and returns it; the version is one more than the last. */
  synchronized DatasetVersion registerDataset(String name, DatasetKind kind, String location, String runId,
      String stepId, Instant at) throws SQLException {
    return registerDataset(name, kind, location, runId, stepId, at, null);
  }

  /** As above, for a tabular dataset read with {@code delimiter} (null: a comma, or a file dataset). */
  synchronized DatasetVersion registerDataset(String name, DatasetKind kind, String location, String runId,
      String stepId, Instant at, Character delimiter) throws SQLException {
    int[] version = new int[1];
    inTransaction(() -> {
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT COALESCE(MAX(version), 0) FROM datasets WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          version[0] = rs.getInt(1) + 1;
        }
      }
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO datasets(name, version, kind, location, run_id, step_id, created_at, delimiter)"
              + " VALUES (?,?,?,?,?,?,?,?)")) {
        ps.setString(1, name);
        ps.setInt(2, version[0]);
        ps.setString(3, kind.wireName());
        ps.setString(4, location);
        ps.setString(5, runId);
        ps.setString(6, stepId);
        ps.setLong(7, at.toEpochMilli());
        ps.setString(8, delimiter == null ? null : delimiter.toString());
        ps.executeUpdate();
      }
    });
    return new DatasetVersion(name, version[0], kind, location, runId, stepId, at, delimiter);
  }

  synchronized List<DatasetVersion> datasets() throws SQLException {
    return datasetsWhere("1 = 1 ORDER BY name, version");
  }

  /** A version of a dataset, or the latest when {@code version} is null. */
  synchronized Optional<DatasetVersion> dataset(String name, Integer version) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(version == null
        ? DATASET_SELECT + " WHERE name = ? ORDER BY version DESC LIMIT 1"
        : DATASET_SELECT + " WHERE name = ? AND version = ?")) {
      ps.setString(1, name);
      if (version != null) {
        ps.setInt(2, version);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(datasetVersion(rs)) : Optional.empty();
      }
    }
  }

  private static final String DATASET_SELECT =
      "SELECT name, version, kind, location, run_id, step_id, created_at, delimiter FROM datasets";

  private List<DatasetVersion> datasetsWhere(String where) throws SQLException {
    List<DatasetVersion> list = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(DATASET_SELECT + " WHERE " + where)) {
      while (rs.next()) {
        list.add(datasetVersion(rs));
      }
    }
    return list;
  }

  private static DatasetVersion datasetVersion(ResultSet rs) throws SQLException {
    String delimiter = rs.getString(8);
    return new DatasetVersion(rs.getString(1), rs.getInt(2), DatasetKind.fromWireName(rs.getString(3)), rs.getString(4), rs.getString(5),
        rs.getString(6), instant(rs, 7), delimiter == null || delimiter.isEmpty() ? null : delimiter.charAt(0));
  }

  // ---- computes and datastores --------------------------------------------------------------

  synchronized void addComputeIfAbsent(ComputeTarget target, String settingsJson, Instant at) throws SQLException {
    update("INSERT OR IGNORE INTO compute_targets(name, kind, settings, created_at) VALUES (?,?,?,?)",
        target.name(), target.kind(), settingsJson, at.toEpochMilli());
  }

  /** Adds a compute target; false when one of that name exists (nothing changed). */
  synchronized boolean addCompute(ComputeTarget target, String settingsJson, Instant at) throws SQLException {
    return updateCount("INSERT OR IGNORE INTO compute_targets(name, kind, settings, created_at) VALUES (?,?,?,?)",
        target.name(), target.kind(), settingsJson, at.toEpochMilli()) == 1;
  }

  /** Removes a compute target; false when there was none of that name. */
  synchronized boolean removeCompute(String name) throws SQLException {
    return updateCount("DELETE FROM compute_targets WHERE name = ?", name) == 1;
  }

  /**
   * Replaces a compute's settings if they still are {@code expected} (compared as settings, not as
   * text); false, and nothing changed, when another process changed them since they were read, or
   * removed the compute.
   */
  synchronized boolean replaceComputeSettings(String name, Map<String, String> expected, String settingsJson)
      throws SQLException {
    boolean[] replaced = new boolean[1];
    inTransaction(() -> {
      try (PreparedStatement ps = connection.prepareStatement("SELECT settings FROM compute_targets WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || !Json.stringMap(rs.getString(1)).equals(expected)) {
            return;
          }
        }
      }
      replaced[0] = updateCount("UPDATE compute_targets SET settings = ?, tested_at = NULL WHERE name = ?",
          settingsJson, name) == 1;
    });
    return replaced[0];
  }

  /** Records that a target passed a connection test with the settings it has now. */
  synchronized void setComputeTested(String name, Instant at) throws SQLException {
    update("UPDATE compute_targets SET tested_at = ? WHERE name = ?", at.toEpochMilli(), name);
  }

  /** Names of the targets whose settings passed a connection test. */
  synchronized java.util.Set<String> testedComputes() throws SQLException {
    java.util.Set<String> names = new java.util.TreeSet<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM compute_targets WHERE tested_at IS NOT NULL")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  record ComputeRow(String name, String kind, String settingsJson) {}

  synchronized List<ComputeRow> computes() throws SQLException {
    List<ComputeRow> list = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, kind, settings FROM compute_targets ORDER BY created_at, rowid")) {
      while (rs.next()) {
        list.add(new ComputeRow(rs.getString(1), rs.getString(2), rs.getString(3)));
      }
    }
    return list;
  }

  record LinkedServiceRow(String name, String kind, String settingsJson) {}

  synchronized List<LinkedServiceRow> linkedServices() throws SQLException {
    List<LinkedServiceRow> list = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, kind, settings FROM linked_services ORDER BY name")) {
      while (rs.next()) {
        list.add(new LinkedServiceRow(rs.getString(1), rs.getString(2), rs.getString(3)));
      }
    }
    return list;
  }

  /** Adds a linked service; false when one of that name exists (nothing changed). */
  synchronized boolean addLinkedService(String name, String kind, String settingsJson, Instant at) throws SQLException {
    return updateCount("INSERT OR IGNORE INTO linked_services(name, kind, settings, created_at) VALUES (?,?,?,?)",
        name, kind, settingsJson, at.toEpochMilli()) == 1;
  }

  synchronized boolean removeLinkedService(String name) throws SQLException {
    return updateCount("DELETE FROM linked_services WHERE name = ?", name) == 1;
  }

  record DatastoreRow(String name, String kind, String root, boolean isDefault) {}

  synchronized List<DatastoreRow> datastores() throws SQLException {
    List<DatastoreRow> list = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, kind, root, is_default FROM datastores ORDER BY is_default DESC, name")) {
      while (rs.next()) {
        list.add(new DatastoreRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0));
      }
    }
    return list;
  }

  synchronized void addDatastoreIfAbsent(String name, String kind, String root, boolean isDefault, Instant at)
      throws SQLException {
    update("INSERT OR IGNORE INTO datastores(name, kind, root, is_default, created_at) VALUES (?,?,?,?,?)",
        name, kind, root, isDefault ? 1 : 0, at.toEpochMilli());
  }

  synchronized Map<String, String> datastoreRoots() throws SQLException {
    Map<String, String> roots = new LinkedHashMap<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, root FROM datastores ORDER BY is_default DESC, name")) {
      while (rs.next()) {
        roots.put(rs.getString(1), rs.getString(2));
      }
    }
    return roots;
  }

  // ---- file hashes --------------------------------------------------------------------------

  /** A file's content hash as last computed, with the size and time it had then. */
  record FileHash(String path, long size, long modified, String sha256) {}

  synchronized Optional<FileHash> fileHash(String path) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT size, modified, sha256 FROM file_hashes WHERE path = ?")) {
      ps.setString(1, path);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new FileHash(path, rs.getLong(1), rs.getLong(2), rs.getString(3))) : Optional.empty();
      }
    }
  }

  synchronized void rememberFileHashes(List<FileHash> hashes) throws SQLException {
    if (hashes.isEmpty()) {
      return;
    }
    inTransaction(() -> {
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT OR REPLACE INTO file_hashes(path, size, modified, sha256) VALUES (?,?,?,?)")) {
        for (FileHash h : hashes) {
          ps.setString(1, h.path());
          ps.setLong(2, h.size());
          ps.setLong(3, h.modified());
          ps.setString(4, h.sha256());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private interface SqlWork {
    void run() throws SQLException;
  }

  /**
   * Runs {@code work} as one transaction that holds the write lock from its start ({@code BEGIN
   * IMMEDIATE}), waiting up to the busy timeout for another process's write to end. A deferred
   * transaction (JDBC's default) would start as a reader and fail at once when its first write
   * finds that another process wrote meanwhile ({@code SQLITE_BUSY} or {@code SQLITE_BUSY_SNAPSHOT}):
   * SQLite does not wait for a lock when a reader asks to become the writer.
   */
  private void inTransaction(SqlWork work) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
    }
    try {
      work.run();
      try (Statement s = connection.createStatement()) {
        s.execute("COMMIT");
      }
    } catch (SQLException | RuntimeException e) {
      try (Statement s = connection.createStatement()) {
        s.execute("ROLLBACK");
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }

  private void update(String sql, Object... values) throws SQLException {
    updateCount(sql, values);
  }

  private int updateCount(String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, java.util.Arrays.asList(values));
      return ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, List<Object> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v == null) {
        ps.setNull(i + 1, Types.VARCHAR);
      } else if (v instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (v instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setString(i + 1, v.toString());
      }
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing a SQLite connection fails only when it is already unusable; nothing to keep.
    }
  }
}
