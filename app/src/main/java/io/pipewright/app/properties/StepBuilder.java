package io.pipewright.app.properties;

import io.pipewright.model.Environment;
import io.pipewright.model.InputPort;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Step;
import io.pipewright.model.StepKind;
import java.util.List;

/** A changed copy of a step, one field at a time (the record has eleven components). */
final class StepBuilder {
  private String name;
  private String description;
  private StepKind kind;
  private String compute;
  private String sourceDirectory;
  private List<InputPort> inputs;
  private List<OutputPort> outputs;
  private List<String> arguments;
  private Environment environment;
  private boolean allowReuse;
  private final String id;

  private StepBuilder(Step s) {
    id = s.id();
    name = s.name();
    description = s.description();
    kind = s.kind();
    compute = s.compute();
    sourceDirectory = s.sourceDirectory();
    inputs = s.inputs();
    outputs = s.outputs();
    arguments = s.arguments();
    environment = s.environment();
    allowReuse = s.allowReuse();
  }

  static StepBuilder from(Step s) {
    return new StepBuilder(s);
  }

  StepBuilder name(String value) {
    name = value;
    return this;
  }

  StepBuilder description(String value) {
    description = value;
    return this;
  }

  StepBuilder kind(StepKind value) {
    kind = value;
    return this;
  }

  StepBuilder compute(String value) {
    compute = value;
    return this;
  }

  StepBuilder sourceDirectory(String value) {
    sourceDirectory = value;
    return this;
  }

  StepBuilder inputs(List<InputPort> value) {
    inputs = value;
    return this;
  }

  StepBuilder outputs(List<OutputPort> value) {
    outputs = value;
    return this;
  }

  StepBuilder arguments(List<String> value) {
    arguments = value;
    return this;
  }

  StepBuilder environment(Environment value) {
    environment = value;
    return this;
  }

  StepBuilder allowReuse(boolean value) {
    allowReuse = value;
    return this;
  }

  Step build() {
    return new Step(id, name, description, kind, compute, sourceDirectory, inputs, outputs, arguments,
        environment, allowReuse);
  }
}
