package io.pipewright.app.compute;

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

/** Answers dialogs from a script and records what was asked, for view-model tests. */
public final class ScriptedDialogs implements DialogService {
  /** What was shown, one line each: "confirm: title | message", "error: title | message". */
  public final CheckedList<String> shown = new CheckedList<>();
  private final Deque<Boolean> confirmations = new ArrayDeque<>();
  private final Deque<Optional<String>> passwords = new ArrayDeque<>();
  /** The thread each password dialog was shown on. */
  public final List<String> passwordThreads = new ArrayList<>();

  public ScriptedDialogs() {
    NoUnexpectedErrors.watch(() -> shown.unchecked(s -> s.startsWith("error: ")));
  }

  public ScriptedDialogs answerConfirm(boolean answer) {
    confirmations.add(answer);
    return this;
  }

  /** Answers the next password dialog with {@code password}; {@code null} cancels it. */
  public ScriptedDialogs answerPassword(String password) {
    passwords.add(Optional.ofNullable(password));
    return this;
  }

  public String last() {
    return shown.isEmpty() ? "" : shown.get(shown.size() - 1);
  }

  @Override
  public void showError(String title, String message) {
    shown.add("error: " + title + " | " + message);
  }

  @Override
  public void showInformation(String title, String message) {
    shown.add("information: " + title + " | " + message);
  }

  @Override
  public boolean confirm(String title, String message, String confirmLabel) {
    shown.add("confirm: " + title + " | " + message);
    if (confirmations.isEmpty()) {
      throw new AssertionError("unexpected confirmation: " + title + " | " + message);
    }
    return confirmations.poll();
  }

  @Override
  public SaveChoice askToSave(String documentName) {
    throw new AssertionError("unexpected save question for " + documentName);
  }

  @Override
  public void notify(String message) {
    shown.add("notify: " + message);
  }

  @Override
  public Optional<Path> chooseFileToOpen(String title, Path initialDirectory, List<FileFilter> filters) {
    return Optional.empty();
  }

  @Override
  public Optional<Path> chooseFileToSave(String title, Path initialDirectory, String initialName,
      List<FileFilter> filters) {
    return Optional.empty();
  }

  @Override
  public Optional<Path> chooseDirectory(String title, Path initialDirectory) {
    return Optional.empty();
  }

  @Override
  public synchronized Optional<char[]> askPassword(String title, String header, String user, String why) {
    shown.add("password: " + title + " | " + header + " | " + user + " | " + why);
    passwordThreads.add(Thread.currentThread().getName());
    if (passwords.isEmpty()) {
      throw new AssertionError("unexpected password dialog: " + title);
    }
    return passwords.poll().map(String::toCharArray);
  }

  @Override
  public <T> Optional<T> show(Dialog<T> dialog) {
    throw new AssertionError("view-model tests show no custom dialogs");
  }
}
