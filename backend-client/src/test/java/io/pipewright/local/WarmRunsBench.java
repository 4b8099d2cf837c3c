package io.pipewright.local;

import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.SubmitOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The warm side of bench/parallel: opens the workspace at HOME and runs the pipelines in turn with
 * warm Spark ({@code LocalWorkspace.submit(..., withWarmSpark(true))}, the designer's code path),
 * RUNS rounds after one run of the first that starts the driver (not counted). Prints, per
 * pipeline, a line {@code FILE: SECONDS...} on stdout (submit to the run's end).
 *
 * <pre>WarmRunsBench HOME RUNS PIPELINE_FILE...</pre>
 */
public final class WarmRunsBench {

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    int runs = Integer.parseInt(args[1]);
    Map<Path, List<String>> seconds = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      seconds.put(Path.of(args[i]), new ArrayList<>());
    }
    try (LocalWorkspace workspace = LocalWorkspace.open(home)) {
      run(workspace, seconds.keySet().iterator().next());
      for (int round = 0; round < runs; round++) {
        for (Map.Entry<Path, List<String>> p : seconds.entrySet()) {
          p.getValue().add(String.format(Locale.ROOT, "%.2f", run(workspace, p.getKey())));
        }
      }
    }
    seconds.forEach((file, s) -> System.out.println(file + ": " + String.join(" ", s)));
  }

  private static double run(LocalWorkspace workspace, Path file) throws Exception {
    Pipeline pipeline = PipelineFormat.read(file).pipeline();
    long t0 = System.nanoTime();
    RunHandle run = workspace.submit(pipeline, new SubmitOptions(null, file, Map.of(), false).withWarmSpark(true));
    RunStatus status = run.await(Duration.ofMinutes(5)).orElseThrow();
    double s = (System.nanoTime() - t0) / 1e9;
    if (status != RunStatus.COMPLETED) {
      for (ChildRun c : workspace.childRuns(run.runId())) {
        System.err.println("  " + file.getFileName() + " " + c.stepId() + ": " + c.status().label() + " " + c.message());
      }
      throw new IllegalStateException("run " + run.runId() + " of " + file + " ended " + status.label());
    }
    return s;
  }
}
