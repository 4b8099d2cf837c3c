package io.pipewright.local;

import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepSelection;
import io.pipewright.workspace.SubmitOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The warm side of bench/iterate: opens the workspace at HOME, edits SQL_FILE (its first {@code
 * LIMIT n} changes, as a user edits a query) and reruns STEP and the steps it needs with warm Spark,
 * the designer's code path ({@code LocalWorkspace.submit(..., withWarmSpark(true))}), RUNS times
 * after a first run that starts the driver. Prints each run's seconds (submit to its end) and the
 * steps' statuses on stderr, and one line {@code warm: SECONDS...} on stdout.
 *
 * <pre>IterateBench HOME PIPELINE_FILE SQL_FILE STEP RUNS</pre>
 */
public final class IterateBench {

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    Path file = Path.of(args[1]);
    Path sql = Path.of(args[2]);
    StepSelection selection = StepSelection.to(args[3]);
    int runs = Integer.parseInt(args[4]);
    StringBuilder seconds = new StringBuilder("warm:");
    try (LocalWorkspace workspace = LocalWorkspace.open(home)) {
      for (int i = 0; i <= runs; i++) {
        IterateEdit.apply(sql);
        Pipeline pipeline = PipelineFormat.read(file).pipeline();
        long t0 = System.nanoTime();
        RunHandle run = workspace.submit(pipeline, new SubmitOptions(null, file, Map.of(), false, null,
            selection).withWarmSpark(true));
        RunStatus status = run.await(Duration.ofMinutes(5)).orElseThrow();
        double s = (System.nanoTime() - t0) / 1e9;
        String steps = workspace.childRuns(run.runId()).stream()
            .map(c -> c.stepId() + "=" + c.status().label()).collect(Collectors.joining(" "));
        System.err.printf(Locale.ROOT, "  warm run %d: %.2f s %s (%s)%s%n", i, s, status.label(), steps,
            i == 0 ? ", starts the driver: not counted" : "");
        if (status != RunStatus.COMPLETED) {
          for (ChildRun c : workspace.childRuns(run.runId())) {
            System.err.println("  " + c.stepId() + ": " + c.message());
          }
          System.exit(1);
        }
        if (i > 0) {
          seconds.append(String.format(Locale.ROOT, " %.2f", s));
        }
      }
    }
    System.out.println(seconds);
  }

  /** The edit of the bench: the first {@code LIMIT n} of the script becomes {@code LIMIT n+1}. */
  static final class IterateEdit {
    static void apply(Path sql) throws java.io.IOException {
      String text = Files.readString(sql, StandardCharsets.UTF_8);
      java.util.regex.Matcher limit = java.util.regex.Pattern.compile("LIMIT (\\d+)").matcher(text);
      if (!limit.find()) {
        throw new IllegalArgumentException(sql + " has no LIMIT to change");
      }
      int next = Integer.parseInt(limit.group(1)) + 1;
      Files.writeString(sql, text.substring(0, limit.start()) + "LIMIT " + next + text.substring(limit.end()),
          StandardCharsets.UTF_8);
    }
  }
}
