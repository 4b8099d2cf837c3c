package io.pipewright.workspace;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the history knows about one step of a run, for the step details pane and {@code
 * pipewright runs show}.
 *
 * @param child the child run (status, message, times, compute, outputs)
 * @param history every status transition, oldest first
 * @param launch the exact launch: the spark-submit parameters or the command, secrets masked; null
 *     when the step never launched (reused, not run)
 * @param inputs input port name to the data handed to the step
 * @param registered dataset versions its outputs were registered as
 * @param reuseChanges why it was not reused, one line per changed field ("spark.executor.memory 7g
 *     → 8g", "source file prep.sql changed"); empty when reused or when there was nothing earlier
 * @param exitCode the exit code of its process or job, when it has one
 * @param failure where its failure cause is in its logs, when it failed and the cause was found
 */
public record StepDetails(
    ChildRun child,
    List<StatusChange> history,
    String launch,
    Map<String, String> inputs,
    List<DatasetVersion> registered,
    List<String> reuseChanges,
    Integer exitCode,
    Optional<FailureLocation> failure) {

  public StepDetails {
    history = List.copyOf(history);
    inputs = Map.copyOf(inputs);
    registered = List.copyOf(registered);
    reuseChanges = List.copyOf(reuseChanges);
    failure = failure == null ? Optional.empty() : failure;
  }
}
