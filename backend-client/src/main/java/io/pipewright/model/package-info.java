/**
 * The pipeline model: immutable values for pipelines, steps, ports, datasets and edges, the
 * {@code *.pipeline.json} format and validation. Imports nothing of the rest of the project and no
 * JavaFX, OkHttp or Spark (checked by {@code ArchitectureTest}).
 */
package io.pipewright.model;
