package io.pipewright.graph.demo;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.Port;
import io.pipewright.graph.model.PortDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Graphs for tests, the demo and the benchmark. */
public final class SampleGraphs {
  private SampleGraphs() {}

  public static GraphNode node(String id, String kind, String title, double x, double y, List<Port> in,
      List<Port> out) {
    GraphNode n = new GraphNode(id, kind, title, in, out);
    n.moveTo(x, y);
    return n;
  }

  /**
   * read → prep; train (inputs train:table, config:json) and clean (input in:table) unconnected.
   */
  public static GraphModel small() {
    GraphModel m = new GraphModel();
    GraphNode read = node("read", "Dataset", "titanic.csv", 40, 80, List.of(),
        List.of(Port.output("data", "table")));
    GraphNode prep = node("prep", "Spark", "prepare", 320, 80, List.of(Port.input("in", "table")),
        List.of(Port.output("out", "table")));
    GraphNode train = node("train", "Script", "train", 600, 80,
        List.of(Port.input("train", "table"), Port.input("config", "json")),
        List.of(Port.output("model", "model")));
    GraphNode clean = node("clean", "Spark", "clean", 320, 320, List.of(Port.input("in", "table")),
        List.of(Port.output("out", "table")));
    m.addNodes(List.of(read, prep, train, clean));
    m.addEdge(new GraphEdge("e1", read, read.outputs().get(0), prep, prep.inputs().get(0)));
    return m;
  }

  private static final String[] KINDS = {"Dataset", "Spark", "Spark", "Spark", "Script", "Sql", "Model"};
  private static final String[] VERBS = {"read", "clean", "join", "filter", "aggregate", "featurize",
    "split", "train", "score", "evaluate", "register", "dedupe", "impute", "encode"};

