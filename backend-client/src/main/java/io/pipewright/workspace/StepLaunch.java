package io.pipewright.workspace;

import io.pipewright.model.DatasetKind;
import io.pipewright.model.Step;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a launcher needs to start one step, with placeholders already resolved.
 *
 * @param workDirectory a private, empty directory of this child run
 * @param sourceDirectory where the step's files are
 * @param arguments the step's arguments, resolved
 * @param inputs input port name to the data handed to the step
 * @param outputs output port name to the directory the step must write
 * @param parameters pipeline parameter values in force
 */
public record StepLaunch(
    String runId,
    Step step,
    ComputeTarget target,
    Path workDirectory,
    Path sourceDirectory,
    List<String> arguments,
    Map<String, Input> inputs,
    Map<String, Path> outputs,
    Map<String, String> parameters,
    StepLogs logs) {

  /** Data handed to an input port: a file or directory, and whether it is tabular. */
  public record Input(Path path, DatasetKind kind) {}
}
