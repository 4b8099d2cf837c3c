package io.pipewright.app.compute;

import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** One row of the compute targets list: the target and its last connection test. */
public final class TargetRow {
  private final ComputeTarget target;
  private final ObjectProperty<ConnectionState> state;

  TargetRow(ComputeTarget target, ConnectionState state) {
    this.target = target;
    this.state = new SimpleObjectProperty<>(this, "state", state);
  }

  public ComputeTarget target() {
    return target;
  }

  public String name() {
    return target.name();
  }

  public String kindLabel() {
    return ComputeKind.of(target.kind()).map(ComputeKind::label).orElse(target.kind());
  }

  /** The settings that tell targets apart, in a line ("spark://10.0.0.5:7077"). */
  public String details() {
    return details(target);
  }

  static String details(ComputeTarget t) {
    Map<String, String> s = t.settings();
    List<String> parts = new ArrayList<>();
    switch (t.kind()) {
      case ComputeKind.LOCAL_SPARK:
        parts.add(s.containsKey("cores") ? s.get("cores") + " cores" : "all cores");
        parts.add(s.containsKey("sparkHome") ? "Spark " + s.get("sparkHome") : "bundled Spark");
        parts.add(s.containsKey("javaHome") ? "Java " + s.get("javaHome") : "app's Java");
        break;
      case ComputeKind.LOCAL_PROCESS:
        parts.add("script steps as processes on this machine");
        break;
      case ComputeKind.SPARK_STANDALONE:
        parts.add(s.getOrDefault("masterUrl", "?"));
        parts.add("REST " + s.getOrDefault("restUrl", "?"));
        break;
      case ComputeKind.LIVY:
        parts.add(s.getOrDefault("url", "?"));
        parts.add("basic".equals(s.get("auth")) ? "basic auth as " + s.getOrDefault("user", "?") : "no auth");
        break;
      case ComputeKind.SYNAPSE_SPARK_POOL:
        parts.add("pool " + s.getOrDefault("pool", "?") + " via " + s.getOrDefault("linkedService", "?"));
        parts.add(s.getOrDefault("nodeCount", "?") + " × " + s.getOrDefault("nodeSize", "?"));
        break;
      case ComputeKind.AZUREML:
        parts.add("workspace " + s.getOrDefault("workspaceName", "?"));
        parts.add("resource group " + s.getOrDefault("resourceGroup", "?"));
        break;
      default:
        s.forEach((k, v) -> parts.add(k + "=" + v));
    }
    return String.join(" · ", parts);
  }

  public ObjectProperty<ConnectionState> stateProperty() {
    return state;
  }

  public ConnectionState state() {
    return state.get();
  }
}
