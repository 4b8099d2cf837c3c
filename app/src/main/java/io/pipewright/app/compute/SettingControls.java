package io.pipewright.app.compute;

import io.pipewright.app.fx.DialogService;
import io.pipewright.workspace.ComputeSetting;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/** The form control of one compute setting, for the attach dialog (rows come from {@link io.pipewright.app.fx.Forms}). */
final class SettingControls {
  private SettingControls() {}

  /**
   * The control for a compute setting: a combo box for a choice, a text field with a folder button
   * for a directory, a text field otherwise. Its id is {@code field-KEY}.
   */
  static Node control(SettingField field, DialogService dialogs, Control[] decorated) {
    if (field.type() == ComputeSetting.Type.CHOICE) {
      ComboBox<String> box = new ComboBox<>();
      box.getItems().setAll(field.required() ? field.choices() : withBlank(field));
      box.valueProperty().bindBidirectional(field.valueProperty());
      box.setMaxWidth(Double.MAX_VALUE);
      box.setPromptText(field.setting().defaultValue() != null ? field.setting().defaultValue()
          : field.required() ? "choose one" : "default");
      box.setId("field-" + field.key());
      decorated[0] = box;
      return box;
    }
    TextField text = new TextField();
    text.textProperty().bindBidirectional(field.valueProperty());
    text.setId("field-" + field.key());
    text.setPromptText(prompt(field));
    decorated[0] = text;
    ProgressIndicator checking = new ProgressIndicator();
    checking.setPrefSize(16, 16);
    checking.setMaxSize(16, 16);
    checking.visibleProperty().bind(field.checkingProperty());
    checking.managedProperty().bind(checking.visibleProperty());
    checking.setTooltip(new Tooltip("Checking…"));
    HBox box = new HBox(6, text, checking);
    box.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(text, Priority.ALWAYS);
    if (field.isPath()) {
      Button browse = new Button(null, new FontIcon(MaterialDesignF.FOLDER_OUTLINE));
      browse.setTooltip(new Tooltip("Choose a folder"));
      browse.setId("browse-" + field.key());
      browse.setOnAction(e -> {
        Path start = field.value().isBlank() ? null : safePath(field.value());
        Optional<Path> chosen = dialogs.chooseDirectory(field.setting().label(), start);
        chosen.ifPresent(p -> field.setValue(p.toString()));
      });
      box.getChildren().add(browse);
    }
    return box;
  }

  private static java.util.List<String> withBlank(SettingField field) {
    java.util.List<String> items = new java.util.ArrayList<>();
    items.add("");
    items.addAll(field.choices());
    return items;
  }

  private static Path safePath(String text) {
    try {
      return Path.of(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String prompt(SettingField field) {
    switch (field.type()) {
      case URL:
        return field.choices().isEmpty() ? "scheme://host:port" : field.choices().get(0) + "://host:port";
      case WHOLE_NUMBER:
        return field.setting().defaultValue() == null ? "a whole number" : field.setting().defaultValue();
      case GUID:
        return "00000000-0000-0000-0000-000000000000";
      case SPARK_HOME:
        return "empty: the Spark that comes with Pipewright";
      case JAVA_HOME:
        return "empty: this app's Java or one found on the machine";
      case DIRECTORY:
        return "empty: SPARK_HOME";
      default:
        return field.required() ? "required" : "";
    }
  }
}
