package io.pipewright.app.fx;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Asks for one password: who it is for, the server's refusal when asking again, a password field,
 * OK (off while the field is empty) and Cancel. The field is emptied when the dialog closes; the
 * answer is the caller's to clear.
 */
public final class PasswordDialog extends Dialog<char[]> {
  static final String KEPT = "Kept in memory until Pipewright closes; never saved.";

  public PasswordDialog(String title, String header, String user, String why) {
    setTitle(title);
    setHeaderText(header);
    PasswordField password = new PasswordField();
    password.setId("passwordField");
    password.setPrefColumnCount(24);
    Label userLabel = new Label("User");
    userLabel.setMinWidth(Region.USE_PREF_SIZE);
    Label userValue = new Label(user);
    userValue.setId("passwordUser");
    Label passwordLabel = new Label("_Password");
    passwordLabel.setMnemonicParsing(true);
    passwordLabel.setLabelFor(password);
    passwordLabel.setMinWidth(Region.USE_PREF_SIZE);
    Label kept = new Label(KEPT);
    kept.setId("passwordKept");
    kept.getStyleClass().add("field-help");
    kept.setWrapText(true);
    kept.setMaxWidth(420);

    GridPane grid = Forms.grid();
    grid.setHgap(10);
    grid.setVgap(8);
    grid.setPadding(new Insets(10, 4, 4, 4));
    int row = 0;
    if (why != null && !why.isBlank()) {
      Label refused = new Label("The password was refused: " + why);
      refused.setId("passwordRefusal");
      refused.getStyleClass().add("field-problem");
      refused.setWrapText(true);
      refused.setMaxWidth(420);
      grid.add(refused, 0, row++, 2, 1);
    }
    grid.add(userLabel, 0, row);
    grid.add(userValue, 1, row++);
    grid.add(passwordLabel, 0, row);
    grid.add(password, 1, row++);
    grid.add(kept, 1, row);
    GridPane.setHgrow(password, Priority.ALWAYS);

    getDialogPane().setContent(grid);
    getDialogPane().setId("passwordDialog");
    getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
    Forms.style(getDialogPane());
    Node ok = getDialogPane().lookupButton(ButtonType.OK);
    ok.disableProperty().bind(password.textProperty().isEmpty());
    setResultConverter(button -> button == ButtonType.OK ? password.getText().toCharArray() : null);
    setOnHidden(e -> password.clear());
    setOnShown(e -> Platform.runLater(password::requestFocus));
  }
}
