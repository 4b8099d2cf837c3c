package io.pipewright.graph.layout;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An automatic layered (Sugiyama-style) layout, left to right: sources on the left, sinks on the
 * right, few crossings.
 *
 * <ol>
 *   <li>cycles are broken by ignoring the back edges a depth-first search finds;
 *   <li>layers by longest path from the sources, then every node with successors is pulled right
 *       next to its nearest successor so edges stay short;
 *   <li>edges spanning several layers get virtual nodes, so they take part in ordering;
 *   <li>the order inside each layer comes from alternating barycenter sweeps (port positions
 *       count), keeping the order with the fewest crossings;
 *   <li>y positions move towards the mean anchor of the neighbours, keeping order and spacing.
 * </ol>
 *
 * Linear-ish in nodes plus edges times the number of sweeps; pure computation, no JavaFX nodes.
 */
public final class LayeredLayout {
  /** Between layers: room for the port names beside both ends of an edge (10 px text, ~10 characters each). */
  private double layerGap = 140;
  private double nodeGap = 28;
  private double virtualHeight = 10;
  private int sweeps = 8;

  public LayeredLayout layerGap(double gap) {
    this.layerGap = gap;
    return this;
  }

  public LayeredLayout nodeGap(double gap) {
    this.nodeGap = gap;
    return this;
  }

  /**
   * Computes positions for all nodes of the model, as x0, y0, x1, y1, … in the order of {@link
   * GraphModel#nodes()}. The model is not changed.
   */
  public double[] compute(GraphModel model) {
    List<GraphNode> nodes = model.nodes();
    int n = nodes.size();
    Map<GraphNode, Integer> index = new IdentityHashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      index.put(nodes.get(i), i);
    }
    List<GraphEdge> edges = model.edges();
    int m = edges.size();
    int[] src = new int[m];
    int[] dst = new int[m];
    double[] srcFrac = new double[m];
    double[] dstFrac = new double[m];
    for (int e = 0; e < m; e++) {
      GraphEdge edge = edges.get(e);
      src[e] = index.get(edge.source());
      dst[e] = index.get(edge.target());
      srcFrac[e] = portFraction(edge.source().outputs().indexOf(edge.sourcePort()),
          edge.source().outputs().size());
      dstFrac[e] = portFraction(edge.target().inputs().indexOf(edge.targetPort()),
          edge.target().inputs().size());
    }
    breakCycles(n, src, dst, srcFrac, dstFrac);
    int[] layer = assignLayers(n, src, dst);

    // Virtual nodes: ids n.. ; segments join consecutive layers only.
    int layers = 0;
    for (int l : layer) {
      layers = Math.max(layers, l + 1);
    }
    IntList segFrom = new IntList(m * 2);
    IntList segTo = new IntList(m * 2);
    DoubleList segFromFrac = new DoubleList(m * 2);
    DoubleList segToFrac = new DoubleList(m * 2);
    IntList virtLayer = new IntList(m);
    for (int e = 0; e < m; e++) {
      int a = src[e];
      double af = srcFrac[e];
      for (int l = layer[src[e]] + 1; l < layer[dst[e]]; l++) {
        int v = n + virtLayer.size();
        virtLayer.add(l);
        segFrom.add(a);
        segTo.add(v);
        segFromFrac.add(af);
        segToFrac.add(0.5);
        a = v;
        af = 0.5;
      }
      segFrom.add(a);
      segTo.add(dst[e]);
      segFromFrac.add(af);
      segToFrac.add(dstFrac[e]);
    }
    int total = n + virtLayer.size();
    int[] allLayer = Arrays.copyOf(layer, total);
    for (int v = n; v < total; v++) {
      allLayer[v] = virtLayer.get(v - n);
    }
    double[] height = new double[total];
    double[] width = new double[total];
    for (int i = 0; i < n; i++) {
      height[i] = nodes.get(i).getHeight();
      width[i] = nodes.get(i).getWidth();
    }
    for (int v = n; v < total; v++) {
      height[v] = virtualHeight;
    }
    Adjacency adj = new Adjacency(total, segFrom, segTo, segFromFrac, segToFrac);

