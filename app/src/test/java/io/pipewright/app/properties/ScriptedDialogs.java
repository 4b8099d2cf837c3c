package io.pipewright.app.properties;

import io.pipewright.app.fx.DialogService;
import io.pipewright.app.testing.CheckedList;
import io.pipewright.app.testing.NoUnexpectedErrors;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Dialog;

/** Answers dialogs from a script, and records what was shown: for view-model tests. */
final class ScriptedDialogs implements DialogService {
  final Deque<Optional<Path>> files = new ArrayDeque<>();
  final CheckedList<String> errors = new CheckedList<>();

  ScriptedDialogs() {
    NoUnexpectedErrors.watch(() -> errors.unchecked(e -> true));
  }
  final List<Path> initialDirectories = new ArrayList<>();

  ScriptedDialogs answer(Path chosen) {
    files.add(Optional.ofNullable(chosen));
    return this;
  }

  @Override
  public void showError(String title, String message) {
    errors.add(title + ": " + message);
  }

  @Override
  public void showInformation(String title, String message) {}

  @Override
  public boolean confirm(String title, String message, String confirmLabel) {
    return true;
  }

  @Override
  public SaveChoice askToSave(String documentName) {
    return SaveChoice.CANCEL;
  }

  @Override
  public void notify(String message) {}

  @Override
  public Optional<Path> chooseFileToOpen(String title, Path initialDirectory, List<FileFilter> filters) {
    initialDirectories.add(initialDirectory);
    return files.isEmpty() ? Optional.empty() : files.pop();
  }

  @Override
  public Optional<Path> chooseFileToSave(String title, Path initialDirectory, String initialName,
      List<FileFilter> filters) {
    return files.isEmpty() ? Optional.empty() : files.pop();
  }

  @Override
  public Optional<Path> chooseDirectory(String title, Path initialDirectory) {
    initialDirectories.add(initialDirectory);
    return files.isEmpty() ? Optional.empty() : files.pop();
  }

  @Override
  public <T> Optional<T> show(Dialog<T> dialog) {
    return Optional.empty();
  }

  @Override
  public Optional<char[]> askPassword(String title, String header, String user, String why) {
    throw new AssertionError("unexpected password dialog: " + title);
  }
}
