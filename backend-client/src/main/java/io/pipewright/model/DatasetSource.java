package io.pipewright.model;

/** Where a dataset node's data comes from. */
public sealed interface DatasetSource permits DatasetSource.DatastorePath, DatasetSource.Registered {

  /** A path (file or directory) relative to the root of a datastore. */
  record DatastorePath(String datastore, String path) implements DatasetSource {}

  /** A registered dataset; a null version means the latest. */
  record Registered(String name, Integer version) implements DatasetSource {}
}
