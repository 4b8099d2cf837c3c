package io.pipewright.app.run;

import io.pipewright.workspace.LogStream;
import java.util.List;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The Log tab: a step's log in a monospace, virtualized list that keeps to the bottom while the log
 * grows, unless the user has scrolled up. stdout, stderr and Pipewright's own notes are a click
 * apart. Ctrl+C copies the selected lines.
 */
public final class LogView extends BorderPane {
  private final ListView<String> list = new ListView<>();
  private boolean scrollPending;

  public LogView(LogViewModel viewModel) {
    setId("logView");
    getStyleClass().add("log-view");
    list.setId("logLines");
    list.getStyleClass().add("log-lines");
    list.setItems(viewModel.lines());
    list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    Label placeholder = new Label();
    placeholder.textProperty().bind(viewModel.placeholderProperty());
    placeholder.getStyleClass().add("placeholder");
    placeholder.setWrapText(true);
    list.setPlaceholder(placeholder);

    Label title = new Label();
    title.setId("logTitle");
    title.getStyleClass().add("log-title");
    title.textProperty().bind(viewModel.titleProperty());
    Label cap = new Label();
    cap.setId("logCapNote");
    cap.getStyleClass().add("log-cap-note");
    cap.textProperty().bind(viewModel.capNoteProperty());
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);

    ToggleGroup streams = new ToggleGroup();
    ToggleButton stdout = streamButton("stdout", LogStream.DRIVER_STDOUT, streams, "left-pill");
    ToggleButton stderr = streamButton("stderr", LogStream.DRIVER_STDERR, streams, "center-pill");
    ToggleButton notes = streamButton("Pipewright", LogStream.PIPEWRIGHT, streams, "right-pill");
    stdout.setId("logStdout");
    stderr.setId("logStderr");
    notes.setId("logNotes");
    streams.selectToggle(stdout);
    streams.selectedToggleProperty().addListener((o, a, b) -> {
      if (b == null) {
        streams.selectToggle(a); // one stream is always shown
      } else {
        viewModel.streamProperty().set((String) b.getUserData());
      }
    });
    viewModel.streamProperty().addListener((o, a, b) -> streams.getToggles().stream()
        .filter(t -> b.equals(t.getUserData())).findFirst().ifPresent(streams::selectToggle));

    HBox bar = new HBox(8, title, grow, cap, new HBox(stdout, stderr, notes));
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 8, 4, 8));
    bar.getStyleClass().add("log-bar");
    setTop(bar);
    setCenter(list);

    list.getItems().addListener(this::keepToBottom);
    // "Show in log": after the scroll to the bottom that the same batch of lines may have asked for
    viewModel.revealedProperty().addListener((o, a, index) -> {
      int i = index.intValue();
      if (i >= 0) {
        Platform.runLater(() -> {
          if (i < list.getItems().size()) {
            list.getSelectionModel().clearAndSelect(i);
            // the line in the middle of what the list shows
            VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
            int rows = flow == null || flow.getFirstVisibleCell() == null || flow.getLastVisibleCell() == null ? 0
                : flow.getLastVisibleCell().getIndex() - flow.getFirstVisibleCell().getIndex();
            list.scrollTo(Math.max(0, i - rows / 2));
          }
        });
      }
    });
    list.setOnKeyPressed(e -> {
      if (KeyCombination.keyCombination("Shortcut+C").match(e)) {
        copySelection();
        e.consume();
      } else if (e.getCode() == KeyCode.END) {
        list.scrollTo(list.getItems().size() - 1);
      }
    });
  }

  private static ToggleButton streamButton(String text, String stream, ToggleGroup group, String pill) {
    ToggleButton b = new ToggleButton(text);
    b.setUserData(stream);
    b.setToggleGroup(group);
    b.getStyleClass().add(pill);
    b.setFocusTraversable(false);
    return b;
  }

  /** Scrolls to the new last line if the old last line was in view (the user had not scrolled up). */
  private void keepToBottom(ListChangeListener.Change<? extends String> change) {
    int size = list.getItems().size();
    int oldSize = size;
    while (change.next()) {
      oldSize += change.getRemovedSize() - change.getAddedSize();
    }
    if (size == 0 || wasScrolledUp(oldSize) || scrollPending) {
      return;
    }
    // After the skin has taken in the new lines (it learns of them in this same change): once per batch.
    scrollPending = true;
    Platform.runLater(() -> {
      scrollPending = false;
      if (!list.getItems().isEmpty()) {
        list.scrollTo(list.getItems().size() - 1);
      }
    });
  }

  private boolean wasScrolledUp(int oldSize) {
    VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
    if (flow == null || oldSize == 0) {
      return false;
    }
    var last = flow.getLastVisibleCell();
    return last != null && last.getIndex() < oldSize - 1;
  }

  private void copySelection() {
    List<String> selected = list.getSelectionModel().getSelectedItems();
    if (!selected.isEmpty()) {
      ClipboardContent content = new ClipboardContent();
      content.putString(String.join("\n", selected) + "\n");
      Clipboard.getSystemClipboard().setContent(content);
    }
  }

  public ListView<String> list() {
    return list;
  }
}
