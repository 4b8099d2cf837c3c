package io.pipewright.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A step of a pipeline.
 *
 * @param compute the compute target name; null means the pipeline's default
 * @param sourceDirectory where the step's files are, relative to the pipeline file
 * @param arguments arguments after the entry; may contain {@code {inputs.NAME}}, {@code
 *     {outputs.NAME}} and {@code {parameters.NAME}}
 */
public record Step(
    String id,
    String name,
    String description,
    StepKind kind,
    String compute,
    String sourceDirectory,
    List<InputPort> inputs,
    List<OutputPort> outputs,
    List<String> arguments,
    Environment environment,
    boolean allowReuse) {

  public Step {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    name = name == null ? id : name;
    description = description == null ? "" : description;
    sourceDirectory = sourceDirectory == null || sourceDirectory.isBlank() ? "." : sourceDirectory;
    inputs = List.copyOf(inputs == null ? List.of() : inputs);
    outputs = List.copyOf(outputs == null ? List.of() : outputs);
    arguments = List.copyOf(arguments == null ? List.of() : arguments);
    environment = environment == null ? Environment.EMPTY : environment;
  }

  public Optional<InputPort> input(String portName) {
    return inputs.stream().filter(p -> p.name().equals(portName)).findFirst();
  }

  public Optional<OutputPort> output(String portName) {
    return outputs.stream().filter(p -> p.name().equals(portName)).findFirst();
  }

  public boolean isSpark() {
    return kind instanceof SparkStep;
  }

  public Step withKind(StepKind newKind) {
    return new Step(id, name, description, newKind, compute, sourceDirectory, inputs, outputs, arguments, environment, allowReuse);
  }

  /** This step on another compute target ({@code null}: the pipeline's default). */
  public Step withCompute(String newCompute) {
    return new Step(id, name, description, kind, newCompute, sourceDirectory, inputs, outputs, arguments, environment, allowReuse);
  }

  public Step withName(String newName) {
    return new Step(id, newName, description, kind, compute, sourceDirectory, inputs, outputs, arguments, environment, allowReuse);
  }
}
