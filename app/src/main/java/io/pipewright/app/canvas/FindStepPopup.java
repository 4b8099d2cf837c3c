package io.pipewright.app.canvas;

import io.pipewright.app.document.Icons;
import io.pipewright.app.document.NodeKinds;
import io.pipewright.model.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;

/** Ctrl+F: type part of a step's or dataset's name, Enter shows it on the canvas. */
public final class FindStepPopup {
  /** A step or dataset to find. */
  public record Entry(String id, String name, String kind) {
    boolean matches(String text) {
      return text == null || text.isBlank()
          || name.toLowerCase(Locale.ROOT).contains(text.strip().toLowerCase(Locale.ROOT))
          || id.toLowerCase(Locale.ROOT).contains(text.strip().toLowerCase(Locale.ROOT));
    }
  }

  private FindStepPopup() {}

  public static List<Entry> entries(Pipeline p) {
    List<Entry> entries = new ArrayList<>();
    p.steps().forEach(s -> entries.add(new Entry(s.id(), s.name(), NodeKinds.of(s))));
    p.datasets().forEach(d -> entries.add(new Entry(d.id(), d.name(), NodeKinds.DATASET)));
    return entries;
  }

  /** Shows the popup over {@code owner}; {@code onChosen} receives the chosen node id. */
  public static void show(Node owner, Pipeline pipeline, Consumer<String> onChosen) {
    ObservableList<Entry> all = FXCollections.observableArrayList(entries(pipeline));
    FilteredList<Entry> shown = new FilteredList<>(all);
    TextField field = new TextField();
    field.setId("findStep");
    field.setPromptText("Find a step or dataset by name");
    ListView<Entry> list = new ListView<>(shown);
    list.setPrefHeight(Math.min(8, Math.max(1, all.size())) * 30 + 4);
    list.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(Entry e, boolean empty) {
        super.updateItem(e, empty);
        setText(empty || e == null ? null : e.name());
        setGraphic(empty || e == null ? null : Icons.forKind(e.kind()));
      }
    });
    field.textProperty().addListener((o, a, b) -> {
      shown.setPredicate(e -> e.matches(b));
      list.getSelectionModel().selectFirst();
    });
    list.getSelectionModel().selectFirst();
    Label hint = new Label(all.isEmpty() ? "The pipeline has no steps yet." : "Enter shows it, Esc closes");
    hint.getStyleClass().add("placeholder");
    VBox box = new VBox(6, field, list, hint);
    box.setPadding(new Insets(8));
    box.setPrefWidth(360);
    box.getStyleClass().add("find-step");
    Popup popup = new Popup();
    popup.getContent().add(box);
    popup.setAutoHide(true);
    Runnable choose = () -> {
      Entry e = list.getSelectionModel().getSelectedItem();
      if (e != null) {
        popup.hide();
        onChosen.accept(e.id());
      }
    };
    field.setOnKeyPressed(k -> {
      if (k.getCode() == KeyCode.ENTER) {
        choose.run();
      } else if (k.getCode() == KeyCode.DOWN) {
        list.getSelectionModel().selectNext();
        k.consume();
      } else if (k.getCode() == KeyCode.UP) {
        list.getSelectionModel().selectPrevious();
        k.consume();
      } else if (k.getCode() == KeyCode.ESCAPE) {
        popup.hide();
      }
    });
    list.setOnMouseClicked(m -> choose.run());
    var bounds = owner.localToScreen(owner.getBoundsInLocal());
    popup.show(owner, bounds.getMinX() + bounds.getWidth() / 2 - 180, bounds.getMinY() + 40);
    field.requestFocus();
  }
}
