/**
 * A reusable JavaFX node-graph canvas: nodes, ports, edges, selection, zoom, layout, undo. Knows
 * nothing of pipelines and imports no other Pipewright module. Built in issue 4.
 */
package io.pipewright.graph;