    int[][] order = initialOrder(total, layers, allLayer, adj);
    int[] pos = new int[total];
    positions(order, pos);
    int[][] best = copy(order);
    long bestCrossings = crossings(order, pos, adj);
    for (int s = 0; s < sweeps && bestCrossings > 0; s++) {
      boolean down = s % 2 == 0;
      sweep(order, pos, adj, down);
      long c = crossings(order, pos, adj);
      if (c < bestCrossings) {
        bestCrossings = c;
        best = copy(order);
      }
    }
    order = best;
    positions(order, pos);

    // x by layer
    double[] layerX = new double[layers];
    double x = 0;
    for (int l = 0; l < layers; l++) {
      layerX[l] = x;
      double w = 0;
      for (int v : order[l]) {
        w = Math.max(w, width[v]);
      }
      x += w + layerGap;
    }
    double[] y = new double[total];
    for (int[] row : order) {
      double cursor = 0;
      for (int v : row) {
        y[v] = cursor;
        cursor += height[v] + nodeGap;
      }
    }
    for (int it = 0; it < 6; it++) {
      alignY(order, y, height, adj, it % 2 == 0);
    }
    double minY = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      minY = Math.min(minY, y[i]);
    }
    double[] result = new double[n * 2];
    for (int i = 0; i < n; i++) {
      result[2 * i] = layerX[allLayer[i]];
      result[2 * i + 1] = n == 0 ? 0 : y[i] - minY;
    }
    return result;
  }

  private static double portFraction(int index, int count) {
    return (index + 1.0) / (count + 1.0);
  }

  /** Reverses the edges that close cycles, so that the rest is a DAG. */
  private static void breakCycles(int n, int[] src, int[] dst, double[] srcFrac, double[] dstFrac) {
    int m = src.length;
    int[][] out = outEdges(n, src);
    byte[] state = new byte[n]; // 0 new, 1 on stack, 2 done
    int[] stack = new int[n];
    int[] next = new int[n];
    for (int root = 0; root < n; root++) {
      if (state[root] != 0) {
        continue;
      }
      int sp = 0;
      stack[sp++] = root;
      state[root] = 1;
      while (sp > 0) {
        int v = stack[sp - 1];
        if (next[v] < out[v].length) {
          int e = out[v][next[v]++];
          int w = dst[e];
          if (state[w] == 1) {
            // back edge: reverse it
            src[e] = w;
            dst[e] = v;
            double f = srcFrac[e];
            srcFrac[e] = dstFrac[e];
            dstFrac[e] = f;
          } else if (state[w] == 0) {
            state[w] = 1;
            stack[sp++] = w;
          }
        } else {
          state[v] = 2;
          sp--;
        }
      }
    }
    // self loops cannot be laid out; they stay in the same layer and are ignored
    for (int e = 0; e < m; e++) {
      if (src[e] == dst[e]) {
        src[e] = -1;
      }
    }
  }

  private static int[][] outEdges(int n, int[] src) {
    int[] count = new int[n];
    for (int s : src) {
      if (s >= 0) {
        count[s]++;
      }
    }
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) {
      out[i] = new int[count[i]];
    }
    Arrays.fill(count, 0);
    for (int e = 0; e < src.length; e++) {
      if (src[e] >= 0) {
        out[src[e]][count[src[e]]++] = e;
      }
    }
    return out;
  }

  private static int[] assignLayers(int n, int[] src, int[] dst) {
    int m = src.length;
    int[] indegree = new int[n];
    for (int e = 0; e < m; e++) {
      if (src[e] >= 0) {
        indegree[dst[e]]++;
      }
    }
    int[][] out = outEdges(n, src);
    int[] topo = new int[n];
    int head = 0;
    int tail = 0;
    for (int i = 0; i < n; i++) {
      if (indegree[i] == 0) {
        topo[tail++] = i;
      }
    }
    int[] layer = new int[n];
    while (head < tail) {
      int v = topo[head++];
      for (int e : out[v]) {
        int w = dst[e];
        layer[w] = Math.max(layer[w], layer[v] + 1);
        if (--indegree[w] == 0) {
          topo[tail++] = w;
        }
      }
    }
    // pull nodes with successors right, next to their nearest successor
    for (int i = tail - 1; i >= 0; i--) {
      int v = topo[i];
      if (out[v].length == 0) {
        continue;
      }
      int nearest = Integer.MAX_VALUE;
      for (int e : out[v]) {
        nearest = Math.min(nearest, layer[dst[e]]);
      }
      layer[v] = Math.max(layer[v], nearest - 1);
    }
    // drop self-loop markers' effects: edges with src -1 are ignored later
    for (int e = 0; e < m; e++) {
      if (src[e] < 0) {
        src[e] = dst[e];
      }
    }
    return layer;
  }

  private static int[][] initialOrder(int total, int layers, int[] layer, Adjacency adj) {
    // depth-first from the roots, so that connected nodes start close together
    int[] count = new int[layers];
    int[][] order = new int[layers][];
    for (int v = 0; v < total; v++) {
      count[layer[v]]++;
    }
    for (int l = 0; l < layers; l++) {
      order[l] = new int[count[l]];
    }
    Arrays.fill(count, 0);
    boolean[] seen = new boolean[total];
    int[] stack = new int[total];
    for (int root = 0; root < total; root++) {
      if (seen[root] || adj.inCount(root) > 0) {
        continue;
      }
      int sp = 0;
      stack[sp++] = root;
      seen[root] = true;
      while (sp > 0) {
        int v = stack[--sp];
        order[layer[v]][count[layer[v]]++] = v;
        for (int k = adj.outCount(v) - 1; k >= 0; k--) {
          int w = adj.out(v, k);
          if (!seen[w]) {
            seen[w] = true;
            stack[sp++] = w;
          }
        }
      }
    }
    for (int v = 0; v < total; v++) {
      if (!seen[v]) {
        order[layer[v]][count[layer[v]]++] = v;
      }
    }
    return order;
  }

  private static void positions(int[][] order, int[] pos) {
    for (int[] row : order) {
      for (int i = 0; i < row.length; i++) {
        pos[row[i]] = i;
      }
    }
  }

  private static int[][] copy(int[][] order) {
    int[][] c = new int[order.length][];
    for (int i = 0; i < order.length; i++) {
      c[i] = order[i].clone();
    }
    return c;
  }

  private static void sweep(int[][] order, int[] pos, Adjacency adj, boolean down) {
    int layers = order.length;
    double[] key = new double[pos.length];
    for (int step = 1; step < layers; step++) {
      int l = down ? step : layers - 1 - step;
      int[] row = order[l];
      for (int v : row) {
        double sum = 0;
        int k = down ? adj.inCount(v) : adj.outCount(v);
        for (int j = 0; j < k; j++) {
          if (down) {
            sum += pos[adj.in(v, j)] + adj.inFrac(v, j);
          } else {
            sum += pos[adj.out(v, j)] + adj.outFrac(v, j);
          }
        }
        key[v] = k == 0 ? pos[v] + 0.5 : sum / k;
      }
      Integer[] boxed = new Integer[row.length];
      for (int i = 0; i < row.length; i++) {
        boxed[i] = row[i];
      }
      Arrays.sort(boxed, (a, b) -> Double.compare(key[a], key[b]));
      for (int i = 0; i < row.length; i++) {
        row[i] = boxed[i];
        pos[row[i]] = i;
      }
    }
  }

  /** Crossings between consecutive layers, counted with a Fenwick tree over target positions. */
  private static long crossings(int[][] order, int[] pos, Adjacency adj) {
    long total = 0;
    for (int l = 0; l + 1 < order.length; l++) {
      int[] upper = order[l];
      int width = order[l + 1].length;
      long[] tree = new long[width + 2];
      int seen = 0;
      for (int v : upper) {
        int k = adj.outCount(v);
        int[] targets = new int[k];
        for (int j = 0; j < k; j++) {
          targets[j] = pos[adj.out(v, j)];
        }
        Arrays.sort(targets);
        for (int t : targets) {
          // edges seen so far that end strictly right of t cross this one
          total += seen - prefix(tree, t + 1);
        }
        for (int t : targets) {
          for (int i = t + 1; i < tree.length; i += i & -i) {
            tree[i]++;
          }
          seen++;
        }
      }
    }
    return total;
  }

  private static long prefix(long[] tree, int i) {
    long s = 0;
    for (; i > 0; i -= i & -i) {
      s += tree[i];
    }
    return s;
  }

  private void alignY(int[][] order, double[] y, double[] height, Adjacency adj, boolean down) {
    int layers = order.length;
    for (int step = 1; step < layers; step++) {
      int l = down ? step : layers - 1 - step;
      int[] row = order[l];
      double[] desired = new double[row.length];
      for (int i = 0; i < row.length; i++) {
        int v = row[i];
        int k = down ? adj.inCount(v) : adj.outCount(v);
        if (k == 0) {
          desired[i] = y[v];
          continue;
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
          int w = down ? adj.in(v, j) : adj.out(v, j);
          double frac = down ? adj.inFrac(v, j) : adj.outFrac(v, j);
          double ownFrac = down ? adj.inOwnFrac(v, j) : adj.outOwnFrac(v, j);
          sum += y[w] + height[w] * frac - height[v] * ownFrac;
        }
        desired[i] = sum / k;
      }
      // keep order and spacing: the mean of a forward (push down) and a backward (push up)
      // placement; both keep the spacing, so their mean does too, without drifting one way.
      double[] forward = new double[row.length];
      double bottom = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < row.length; i++) {
        forward[i] = Math.max(desired[i], bottom);
        bottom = forward[i] + height[row[i]] + nodeGap;
      }
      double top = Double.POSITIVE_INFINITY;
      for (int i = row.length - 1; i >= 0; i--) {
        int v = row[i];
        double backward = Math.min(desired[i], top - height[v] - nodeGap);
        top = backward;
        y[v] = (forward[i] + backward) / 2;
      }
    }
  }

  /** Segment adjacency in flat arrays, both directions, with the port fractions at each end. */
  private static final class Adjacency {
    private final int[] inStart;
    private final int[] inNode;
    private final double[] inFrac;
    private final double[] inOwnFrac;
    private final int[] outStart;
    private final int[] outNode;
    private final double[] outFrac;
    private final double[] outOwnFrac;

    Adjacency(int total, IntList from, IntList to, DoubleList fromFrac, DoubleList toFrac) {
      int s = from.size();
      inStart = new int[total + 1];
      outStart = new int[total + 1];
      for (int i = 0; i < s; i++) {
        outStart[from.get(i) + 1]++;
        inStart[to.get(i) + 1]++;
      }
      for (int v = 0; v < total; v++) {
        outStart[v + 1] += outStart[v];
        inStart[v + 1] += inStart[v];
      }
      inNode = new int[s];
      inFrac = new double[s];
      inOwnFrac = new double[s];
      outNode = new int[s];
      outFrac = new double[s];
      outOwnFrac = new double[s];
      int[] inFill = Arrays.copyOf(inStart, total);
      int[] outFill = Arrays.copyOf(outStart, total);
      for (int i = 0; i < s; i++) {
        int a = from.get(i);
        int b = to.get(i);
        int o = outFill[a]++;
        outNode[o] = b;
        outFrac[o] = toFrac.get(i);
        outOwnFrac[o] = fromFrac.get(i);
        int n = inFill[b]++;
        inNode[n] = a;
        inFrac[n] = fromFrac.get(i);
        inOwnFrac[n] = toFrac.get(i);
      }
    }

    int inCount(int v) {
      return inStart[v + 1] - inStart[v];
    }

    int in(int v, int j) {
      return inNode[inStart[v] + j];
    }

    double inFrac(int v, int j) {
      return inFrac[inStart[v] + j];
    }

    double inOwnFrac(int v, int j) {
      return inOwnFrac[inStart[v] + j];
    }

    int outCount(int v) {
      return outStart[v + 1] - outStart[v];
    }

    int out(int v, int j) {
      return outNode[outStart[v] + j];
    }

    double outFrac(int v, int j) {
      return outFrac[outStart[v] + j];
    }

    double outOwnFrac(int v, int j) {
      return outOwnFrac[outStart[v] + j];
    }
  }

  private static final class IntList {
    private int[] data;
    private int size;

    IntList(int capacity) {
      data = new int[Math.max(4, capacity)];
    }

    void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    int get(int i) {
      return data[i];
    }

    int size() {
      return size;
    }
  }

  private static final class DoubleList {
    private double[] data;
    private int size;

    DoubleList(int capacity) {
      data = new double[Math.max(4, capacity)];
    }

    void add(double v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    double get(int i) {
      return data[i];
    }
  }

  /** Convenience for tests and hosts: the computed position of each node by node. */
  public static Map<GraphNode, double[]> byNode(GraphModel model, double[] xy) {
    Map<GraphNode, double[]> map = new IdentityHashMap<>();
    List<GraphNode> nodes = new ArrayList<>(model.nodes());
    for (int i = 0; i < nodes.size(); i++) {
      map.put(nodes.get(i), new double[] {xy[2 * i], xy[2 * i + 1]});
    }
    return map;
  }
}
