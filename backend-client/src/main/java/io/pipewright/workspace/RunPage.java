package io.pipewright.workspace;

import java.util.List;

/**
 * One page of the history.
 *
 * @param runs the runs of the page, newest first
 * @param total how many runs match the query in all pages
 */
public record RunPage(List<RunSummary> runs, int total) {
  public RunPage {
    runs = List.copyOf(runs);
  }
}
