package io.pipewright.app.properties;

/** One entry of a key/value table (a Spark setting, an environment variable): both editable, removable. */
public final class KeyValueRow {
  private final String key;
  final FieldModel keyField;
  final FieldModel valueField;
  private final Runnable remove;

  KeyValueRow(String key, FieldModel keyField, FieldModel valueField, Runnable remove) {
    this.key = key;
    this.keyField = keyField;
    this.valueField = valueField;
    this.remove = remove;
  }

  public String key() {
    return key;
  }

  public void remove() {
    remove.run();
  }

  void refresh() {
    keyField.refresh();
    valueField.refresh();
  }
}
