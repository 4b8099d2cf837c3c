package io.pipewright.app.azure;

import io.pipewright.app.document.Icons;
import io.pipewright.azure.AzureSignIn.Method;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/**
 * The status bar's Azure item: who is signed in to which tenant ("Not signed in to Azure" else),
 * a spinner while signing in, and a menu to sign in with the browser, with a device code or with
 * the default credentials, to cancel a sign-in under way, and to sign out.
 */
public final class AzureStatusItem extends MenuButton {

  public AzureStatusItem(AzureSignInViewModel model) {
    setId("azureStatus");
    getStyleClass().addAll("flat", "azure-status");
    setFocusTraversable(false);
    setPopupSide(javafx.geometry.Side.TOP); // at the bottom of the window: the menu opens upwards
    textProperty().bind(model.statusBinding());
    io.pipewright.app.fx.Tips.install(this, model.detailBinding(), tip -> {
      tip.setWrapText(true);
      tip.setMaxWidth(480);
    });
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setPrefSize(14, 14);
    spinner.setMaxSize(14, 14);
    javafx.scene.Node cloud = Icons.of(MaterialDesignM.MICROSOFT_AZURE);
    graphicProperty().bind(javafx.beans.binding.Bindings.when(model.signingInBinding())
        .then((javafx.scene.Node) spinner).otherwise(cloud));

    MenuItem browser = item("Sign in with the browser", "azureSignInBrowser", () -> model.signIn(Method.BROWSER));
    MenuItem deviceCode = item("Sign in with a device code", "azureSignInDeviceCode", () -> model.signIn(Method.DEVICE_CODE));
    MenuItem defaults = item("Use default credentials (environment, Azure CLI, managed identity)", "azureSignInDefault",
        () -> model.signIn(Method.DEFAULT));
    MenuItem cli = item("Use the Azure CLI's account (az login)", "azureSignInCli", () -> model.signIn(Method.AZURE_CLI));
    MenuItem cancel = item("Cancel sign-in", "azureCancelSignIn", model::cancel);
    cancel.visibleProperty().bind(model.signingInBinding());
    MenuItem signOut = item("Sign out", "azureSignOut", model::signOut);
    signOut.disableProperty().bind(model.signedInBinding().not());
    for (MenuItem signInItem : new MenuItem[] {browser, deviceCode, defaults, cli}) {
      signInItem.disableProperty().bind(model.signingInBinding());
    }
    getItems().setAll(browser, deviceCode, defaults, cli, cancel, new SeparatorMenuItem(), signOut);
  }

  private static MenuItem item(String text, String id, Runnable action) {
    MenuItem item = new MenuItem(text);
    item.setMnemonicParsing(false);
    item.setId(id);
    item.setOnAction(e -> action.run());
    return item;
  }
}
