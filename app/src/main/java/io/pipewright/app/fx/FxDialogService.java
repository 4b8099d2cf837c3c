package io.pipewright.app.fx;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Dialogs owned by the main window, in the app's theme. */
public final class FxDialogService implements DialogService {
  private final Window owner;

  public FxDialogService(Window owner) {
    this.owner = owner;
  }

  @Override
  public void showError(String title, String message) {
    alert(Alert.AlertType.ERROR, title, message).showAndWait();
  }

  @Override
  public void showInformation(String title, String message) {
    alert(Alert.AlertType.INFORMATION, title, message).showAndWait();
  }

  @Override
  public boolean confirm(String title, String message, String confirmLabel) {
    Alert alert = alert(Alert.AlertType.CONFIRMATION, title, message);
    ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
    alert.getButtonTypes().setAll(yes, ButtonType.CANCEL);
    return alert.showAndWait().filter(yes::equals).isPresent();
  }

  @Override
  public boolean confirm(String title, String message, String confirmLabel, String otherLabel) {
    Alert alert = alert(Alert.AlertType.CONFIRMATION, title, message);
    ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
    ButtonType no = new ButtonType(otherLabel, ButtonBar.ButtonData.NO);
    alert.getButtonTypes().setAll(yes, no);
    return alert.showAndWait().filter(yes::equals).isPresent();
  }

  @Override
  public SaveChoice askToSave(String documentName) {
    Alert alert = alert(Alert.AlertType.WARNING, "Unsaved changes",
        "Save the changes to " + documentName + " before closing?");
    ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
    ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
    alert.getButtonTypes().setAll(save, discard, ButtonType.CANCEL);
    ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
    if (answer == save) {
      return SaveChoice.SAVE;
    }
    return answer == discard ? SaveChoice.DISCARD : SaveChoice.CANCEL;
  }

  @Override
  public void notify(String message) {
    Notifications.create().owner(owner).text(message).position(Pos.BOTTOM_RIGHT)
        .hideAfter(Duration.seconds(4)).show();
  }

  @Override
  public Optional<Path> chooseFileToOpen(String title, Path initialDirectory, List<FileFilter> filters) {
    FileChooser chooser = chooser(title, initialDirectory, filters);
    return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
  }

  @Override
  public Optional<Path> chooseFileToSave(String title, Path initialDirectory, String initialName,
      List<FileFilter> filters) {
    FileChooser chooser = chooser(title, initialDirectory, filters);
    chooser.setInitialFileName(initialName);
    return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
  }

  @Override
  public Optional<Path> chooseDirectory(String title, Path initialDirectory) {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(title);
    if (initialDirectory != null && Files.isDirectory(initialDirectory)) {
      chooser.setInitialDirectory(initialDirectory.toFile());
    }
    return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
  }

  @Override
  public Optional<char[]> askPassword(String title, String header, String user, String why) {
    return show(new PasswordDialog(title, header, user, why));
  }

  @Override
  public <T> Optional<T> show(Dialog<T> dialog) {
    if (dialog.getOwner() == null) {
      dialog.initOwner(owner);
    }
    return dialog.showAndWait();
  }

  private Alert alert(Alert.AlertType type, String title, String message) {
    Alert alert = new Alert(type);
    alert.initOwner(owner);
    alert.setTitle(title);
    alert.setHeaderText(title);
    Label text = new Label(message);
    text.setWrapText(true);
    text.setMaxWidth(520);
    alert.getDialogPane().setContent(text);
    return alert;
  }

  private static FileChooser chooser(String title, Path initialDirectory, List<FileFilter> filters) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    if (initialDirectory != null && Files.isDirectory(initialDirectory)) {
      chooser.setInitialDirectory(initialDirectory.toFile());
    }
    for (FileFilter f : filters) {
      chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description(), f.patterns()));
    }
    return chooser;
  }
}
