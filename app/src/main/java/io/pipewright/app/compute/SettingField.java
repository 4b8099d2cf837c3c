package io.pipewright.app.compute;

import io.pipewright.workspace.ComputeSetting;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One field of a compute target dialog: the setting it edits, the value as typed and what is wrong
 * with it (empty when nothing). Paths are checked in the background, so a field can be
 * {@linkplain #checkingProperty() checking} for a moment.
 */
public final class SettingField {
  private final ComputeSetting setting;
  private final StringProperty value = new SimpleStringProperty(this, "value", "");
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
  private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking", false);

  SettingField(ComputeSetting setting, String initial) {
    this.setting = setting;
    value.set(initial == null ? "" : initial);
  }

  public ComputeSetting setting() {
    return setting;
  }

  public String key() {
    return setting.key();
  }

  public String label() {
    return setting.label() + (setting.required() ? " *" : "");
  }

  public boolean required() {
    return setting.required();
  }

  public String help() {
    return setting.help();
  }

  public ComputeSetting.Type type() {
    return setting.type();
  }

  /** The allowed values of a choice, in order. */
  public List<String> choices() {
    return setting.choices();
  }

  /** Whether the value names something on disk, which is checked off the UI thread. */
  public boolean isPath() {
    return isPath(setting.type());
  }

  static boolean isPath(ComputeSetting.Type type) {
    return type == ComputeSetting.Type.DIRECTORY || type == ComputeSetting.Type.JAVA_HOME
        || type == ComputeSetting.Type.SPARK_HOME;
  }

  public StringProperty valueProperty() {
    return value;
  }

  public String value() {
    return value.get() == null ? "" : value.get();
  }

  public void setValue(String text) {
    value.set(text);
  }

  /** A sentence naming the field ("masterUrl must start with spark://…"), or empty. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  public String problem() {
    return problem.get();
  }

  void setProblem(String message) {
    problem.set(message == null ? "" : message);
  }

  public ReadOnlyBooleanProperty checkingProperty() {
    return checking.getReadOnlyProperty();
  }

  void setChecking(boolean on) {
    checking.set(on);
  }
}
