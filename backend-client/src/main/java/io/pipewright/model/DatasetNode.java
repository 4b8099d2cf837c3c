package io.pipewright.model;

import java.util.Objects;

/** A dataset on the canvas: the start of edges into step inputs. */
public record DatasetNode(String id, String name, DatasetKind kind, DatasetSource source) {
  public DatasetNode {
    Objects.requireNonNull(id, "id");
    name = name == null ? id : name;
    kind = kind == null ? DatasetKind.TABULAR : kind;
    Objects.requireNonNull(source, "source");
  }
}
