package io.pipewright.app.compute;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableObjectValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

/** "Test connection" and what the test found: a spinner while it runs, then the outcome and what was checked. */
final class ConnectionPane extends VBox {
  private final Label result = new Label();
  private final Label details = new Label();
  private final ProgressIndicator progress = new ProgressIndicator();

  ConnectionPane(ObservableObjectValue<ConnectionState> state, ObservableBooleanValue canTest, Runnable test) {
    setSpacing(6);
    getStyleClass().add("connection-box");
    Button button = new Button("Test connection", new FontIcon(MaterialDesignC.CONNECTION));
    button.setId("testConnection");
    button.setOnAction(e -> test.run());
    button.disableProperty().bind(Bindings.createBooleanBinding(
        () -> !canTest.get() || state.get().status() == ConnectionState.Status.TESTING, state, canTest));
    progress.setPrefSize(18, 18);
    progress.setMaxSize(18, 18);
    result.setId("connectionResult");
    result.setWrapText(true);
    result.setMaxWidth(440);
    details.getStyleClass().add("connection-details");
    details.setWrapText(true);
    details.setMaxWidth(500);
    HBox top = new HBox(10, button, progress, result);
    top.setAlignment(Pos.CENTER_LEFT);
    getChildren().addAll(top, details);
    state.addListener((o, a, b) -> show(b));
    show(state.get());
  }

  private void show(ConnectionState s) {
    progress.setVisible(s.status() == ConnectionState.Status.TESTING);
    progress.setManaged(progress.isVisible());
    result.getStyleClass().removeAll("connection-ok", "connection-failed", "connection-later");
    switch (s.status()) {
      case OK:
        result.getStyleClass().add("connection-ok");
        result.setGraphic(new FontIcon(MaterialDesignC.CHECK_CIRCLE));
        break;
      case FAILED:
        result.getStyleClass().add("connection-failed");
        result.setGraphic(new FontIcon(MaterialDesignC.CLOSE_CIRCLE));
        break;
      case NOT_AVAILABLE_YET:
        result.getStyleClass().add("connection-later");
        result.setGraphic(new FontIcon(MaterialDesignI.INFORMATION_OUTLINE));
        break;
      default:
        result.setGraphic(null);
    }
    result.setText(s.status() == ConnectionState.Status.NOT_TESTED ? "Not tested yet" : s.message());
    details.setText(String.join("\n", s.details()));
    details.setVisible(!s.details().isEmpty());
    details.setManaged(details.isVisible());
  }
}
