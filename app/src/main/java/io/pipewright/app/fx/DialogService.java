package io.pipewright.app.fx;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Dialog;

/**
 * Every dialog and notification the app shows goes through here, so that view models stay free of
 * controls and tests can answer dialogs without a screen.
 */
public interface DialogService {

  /** An error the user must read: what failed and, where known, what to do. */
  void showError(String title, String message);

  void showInformation(String title, String message);

  /** A yes/no question; {@code true} when the user chose {@code confirmLabel}. */
  boolean confirm(String title, String message, String confirmLabel);

  /**
   * A choice between two actions named by their labels ("Recover" / "Discard"); {@code true} for
   * {@code confirmLabel}, {@code false} for {@code otherLabel} or when the dialog is closed.
   */
  default boolean confirm(String title, String message, String confirmLabel, String otherLabel) {
    return confirm(title, message, confirmLabel);
  }

  /** Save / Don't save / Cancel, asked before unsaved changes would be lost. */
  SaveChoice askToSave(String documentName);

  /** A short message that goes away by itself (bottom right of the window). */
  void notify(String message);

  Optional<Path> chooseFileToOpen(String title, Path initialDirectory, List<FileFilter> filters);

  Optional<Path> chooseFileToSave(String title, Path initialDirectory, String initialName,
      List<FileFilter> filters);

  Optional<Path> chooseDirectory(String title, Path initialDirectory);

  /**
   * Asks for a password: the user name, a password field, OK (off while the field is empty) and
   * Cancel. Empty when cancelled. The answer is the caller's to clear once used; nothing is kept.
   *
   * @param title the window's title
   * @param header what is asked and for whom (the compute target, its address)
   * @param user the user the password is for
   * @param why null the first time; the server's refusal of the password given before, when asking again
   */
  Optional<char[]> askPassword(String title, String header, String user, String why);

  /** Shows a custom dialog modally over the main window and returns its result. */
  <T> Optional<T> show(Dialog<T> dialog);

  enum SaveChoice { SAVE, DISCARD, CANCEL }

  /** A file-chooser filter: a description and glob patterns ({@code *.pipeline.json}). */
  record FileFilter(String description, List<String> patterns) {
    public static final FileFilter PIPELINES = new FileFilter("Pipelines", List.of("*.pipeline.json"));
    public static final FileFilter ALL = new FileFilter("All files", List.of("*"));
  }
}
