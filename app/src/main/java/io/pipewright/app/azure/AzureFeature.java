package io.pipewright.app.azure;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.azure.AzureSignIn.DeviceCode;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * Azure sign-in in the designer: the status bar's item (who is signed in, the sign-in menu) and the
 * device-code dialog while a device-code sign-in waits. The sign-in itself is the AppContext's,
 * which the workspace gets for its Azure compute targets.
 */
public final class AzureFeature {
  private final AzureSignInViewModel model;
  private final Consumer<String> openBrowser;
  private final Supplier<Window> owner;
  private DeviceCodeDialog dialog;

  /**
   * @param owner the window the device-code dialog belongs to (null: none)
   */
  AzureFeature(AzureSignInViewModel model, Consumer<String> openBrowser, Supplier<Window> owner) {
    this.model = model;
    this.openBrowser = openBrowser;
    this.owner = owner;
    model.deviceCodeProperty().addListener((o, was, code) -> showDeviceCode(code));
  }

  /**
   * Adds the Azure item to the window's status bar.
   *
   * @param openBrowser opens a URL in the system browser (the application's HostServices)
   */
  public static AzureFeature install(MainWindow window, AppContext context, Consumer<String> openBrowser) {
    return install(window, context, openBrowser, AzureSignInViewModel.Credentials.AZURE_IDENTITY);
  }

  /** With the credentials of {@code credentials} (tests: TokenCredentials that need no Microsoft Entra ID). */
  static AzureFeature install(MainWindow window, AppContext context, Consumer<String> openBrowser,
      AzureSignInViewModel.Credentials credentials) {
    AzureSignInViewModel model = new AzureSignInViewModel(context::azure, context.executor(), context.dialogs(),
        credentials);
    AzureStatusItem item = new AzureStatusItem(model);
    window.addStatusItem(item);
    return new AzureFeature(model, openBrowser, () -> window.getScene() == null ? null : window.getScene().getWindow());
  }

  public AzureSignInViewModel model() {
    return model;
  }

  private void showDeviceCode(DeviceCode code) {
    if (dialog != null) {
      dialog.finished();
      dialog = null;
    }
    if (code == null) {
      return;
    }
    dialog = new DeviceCodeDialog(code, openBrowser, model::cancel);
    Window window = owner.get();
    if (window != null) {
      dialog.initOwner(window);
    }
    dialog.show();
  }

  /** The device-code dialog while one shows (tests). */
  DeviceCodeDialog dialog() {
    return dialog;
  }
}
