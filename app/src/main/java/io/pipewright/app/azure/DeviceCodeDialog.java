package io.pipewright.app.azure;

import io.pipewright.app.fx.Forms;
import io.pipewright.azure.AzureSignIn.DeviceCode;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Shown while a device-code sign-in waits: where to go (a link that opens the browser), the code
 * large with a Copy button, a spinner while Microsoft waits for the user, and Cancel. It closes by
 * itself when the sign-in ends ({@link #finished()}); Cancel and the window's close stop the sign-in.
 */
public final class DeviceCodeDialog extends Dialog<Void> {
  private boolean finished;

  /**
   * @param code the code, its URL and Microsoft's own sentence
   * @param openBrowser opens a URL in the system browser
   * @param onCancel stops the sign-in (the user cancelled or closed the dialog)
   */
  public DeviceCodeDialog(DeviceCode code, Consumer<String> openBrowser, Runnable onCancel) {
    setTitle("Sign in to Azure");
    setHeaderText("Sign in with a device code");

    Label step1 = new Label("1. On this or any other device, open");
    step1.getStyleClass().add("device-code-step");
    Hyperlink link = new Hyperlink(code.verificationUrl());
    link.setId("deviceCodeLink");
    link.setOnAction(e -> openBrowser.accept(code.verificationUrl()));

    Label step2 = new Label("2. Enter this code:");
    step2.getStyleClass().add("device-code-step");
    Label value = new Label(code.userCode());
    value.setId("deviceCodeValue");
    value.getStyleClass().add("device-code");
    Button copy = new Button("Copy");
    copy.setId("deviceCodeCopy");
    copy.setOnAction(e -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(code.userCode());
      javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
      copy.setText("Copied");
    });
    HBox codeRow = new HBox(12, value, copy);
    codeRow.setAlignment(Pos.CENTER_LEFT);

    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setPrefSize(18, 18);
    Label waiting = new Label("Waiting for you to sign in… Pipewright continues by itself once you have.");
    waiting.setId("deviceCodeWaiting");
    HBox waitingRow = new HBox(8, spinner, waiting);
    waitingRow.setAlignment(Pos.CENTER_LEFT);

    Label message = new Label(code.message());
    message.setId("deviceCodeMessage");
    message.getStyleClass().add("field-help");
    message.setWrapText(true);
    message.setMaxWidth(460);

    VBox content = new VBox(8, step1, link, step2, codeRow, waitingRow, message);
    content.setPadding(new Insets(10, 6, 4, 6));
    VBox.setMargin(link, new Insets(-4, 0, 4, 8));
    VBox.setMargin(codeRow, new Insets(0, 0, 6, 8));
    getDialogPane().setContent(content);
    getDialogPane().setId("deviceCodeDialog");
    getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL);
    Forms.style(getDialogPane());
    setResultConverter(button -> null);
    setOnHidden(e -> {
      if (!finished) {
        onCancel.run();
      }
    });
  }

  /** The sign-in ended (signed in, failed or cancelled elsewhere): closes without cancelling it. */
  public void finished() {
    finished = true;
    close();
  }
}
