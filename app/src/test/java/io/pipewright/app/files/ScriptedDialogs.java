package io.pipewright.app.files;

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

/**
 * A DialogService for view-model tests: questions are answered from a script, in order, and a
 * question nobody scripted fails the test; messages shown are recorded.
 */
final class ScriptedDialogs implements DialogService {
  final CheckedList<String> errors = new CheckedList<>();

  ScriptedDialogs() {
    NoUnexpectedErrors.watch(() -> errors.unchecked(e -> true));
  }
  final List<String> informations = new ArrayList<>();
  final List<String> notifications = new ArrayList<>();
  final List<String> asked = new ArrayList<>();
  private final Deque<Object> answers = new ArrayDeque<>();

  /** Answers the next question: a SaveChoice, a Boolean (confirm), a Path or Optional.empty() (choosers). */
  ScriptedDialogs answer(Object answer) {
    answers.add(answer);
    return this;
  }

  boolean allAnswered() {
    return answers.isEmpty();
  }

  private Object next(String question) {
    asked.add(question);
    if (answers.isEmpty()) {
      throw new AssertionError("unscripted dialog: " + question);
    }
    return answers.removeFirst();
  }

  @Override
  public void showError(String title, String message) {
    errors.add(title + "\n" + message);
  }

  @Override
  public void showInformation(String title, String message) {
    informations.add(title + "\n" + message);
  }

  @Override
  public boolean confirm(String title, String message, String confirmLabel) {
    return (Boolean) next("confirm: " + title);
  }

  @Override
  public boolean confirm(String title, String message, String confirmLabel, String otherLabel) {
    return (Boolean) next("confirm: " + title + " [" + confirmLabel + "/" + otherLabel + "]");
  }

  @Override
  public SaveChoice askToSave(String documentName) {
    return (SaveChoice) next("askToSave: " + documentName);
  }

  @Override
  public void notify(String message) {
    notifications.add(message);
  }

  @Override
  public Optional<Path> chooseFileToOpen(String title, Path initialDirectory, List<FileFilter> filters) {
    return chosen(next("open: " + title));
  }

  @Override
  public Optional<Path> chooseFileToSave(String title, Path initialDirectory, String initialName,
      List<FileFilter> filters) {
    return chosen(next("save: " + title + " " + initialName));
  }

  @Override
  public Optional<Path> chooseDirectory(String title, Path initialDirectory) {
    return chosen(next("directory: " + title));
  }

  @Override
  public <T> Optional<T> show(Dialog<T> dialog) {
    throw new AssertionError("unscripted custom dialog: " + dialog.getTitle());
  }

  private static Optional<Path> chosen(Object answer) {
    if (answer instanceof Optional) {
      return ((Optional<?>) answer).map(Path.class::cast);
    }
    return Optional.of((Path) answer);
  }

  @Override
  public Optional<char[]> askPassword(String title, String header, String user, String why) {
    throw new AssertionError("unexpected password dialog: " + title);
  }
}
