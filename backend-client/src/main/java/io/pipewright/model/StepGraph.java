package io.pipewright.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of a pipeline and the edges between them (edges from datasets, and edges whose ends
 * are not steps, are left out): the one place that orders steps and finds cycles, for the
 * validator and the run orchestrator alike. A step id used twice means its first step.
 *
 * <p>Linear in the size of the pipeline: Kahn's algorithm orders the steps; the steps it cannot
 * order are on a cycle or downstream of one, and each has a predecessor left, so walking
 * predecessors from one of them comes back to a step already seen: that loop is a cycle.
 */
public final class StepGraph {

  private final List<Step> steps;
  private final int[] succStart;
  private final int[] succ;
  private final int[] predStart;
  private final int[] pred;

  private StepGraph(List<Step> steps, int[] from, int[] to, int m) {
    this.steps = steps;
    int n = steps.size();
    int[] outdegree = new int[n];
    int[] indegree = new int[n];
    for (int e = 0; e < m; e++) {
      outdegree[from[e]]++;
      indegree[to[e]]++;
    }
    // Successors and predecessors in compressed rows: node i's are at [start[i], start[i + 1]).
    succStart = new int[n + 1];
    predStart = new int[n + 1];
    for (int i = 0; i < n; i++) {
      succStart[i + 1] = succStart[i] + outdegree[i];
      predStart[i + 1] = predStart[i] + indegree[i];
    }
    succ = new int[m];
    pred = new int[m];
    int[] succFill = Arrays.copyOf(succStart, n);
    int[] predFill = Arrays.copyOf(predStart, n);
    for (int e = 0; e < m; e++) {
      succ[succFill[from[e]]++] = to[e];
      pred[predFill[to[e]]++] = from[e];
    }
  }

  public static StepGraph of(Pipeline pipeline) {
    List<Step> steps = pipeline.steps();
    Map<String, Integer> index = new HashMap<>(steps.size() * 2);
    for (int i = 0; i < steps.size(); i++) {
      index.putIfAbsent(steps.get(i).id(), i);
    }
    List<Edge> edges = pipeline.edges();
    int[] from = new int[edges.size()];
    int[] to = new int[edges.size()];
    int m = 0;
    for (Edge edge : edges) {
      Integer a = index.get(edge.from().node());
      Integer b = index.get(edge.to().node());
      if (a != null && b != null) {
        from[m] = a;
        to[m] = b;
        m++;
      }
    }
    return new StepGraph(steps, from, to, m);
  }

  /**
   * The indexes of the steps in an order where each comes after the steps it reads from (steps
   * ready together in file order); the steps on or after a cycle are not in it.
   */
  public int[] order() {
    int n = steps.size();
    int[] indegree = new int[n];
    for (int i = 0; i < n; i++) {
      indegree[i] = predStart[i + 1] - predStart[i];
    }
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    for (int i = 0; i < n; i++) {
      if (indegree[i] == 0) {
        queue[tail++] = i;
      }
    }
    while (head < tail) {
      int i = queue[head++];
      for (int k = succStart[i]; k < succStart[i + 1]; k++) {
        if (--indegree[succ[k]] == 0) {
          queue[tail++] = succ[k];
        }
      }
    }
    return Arrays.copyOf(queue, tail);
  }

  /**
   * The cycles, each as step indexes in the direction of the edges and starting at the step first
   * in the file; empty when the steps can all be ordered. Each step is on at most one cycle
   * reported (enough to name every knot the user must undo).
   */
  public List<List<Integer>> cycles() {
    int n = steps.size();
    int[] ordered = order();
    if (ordered.length == n) {
      return List.of();
    }
    boolean[] done = new boolean[n];
    for (int i : ordered) {
      done[i] = true;
    }
    List<List<Integer>> cycles = new ArrayList<>();
    int[] visitedBy = new int[n];
    Arrays.fill(visitedBy, -1);
    for (int start = 0; start < n; start++) {
      if (done[start] || visitedBy[start] >= 0) {
        continue;
      }
      List<Integer> walk = new ArrayList<>();
      int current = start;
      boolean closed = true;
      while (visitedBy[current] < 0) {
        visitedBy[current] = start;
        walk.add(current);
        int previous = -1;
        for (int k = predStart[current]; k < predStart[current + 1]; k++) {
          if (!done[pred[k]]) {
            previous = pred[k];
            break;
          }
        }
        if (previous < 0) {
          closed = false; // cannot happen: every step Kahn left has a predecessor left
          break;
        }
        current = previous;
      }
      if (!closed || visitedBy[current] != start) {
        continue;
      }
      List<Integer> cycle = new ArrayList<>(walk.subList(walk.indexOf(current), walk.size()));
      Collections.reverse(cycle); // the walk went against the edges
      Collections.rotate(cycle, -cycle.indexOf(Collections.min(cycle)));
      cycles.add(List.copyOf(cycle));
    }
    return cycles;
  }

  /** The message for a cycle of steps, as the validator, a run and the canvas say it. */
  public static String cycleMessage(List<String> stepIds) {
    return "steps form a cycle: " + path(stepIds);
  }

  /** {@code 'a' → 'b' → 'a'}: the steps of a cycle in the direction of its edges, back to the first. */
  public static String path(List<String> stepIds) {
    StringBuilder names = new StringBuilder();
    for (String id : stepIds) {
      names.append('\'').append(id).append("' → ");
    }
    return names.append('\'').append(stepIds.get(0)).append('\'').toString();
  }

  /** The ids of a cycle's steps. */
  public List<String> ids(List<Integer> cycle) {
    List<String> ids = new ArrayList<>(cycle.size());
    for (int i : cycle) {
      ids.add(steps.get(i).id());
    }
    return ids;
  }
}
