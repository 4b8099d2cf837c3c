package io.pipewright.app.run;

import io.pipewright.app.fx.DialogService;
import io.pipewright.app.testing.CheckedList;
import io.pipewright.app.testing.NoUnexpectedErrors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Dialog;

/** A dialog service for view-model tests: records what was shown; answers nothing it was not told to. */
final class ScriptedDialogs implements DialogService {
  final CheckedList<String> errors = new CheckedList<>();

  ScriptedDialogs() {
    NoUnexpectedErrors.watch(() -> errors.unchecked(e -> true));
  }
  final List<String> notes = new ArrayList<>();

  @Override
  public void showError(String title, String message) {
    errors.add(title + ": " + message);
  }

  @Override
  public void showInformation(String title, String message) {
    notes.add(title + ": " + message);
  }

  @Override
  public boolean confirm(String title, String message, String confirmLabel) {
    throw new AssertionError("unexpected question: " + title);
  }

  @Override
  public SaveChoice askToSave(String documentName) {
    throw new AssertionError("unexpected question: save " + documentName);
  }

  @Override
  public void notify(String message) {
    notes.add(message);
  }

  @Override
  public Optional<Path> chooseFileToOpen(String title, Path initialDirectory, List<FileFilter> filters) {
    throw new AssertionError("unexpected file chooser: " + title);
  }

  @Override
  public Optional<Path> chooseFileToSave(String title, Path initialDirectory, String initialName, List<FileFilter> filters) {
    throw new AssertionError("unexpected file chooser: " + title);
  }

  @Override
  public Optional<Path> chooseDirectory(String title, Path initialDirectory) {
    throw new AssertionError("unexpected directory chooser: " + title);
  }

  @Override
  public <T> Optional<T> show(Dialog<T> dialog) {
    throw new AssertionError("unexpected dialog: " + dialog.getTitle());
  }

  @Override
  public Optional<char[]> askPassword(String title, String header, String user, String why) {
    throw new AssertionError("unexpected password dialog: " + title);
  }
}
