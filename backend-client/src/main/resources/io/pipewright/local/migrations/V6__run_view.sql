-- The run view (issue 12). A run's --target (null: each step on its own compute) and whether it
-- regenerated every output; indexes so that a page of the history, newest first, filtered by
-- experiment or status, stays instant with tens of thousands of runs.
ALTER TABLE runs ADD COLUMN target TEXT;
ALTER TABLE runs ADD COLUMN regenerate INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS runs_by_created ON runs(created_at);
CREATE INDEX IF NOT EXISTS runs_by_experiment ON runs(experiment_id, created_at);
CREATE INDEX IF NOT EXISTS runs_by_status_created ON runs(status, created_at);
CREATE INDEX IF NOT EXISTS runs_by_pipeline ON runs(pipeline_id, created_at);
-- The pipeline as submitted moves to a table of its own: kept in runs, its kilobytes sat between
-- the columns a search reads, so that searching 10,000 runs read every pipeline too.
CREATE TABLE run_pipelines (
  run_id        TEXT PRIMARY KEY REFERENCES runs(id),
  pipeline_json TEXT NOT NULL
);
INSERT INTO run_pipelines(run_id, pipeline_json) SELECT id, pipeline_json FROM runs;
ALTER TABLE runs DROP COLUMN pipeline_json;
-- A child run's launch (the command or spark-submit parameters, secrets masked), its exit code
-- (null: none known), its inputs (JSON: port to path), where its failure cause is in its logs
-- (stream and line from 1), the detail behind its fingerprint (JSON: part to field to value), and
-- what changed since the last completed run of the step (JSON list of lines).
ALTER TABLE child_runs ADD COLUMN launch TEXT;
ALTER TABLE child_runs ADD COLUMN exit_code INTEGER;
ALTER TABLE child_runs ADD COLUMN inputs TEXT;
ALTER TABLE child_runs ADD COLUMN failure_stream TEXT;
ALTER TABLE child_runs ADD COLUMN failure_line INTEGER;
ALTER TABLE child_runs ADD COLUMN fingerprint_details TEXT;
ALTER TABLE child_runs ADD COLUMN reuse_changes TEXT;
CREATE INDEX IF NOT EXISTS child_runs_by_step ON child_runs(step_id, status, ended_at);
CREATE INDEX IF NOT EXISTS datasets_by_run ON datasets(run_id, step_id);
