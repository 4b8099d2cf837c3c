-- Content hashes of files by path, size and modification time, so that fingerprinting a step
-- re-reads only files that changed since they were last hashed.
CREATE TABLE file_hashes (
  path     TEXT PRIMARY KEY,
  size     INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  sha256   TEXT NOT NULL
);
