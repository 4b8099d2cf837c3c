package io.pipewright.graph.model;

import java.util.Arrays;

/**
 * The models a node or an edge is in (almost always one), as a copy-on-write array: changes are
 * reported by iterating it with no allocation and no lock.
 */
final class ModelSet {
  static final GraphModel[] NONE = new GraphModel[0];

  private ModelSet() {}

  static GraphModel[] with(GraphModel[] models, GraphModel model) {
    GraphModel[] grown = Arrays.copyOf(models, models.length + 1);
    grown[models.length] = model;
    return grown;
  }

  static GraphModel[] without(GraphModel[] models, GraphModel model) {
    for (int i = 0; i < models.length; i++) {
      if (models[i] == model) {
        GraphModel[] shrunk = new GraphModel[models.length - 1];
        System.arraycopy(models, 0, shrunk, 0, i);
        System.arraycopy(models, i + 1, shrunk, i, models.length - i - 1);
        return shrunk;
      }
    }
    return models;
  }
}
