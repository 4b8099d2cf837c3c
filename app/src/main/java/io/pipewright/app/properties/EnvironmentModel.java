package io.pipewright.app.properties;

import io.pipewright.model.Environment;
import io.pipewright.model.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A step's environment: its pip packages and environment variables, each checked as typed. Every
 * change is one undoable edit.
 */
public final class EnvironmentModel {
  private final StepPanelModel owner;

  final ObservableList<FieldModel> pipPackages = FXCollections.observableArrayList();
  final FieldModel newPipPackage;
  final ObservableList<KeyValueRow> variables = FXCollections.observableArrayList();
  final PairInput newVariable;

  EnvironmentModel(StepPanelModel owner) {
    this.owner = owner;
    newPipPackage = new FieldModel("New package", "/environment/pipPackages/-", () -> "",
        t -> t.isBlank() ? Optional.empty() : Validators.pipPackage(t, step().environment().pipPackages()),
        v -> editEnvironment("Add pip package " + v + " to " + step().name(), e -> {
          List<String> packages = new ArrayList<>(e.pipPackages());
          packages.add(v);
          return new Environment(packages, e.variables());
        }));
    newVariable = new PairInput(
        (k, v) -> Validators.environmentVariable(k, step().environment().variables().keySet()),
        (k, v) -> editEnvironment("Set environment variable " + k + " of " + step().name(), e -> {
          Map<String, String> vars = new LinkedHashMap<>(e.variables());
          vars.put(k, v);
          return new Environment(e.pipPackages(), vars);
        }));
    rebuild();
  }

  private Step step() {
    return owner.step();
  }

  private void editEnvironment(String what, UnaryOperator<Environment> change) {
    owner.editStep(what, s -> StepBuilder.from(s).environment(change.apply(s.environment())).build());
  }

  /** Whether the step has packages or variables (the section starts open then). */
  boolean isEmpty() {
    return pipPackages.isEmpty() && variables.isEmpty();
  }

  private FieldModel pipPackage(int index) {
    return new FieldModel("Package", "/environment/pipPackages/" + index,
        () -> index < step().environment().pipPackages().size() ? step().environment().pipPackages().get(index) : "",
        t -> {
          List<String> others = new ArrayList<>(step().environment().pipPackages());
          if (index < others.size()) {
            others.remove(index);
          }
          return Validators.pipPackage(t, others);
        },
        v -> editEnvironment("Set pip package " + (index + 1) + " of " + step().name() + " to " + v, e -> {
          List<String> packages = new ArrayList<>(e.pipPackages());
          packages.set(index, v);
          return new Environment(packages, e.variables());
        }));
  }

  public void removePipPackage(int index) {
    editEnvironment("Remove pip package " + step().environment().pipPackages().get(index) + " from " + step().name(),
        e -> {
          List<String> packages = new ArrayList<>(e.pipPackages());
          packages.remove(index);
          return new Environment(packages, e.variables());
        });
  }

  private KeyValueRow variable(String key) {
    String at = "/environment/variables/" + key;
    FieldModel keyField = new FieldModel("Variable", at, () -> key,
        t -> {
          Set<String> others = new HashSet<>(step().environment().variables().keySet());
          others.remove(key);
          return Validators.environmentVariable(t, others);
        },
        v -> editEnvironment("Rename environment variable " + key + " of " + step().name() + " to " + v, e -> {
          Map<String, String> vars = new LinkedHashMap<>(e.variables());
          vars.put(v, vars.remove(key));
          return new Environment(e.pipPackages(), vars);
        }));
    FieldModel valueField = new FieldModel("Value", at, () -> step().environment().variables().getOrDefault(key, ""),
        t -> Optional.empty(),
        v -> editEnvironment("Set environment variable " + key + " of " + step().name(), e -> {
          Map<String, String> vars = new LinkedHashMap<>(e.variables());
          vars.put(key, v);
          return new Environment(e.pipPackages(), vars);
        }));
    return new KeyValueRow(key, keyField, valueField, () -> editEnvironment(
        "Remove environment variable " + key + " from " + step().name(), e -> {
          Map<String, String> vars = new LinkedHashMap<>(e.variables());
          vars.remove(key);
          return new Environment(e.pipPackages(), vars);
        }));
  }

  void refresh() {
    rebuild();
    pipPackages.forEach(FieldModel::refresh);
    variables.forEach(KeyValueRow::refresh);
  }

  /** Makes one row per package and variable when their number or keys changed. */
  void rebuild() {
    Step s = step();
    if (pipPackages.size() != s.environment().pipPackages().size()) {
      List<FieldModel> rows = new ArrayList<>();
      for (int i = 0; i < s.environment().pipPackages().size(); i++) {
        rows.add(pipPackage(i));
      }
      pipPackages.setAll(rows);
    }
    List<String> keys = variables.stream().map(KeyValueRow::key).toList();
    if (!keys.equals(new ArrayList<>(s.environment().variables().keySet()))) {
      List<KeyValueRow> rows = new ArrayList<>();
      for (String key : s.environment().variables().keySet()) {
        rows.add(variable(key));
      }
      variables.setAll(rows);
    }
  }
}
