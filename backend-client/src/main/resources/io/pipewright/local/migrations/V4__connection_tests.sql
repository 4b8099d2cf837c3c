-- When a compute target last passed a connection test with its current settings (null: never,
-- or its settings changed since). Validation warns about steps on remote targets never tested.
ALTER TABLE compute_targets ADD COLUMN tested_at INTEGER;
