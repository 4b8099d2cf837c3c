package io.pipewright.workspace;

import java.util.Set;

/**
 * Which page of the history to list, newest first.
 *
 * @param experiment only this experiment's runs; null for all
 * @param text only runs whose id, experiment, pipeline name, target, message or parameters contain
 *     it (case-insensitive); null or blank for all
 * @param statuses only runs with one of these statuses; empty for all
 * @param offset how many matching runs to skip
 * @param limit at most this many runs
 */
public record RunQuery(String experiment, String text, Set<RunStatus> statuses, int offset, int limit) {

  public RunQuery {
    experiment = experiment == null || experiment.isBlank() ? null : experiment;
    text = text == null || text.isBlank() ? null : text.strip();
    statuses = Set.copyOf(statuses == null ? Set.of() : statuses);
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative");
    }
  }

  /** The newest {@code limit} runs of every experiment. */
  public static RunQuery newest(int limit) {
    return new RunQuery(null, null, Set.of(), 0, limit);
  }

  /** Whether a run matches the experiment, text and statuses (not the page). */
  public boolean matches(RunSummary run) {
    if (experiment != null && !experiment.equals(run.experiment())) {
      return false;
    }
    if (!statuses.isEmpty() && !statuses.contains(run.status())) {
      return false;
    }
    if (text == null) {
      return true;
    }
    String needle = text.toLowerCase(java.util.Locale.ROOT);
    return java.util.stream.Stream.of(run.runId(), run.experiment(), run.pipelineName(), run.target(),
            run.message(), run.parameters().toString())
        .anyMatch(s -> s != null && s.toLowerCase(java.util.Locale.ROOT).contains(needle));
  }
}
