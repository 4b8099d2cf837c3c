-- The id of a child run's job on a remote engine (a standalone driver, a Livy batch), so that a
-- Pipewright that died mid-run has its remote jobs killed when the workspace is next opened.
ALTER TABLE child_runs ADD COLUMN remote_job TEXT;
