package io.pipewright.app.run;

import io.pipewright.model.Edge;
import io.pipewright.model.Environment;
import io.pipewright.model.InputMode;
import io.pipewright.model.InputPort;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Pipeline;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.Step;
import java.util.ArrayList;
import java.util.List;

/** Pipelines of script steps (real processes that start in milliseconds), built in code. */
final class ScriptSteps {
  private final String id;
  private final List<Step> steps = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();

  private ScriptSteps(String id) {
    this.id = id;
  }

  static ScriptSteps pipeline(String id) {
    return new ScriptSteps(id);
  }

  /**
   * A step running the shell snippet {@code script} (no single quotes in it), then writing its
   * output {@code out}, which the engine requires.
   */
  ScriptSteps step(String stepId, String script) {
    steps.add(step(stepId, script, List.of()));
    return this;
  }

  /** A step reading {@code from}'s output {@code out} on its input {@code in}. */
  ScriptSteps after(String from, String stepId, String script) {
    steps.add(step(stepId, script, List.of(new InputPort("in", InputMode.DIRECT, false))));
    edges.add(new Edge("e" + (edges.size() + 1), new Edge.End(from, "out"), new Edge.End(stepId, "in")));
    return this;
  }

  static Step step(String stepId, String script, List<InputPort> inputs) {
    return new Step(stepId, name(stepId), null, new ScriptStep(command(script)), "local-process", ".", inputs,
        List.of(new OutputPort("out", null)), List.of("{outputs.out}"), Environment.EMPTY, true);
  }

  /** {@code sh -c 'SCRIPT; echo ok > "$0/done"' OUTPUT}: the output directory arrives as {@code $0}. */
  static String command(String script) {
    return "sh -c '" + script + "; echo ok > \"$0/done\"'";
  }

  Pipeline build() {
    return new Pipeline(id, id, null, List.of(), "local-process", List.of(), steps, edges, null);
  }

  /** "Step a" for step a: names differ from ids, as in real pipelines. */
  static String name(String stepId) {
    return "Step " + stepId;
  }
}