  /**
   * A pipeline-shaped DAG: some sources, then steps that read one or two earlier outputs, biased
   * to recent steps (so that it looks like stages), with exactly {@code edges} edges when
   * possible. Positions on a rough grid; call a layout for a real picture.
   */
  public static GraphModel pipeline(int nodes, int edges, long seed) {
    Random r = new Random(seed);
    GraphModel m = new GraphModel();
    List<GraphNode> all = new ArrayList<>(nodes);
    int sources = Math.max(Math.min(4, nodes), nodes / 20);
    for (int i = 0; i < nodes; i++) {
      boolean source = i < sources;
      String kind = source ? "Dataset" : KINDS[1 + r.nextInt(KINDS.length - 1)];
      int inputs = source ? 0 : 2;
      List<Port> in = new ArrayList<>();
      for (int p = 0; p < inputs; p++) {
        in.add(Port.input("in" + p, "table"));
      }
      List<Port> out = List.of(Port.output("out", "table"));
      String title = source ? "dataset_" + i : VERBS[r.nextInt(VERBS.length)] + "_" + i;
      GraphNode n = node("n" + i, kind, title, (i % 40) * 240.0, (i / 40) * 100.0, in, out);
      all.add(n);
    }
    m.addNodes(all);
    List<GraphEdge> es = new ArrayList<>(edges);
    // first a spanning set: every non-source reads one earlier node
    int e = 0;
    for (int i = sources; i < nodes && e < edges; i++) {
      GraphNode t = all.get(i);
      int from = Math.max(0, i - 1 - (int) Math.abs(r.nextGaussian() * 30));
      from = Math.min(from, i - 1);
      GraphNode s = all.get(from);
      es.add(new GraphEdge("e" + e++, s, s.outputs().get(0), t, t.inputs().get(0)));
    }
    // then second inputs
    for (int i = sources; i < nodes && e < edges; i++) {
      if (r.nextDouble() > (double) (edges - e) / (nodes - i)) {
        continue;
      }
      GraphNode t = all.get(i);
      int from = Math.max(0, i - 1 - (int) Math.abs(r.nextGaussian() * 60));
      GraphNode s = all.get(Math.min(from, i - 1));
      es.add(new GraphEdge("e" + e++, s, s.outputs().get(0), t, t.inputs().get(1)));
    }
    m.addEdges(es);
    return m;
  }
  /**
   * A 30-step machine-learning pipeline: four datasets on the left, then preparation, features,
   * a split, three models trained and evaluated side by side (fan-out), a comparison (fan-in),
   * registration, batch scoring and reporting. Positions are rough; call a layout.
   */
  public static GraphModel mlPipeline() {
    GraphModel m = new GraphModel();
    List<GraphEdge> edges = new ArrayList<>();
    String[][] steps = {
      // id, kind, title, inputs (comma separated ids of sources, in port order)
      {"customers", "Dataset", "customers.csv", ""},
      {"orders", "Dataset", "orders.parquet", ""},
      {"events", "Dataset", "click_events.json", ""},
      {"products", "Dataset", "products.csv", ""},
      {"clean_customers", "Spark", "clean customers", "customers"},
      {"clean_orders", "Spark", "clean orders", "orders"},
      {"parse_events", "Spark", "parse events", "events"},
      {"products_dim", "Sql", "products dimension", "products"},
      {"order_checks", "Script", "order quality checks", "clean_orders"},
      {"join_orders", "Sql", "join orders + customers", "clean_orders,clean_customers"},
      {"sessions", "Spark", "sessionize", "parse_events"},
      {"customer_features", "Spark", "customer features", "join_orders,sessions"},
      {"product_features", "Spark", "product features", "products_dim,join_orders"},
      {"features", "Sql", "feature table", "customer_features,product_features"},
      {"split", "Script", "train/test split", "features"},
      {"train_xgb", "Model", "train xgboost", "split"},
      {"train_logreg", "Model", "train logistic reg.", "split"},
      {"train_mlp", "Model", "train mlp", "split"},
      {"eval_xgb", "Script", "evaluate xgboost", "train_xgb,split"},
      {"eval_logreg", "Script", "evaluate logistic reg.", "train_logreg,split"},
      {"eval_mlp", "Script", "evaluate mlp", "train_mlp,split"},
      {"compare", "Script", "compare models", "eval_xgb,eval_logreg,eval_mlp"},
      {"register", "Model", "register best model", "compare"},
      {"drift", "Script", "feature drift check", "features"},
      {"score", "Spark", "batch scoring", "register,features"},
      {"export", "Sql", "export scores", "score"},
      {"report", "Script", "model report", "compare,drift"},
      {"notify", "Script", "notify owners", "register"},
      {"dashboard", "Sql", "refresh dashboard", "export,report"},
      {"archive", "Spark", "archive run", "export"},
    };
    java.util.Map<String, GraphNode> byId = new java.util.HashMap<>();
    List<GraphNode> nodes = new ArrayList<>();
    for (int i = 0; i < steps.length; i++) {
      String[] st = steps[i];
      String[] from = st[3].isEmpty() ? new String[0] : st[3].split(",");
      List<Port> in = new ArrayList<>();
      for (int p = 0; p < from.length; p++) {
        // an input is named after what it reads, as a pipeline author would
        in.add(new Port("in" + p, from[p].replace('_', ' '), "table", PortDirection.INPUT));
      }
      String out = st[1].equals("Model") ? "model" : st[1].equals("Dataset") ? "rows" : "table";
      GraphNode n = node(st[0], st[1], st[2], (i % 6) * 260.0, (i / 6) * 120.0, in,
          List.of(new Port("out", out, "table", PortDirection.OUTPUT)));
      byId.put(st[0], n);
      nodes.add(n);
    }
    m.addNodes(nodes);
    int e = 0;
    for (String[] st : steps) {
      if (st[3].isEmpty()) {
        continue;
      }
      GraphNode t = byId.get(st[0]);
      String[] from = st[3].split(",");
      for (int p = 0; p < from.length; p++) {
        GraphNode s = byId.get(from[p]);
        edges.add(new GraphEdge("e" + e++, s, s.outputs().get(0), t, t.inputs().get(p)));
      }
    }
    m.addEdges(edges);
    return m;
  }
}
