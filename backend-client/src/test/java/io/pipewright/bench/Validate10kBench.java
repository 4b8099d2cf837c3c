package io.pipewright.bench;

import io.pipewright.model.ComputeProfile;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.Diagnostic;
import io.pipewright.model.Edge;
import io.pipewright.model.Environment;
import io.pipewright.model.InputMode;
import io.pipewright.model.InputPort;
import io.pipewright.model.Layout;
import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Parameter;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.model.PipelineValidator;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.model.ValidationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates a 10,000-step pipeline file (chains of Spark and script steps fed by dataset nodes,
 * with fan-ins joining two chains), then reads and validates it several times in one JVM. The
 * last line printed is {@code validate-10k: ms=<median of 15 runs after 10 warm-up runs> first_ms=<first run, cold JVM> steps=N}.
 */
public final class Validate10kBench {

  /** Runs before measuring, so that the JIT has compiled the reader and validator (as in an app that has been open a while). */
  private static final int WARM_UP = 10;

  private static final int RUNS = 15;

  private Validate10kBench() {}

  public static void main(String[] args) throws IOException {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path dir = Files.createTempDirectory("validate-10k");
    Path file = dir.resolve("generated.pipeline.json");
    for (String entry : List.of("prepare.sql", "transform.py", "score.py")) {
      Files.writeString(dir.resolve(entry), "-- generated\n");
    }
    Files.writeString(dir.resolve("features.jar"), "generated\n");
    PipelineFormat.save(generate(steps), file);
    ValidationContext context = new ValidationContext(dir, Map.of(
        "local-spark", new ComputeProfile("local-spark", "local-spark", true, 2, true, true),
        "local-process", new ComputeProfile("local-process", "local-process", false, 2, false, true),
        "cluster", new ComputeProfile("cluster", "spark-standalone", true, 0, false, true)));
    System.out.printf("generated %s (%d KiB)%n", file, Files.size(file) / 1024);

    long[] times = new long[WARM_UP + RUNS];
    int errors = -1;
    for (int run = 0; run < times.length; run++) {
      long start = System.nanoTime();
      LoadedPipeline loaded = PipelineFormat.read(file);
      long read = System.nanoTime();
      List<Diagnostic> diagnostics = PipelineValidator.validate(loaded.pipeline(), context);
      times[run] = System.nanoTime() - start;
      System.err.printf("run %d: read %d ms, validate %d ms%n", run, (read - start) / 1_000_000,
          (System.nanoTime() - read) / 1_000_000);
      errors = (int) (loaded.problems().size() + diagnostics.stream().filter(Diagnostic::isError).count());
    }
    if (errors != 0) {
      System.out.println("unexpected: the generated pipeline has " + errors + " errors");
    }
    long first = times[0] / 1_000_000;
    long[] warm = Arrays.copyOfRange(times, WARM_UP, times.length);
    Arrays.sort(warm);
    long median = warm[warm.length / 2] / 1_000_000;
    Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    System.out.printf("validate-10k: ms=%d first_ms=%d steps=%d%n", median, first, steps);
  }

  /**
   * Chains of 20 steps: a Spark SQL step reads a dataset, Spark Python and script steps follow
   * one another; every fifth step of a chain also takes the output of the previous chain (a fan-in).
   */
  public static Pipeline generate(int stepCount) {
    List<DatasetNode> datasets = new ArrayList<>();
    List<Step> steps = new ArrayList<>(stepCount);
    List<Edge> edges = new ArrayList<>(stepCount * 2);
    Map<String, Layout.Position> layout = new HashMap<>();
    int chainLength = 20;
    String previousChainOutput = null;
    for (int i = 0; i < stepCount; i++) {
      int chain = i / chainLength;
      int inChain = i % chainLength;
      String id = "c" + chain + "_s" + inChain;
      List<InputPort> inputs = new ArrayList<>();
      if (inChain == 0) {
        String dataset = "raw" + chain;
        datasets.add(chain % 3 == 0
            ? new DatasetNode(dataset, "events " + chain, DatasetKind.FILE, new DatasetSource.Registered("events", null))
            : new DatasetNode(dataset, "table " + chain + ".csv", DatasetKind.TABULAR,
                new DatasetSource.DatastorePath("default", "tables/t" + chain + ".csv")));
        inputs.add(new InputPort("raw", InputMode.DIRECT, false));
        edges.add(new Edge("d" + chain, new Edge.End(dataset, null), new Edge.End(id, "raw")));
        layout.put(dataset, new Layout.Position(chain * 240.0, 0));
      } else {
        inputs.add(new InputPort("data", inChain % 4 == 0 ? InputMode.DOWNLOAD : InputMode.DIRECT, false));
        edges.add(new Edge("e" + i, new Edge.End("c" + chain + "_s" + (inChain - 1), "out"),
            new Edge.End(id, "data")));
        if (inChain % 5 == 0 && previousChainOutput != null) {
          inputs.add(new InputPort("side", InputMode.MOUNT, true));
          edges.add(new Edge("f" + i, new Edge.End(previousChainOutput, "out"), new Edge.End(id, "side")));
        }
      }
      String firstInput = inputs.get(0).name();
      List<OutputPort> outputs = List.of(new OutputPort("out", inChain == chainLength - 1 ? "result" + chain : null));
      List<String> arguments = List.of("--in", "{inputs." + firstInput + "}", "--out", "{outputs.out}",
          "--threshold", "{parameters.threshold}");
      Step step;
      if (inChain == 0) {
        step = new Step(id, "Prepare " + chain, "Reads the raw data", new SparkStep(new SparkEntry.Sql("prepare.sql"),
            new SparkSettings("2g", 1, "2g", 1, 1, null, Map.of("spark.sql.shuffle.partitions", "8"), null, null,
                null, null)), "local-spark", ".", inputs, outputs, arguments, null, true);
      } else if (inChain % 3 == 0) {
        step = new Step(id, "Score " + chain + "." + inChain, null, new ScriptStep("python3 score.py"),
            "local-process", ".", inputs, outputs, arguments,
            new Environment(List.of("numpy==2.1.0"), Map.of("MODE", "batch")), true);
      } else if (inChain % 7 == 0) {
        step = new Step(id, "Features " + chain + "." + inChain, null,
            new SparkStep(new SparkEntry.Jar("features.jar", "com.example.Features"),
                new SparkSettings("4g", 2, "4g", 2, 2, null, null, null, List.of("lib/extra.jar"), null, null)),
            "cluster", ".", inputs, outputs, arguments, null, true);
      } else {
        step = new Step(id, "Transform " + chain + "." + inChain, null,
            new SparkStep(new SparkEntry.Python("transform.py"),
                new SparkSettings("1g", 1, "1g", 1, 1, null, Map.of("spark.sql.adaptive.enabled", "true"),
                    List.of("helpers.zip"), null, null, null)),
            null, ".", inputs, outputs, arguments, null, inChain % 2 == 0);
      }
      steps.add(step);
      layout.put(id, new Layout.Position(chain * 240.0, 100.0 + inChain * 80));
      if (inChain == chainLength - 1) {
        previousChainOutput = id;
      }
    }
    return new Pipeline("generated", "Generated " + stepCount + " steps", "For the validate-10k benchmark",
        List.of(new Parameter("threshold", "0.5", "cut-off")), "local-spark", datasets, steps, edges,
        new Layout(layout));
  }
}
