-- Run history of the embedded workspace. Times are epoch milliseconds (UTC).
CREATE TABLE experiments (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

CREATE TABLE runs (
  id             TEXT PRIMARY KEY,
  experiment_id  INTEGER NOT NULL REFERENCES experiments(id),
  pipeline_id    TEXT NOT NULL,
  pipeline_name  TEXT NOT NULL,
  pipeline_file  TEXT NOT NULL,
  pipeline_json  TEXT NOT NULL,
  parameters     TEXT NOT NULL,
  status         TEXT NOT NULL,
  message        TEXT,
  created_at     INTEGER NOT NULL,
  started_at     INTEGER,
  ended_at       INTEGER,
  owner_pid      INTEGER NOT NULL,
  owner_started  INTEGER NOT NULL
);
CREATE INDEX runs_by_status ON runs(status);

CREATE TABLE child_runs (
  run_id        TEXT NOT NULL REFERENCES runs(id),
  step_id       TEXT NOT NULL,
  step_name     TEXT NOT NULL,
  compute       TEXT,
  status        TEXT NOT NULL,
  message       TEXT,
  fingerprint   TEXT,
  fingerprint_parts TEXT,
  reused_from   TEXT,
  reuse         TEXT,
  started_at    INTEGER,
  ended_at      INTEGER,
  pid           INTEGER,
  pid_started   INTEGER,
  PRIMARY KEY (run_id, step_id)
);
CREATE INDEX child_runs_by_fingerprint ON child_runs(fingerprint, status);

CREATE TABLE status_transitions (
  id      INTEGER PRIMARY KEY,
  run_id  TEXT NOT NULL,
  step_id TEXT,
  status  TEXT NOT NULL,
  message TEXT,
  at      INTEGER NOT NULL
);
CREATE INDEX transitions_by_run ON status_transitions(run_id);

CREATE TABLE step_outputs (
  run_id  TEXT NOT NULL,
  step_id TEXT NOT NULL,
  port    TEXT NOT NULL,
  path    TEXT NOT NULL,
  PRIMARY KEY (run_id, step_id, port)
);

CREATE TABLE datasets (
  name       TEXT NOT NULL,
  version    INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  location   TEXT NOT NULL,
  run_id     TEXT,
  step_id    TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (name, version)
);

CREATE TABLE compute_targets (
  name       TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  settings   TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE linked_services (
  name       TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  settings   TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE datastores (
  name       TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  root       TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
