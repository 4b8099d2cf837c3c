package io.pipewright.app.properties;

import atlantafx.base.theme.Styles;
import io.pipewright.app.document.Icons;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.Ikon;

/**
 * Builds the panel's controls bound to field models, and remembers each under its pointer so that
 * {@link PropertiesView#focusField} can find it. One instance per shown panel: once {@link #close()}d
 * (another node was selected), its controls no longer commit when they lose focus.
 */
final class Controls {
  /** Control property: a {@link BooleanSupplier} telling whether the control holds uncommitted typing. */
  static final String EDITING = "pipewright.editing";

  private final Map<String, Node> byPointer = new LinkedHashMap<>();
  private boolean closed;
  private boolean quiet;

  Map<String, Node> byPointer() {
    return byPointer;
  }

  void close() {
    closed = true;
  }

  /** Runs {@code rebuild} without committing the fields it removes. */
  void quietly(Runnable rebuild) {
    boolean was = quiet;
    quiet = true;
    try {
      rebuild.run();
    } finally {
      quiet = was;
    }
  }

  private boolean live() {
    return !closed && !quiet;
  }

  void register(String pointer, Node control) {
    byPointer.put(pointer, control);
  }

  /** A text field bound to {@code field}: commits on Enter and focus loss, Escape throws typing away. */
  TextField text(FieldModel field) {
    return text(field, true);
  }

  /** An "add" field commits only on Enter (or its Add button); leaving it keeps what was typed. */
  TextField adder(FieldModel field) {
    return text(field, false);
  }

  private TextField text(FieldModel field, boolean commitOnFocusLoss) {
    TextField t = new TextField();
    bind(t, field, commitOnFocusLoss);
    t.setOnAction(e -> {
      if (live()) {
        field.commit();
      }
    });
    return t;
  }

  /** A text area bound to {@code field}: commits on focus loss (Enter is a new line). */
  TextArea area(FieldModel field, int rows) {
    TextArea a = new TextArea();
    a.setWrapText(true);
    a.setPrefRowCount(rows);
    bind(a, field, true);
    tabMovesFocus(a);
    return a;
  }

  /** Tab and Shift+Tab leave a text area (as Ctrl+Tab does) instead of typing a tab into it. */
  static void tabMovesFocus(TextArea area) {
    area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.TAB && !e.isControlDown()) {
        e.consume();
        area.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.TAB, e.isShiftDown(), true, false, false));
      }
    });
  }

  private void bind(TextInputControl t, FieldModel field, boolean commitOnFocusLoss) {
    t.textProperty().bindBidirectional(field.textProperty());
    t.setPromptText(field.label());
    t.getProperties().put(EDITING, (BooleanSupplier) field::isEditing);
    if (commitOnFocusLoss) {
      t.focusedProperty().addListener((o, was, focused) -> {
        if (!focused && live()) {
          field.commit();
        }
      });
    }
    t.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ESCAPE && field.isEditing()) {
        field.revert();
        e.consume();
      }
    });
    decorate(t, field.errorProperty());
    register(field.pointer(), t);
  }

  /** Shows the danger outline and the reason as a tool tip while {@code error} is not empty. */
  static void decorate(Node control, ObservableStringValue error) {
    Runnable update = () -> {
      boolean bad = !error.get().isEmpty();
      control.pseudoClassStateChanged(Styles.STATE_DANGER, bad);
      if (control instanceof javafx.scene.control.Control) {
        ((javafx.scene.control.Control) control).setTooltip(bad ? new Tooltip(error.get()) : null);
      }
    };
    error.addListener((o, a, b) -> update.run());
    update.run();
  }

  /** The reason under a field, shown only while there is one. */
  static Label errorLabel(ObservableStringValue error) {
    Label l = new Label();
    l.getStyleClass().add("field-error");
    l.setWrapText(true);
    l.textProperty().bind(error);
    l.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(error));
    l.managedProperty().bind(l.visibleProperty());
    return l;
  }

  <T> ComboBox<T> combo(ChoiceModel<T> choice, java.util.function.Function<T, String> label) {
    ComboBox<T> c = new ComboBox<>(choice.items());
    c.valueProperty().bindBidirectional(choice.valueProperty());
    c.setConverter(new StringConverter<>() {
      @Override
      public String toString(T value) {
        return value == null ? "" : label.apply(value);
      }

      @Override
      public T fromString(String s) {
        return null;
      }
    });
    c.setMaxWidth(Double.MAX_VALUE);
    c.setMinWidth(0); // shrinks with the panel (cutting its text short) rather than widening the form
    register(choice.pointer(), c);
    return c;
  }

  CheckBox check(ChoiceModel<Boolean> choice, String text) {
    CheckBox c = new CheckBox(text);
    c.selectedProperty().bindBidirectional(choice.valueProperty());
    register(choice.pointer(), c);
    return c;
  }

  static Button iconButton(Ikon ikon, String tip, Runnable action) {
    Button b = new Button(null, Icons.of(ikon));
    b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    io.pipewright.app.fx.Tips.install(b, tip);
    b.setAccessibleText(tip);
    b.setOnAction(e -> action.run());
    return b;
  }

  static Button button(Ikon ikon, String text, Runnable action) {
    Button b = new Button(text, Icons.of(ikon));
    b.getStyleClass().addAll(Styles.SMALL);
    b.setOnAction(e -> action.run());
    return b;
  }

  static Label muted(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("field-help");
    l.setWrapText(true);
    return l;
  }

  static HBox row(Node... nodes) {
    HBox box = new HBox(6, nodes);
    box.setAlignment(Pos.CENTER_LEFT);
    box.setMinWidth(0);
    for (Node n : nodes) {
      if (n instanceof TextField || n instanceof ComboBox) {
        HBox.setHgrow(n, Priority.ALWAYS);
        ((javafx.scene.control.Control) n).setMinWidth(MIN_FIELD_WIDTH);
      }
    }
    return box;
  }

  /** How narrow a field in a row may get before the panel would rather be wider. */
  static final double MIN_FIELD_WIDTH = 48;

  /**
   * A field with a hint below it ("= 7 GiB"): the hint wraps under the field and never takes width
   * from it, and it has two lines kept for it whether it says something or not, so that the rows below
   * do not move as it comes, goes and grows while the user types. The reason a value is refused shows
   * in the same place, instead of the hint.
   */
  static VBox withHint(Node field, Label hint, ObservableStringValue error) {
    hint.setWrapText(true);
    hint.setMinWidth(0);
    hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    hint.setMaxWidth(Double.MAX_VALUE);
    Label room = new Label("\u00a0\n\u00a0"); // two empty lines in the hint's style: the room it is given
    room.getStyleClass().setAll(hint.getStyleClass());
    room.setVisible(false);
    room.setMinWidth(0);
    // the reason a value is refused takes the hint's place (a refused value has no hint), not a row below it
    Label reason = errorLabel(error);
    reason.setMinWidth(0);
    reason.setMaxWidth(Double.MAX_VALUE);
    hint.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(error));
    javafx.scene.layout.StackPane slot = new javafx.scene.layout.StackPane(room, hint, reason);
    slot.setAlignment(Pos.TOP_LEFT);
    slot.setMinWidth(0);
    VBox box = new VBox(2, field, slot);
    box.setFillWidth(true);
    box.setMinWidth(0);
    return box;
  }

  static TitledPane section(String title, Node content) {
    TitledPane pane = new TitledPane(title, content);
    pane.getStyleClass().add("property-section");
    pane.setAnimated(false);
    return pane;
  }

  /** A two-column grid: labels on the left, controls (with their reasons below) on the right. */
  static final class Grid extends GridPane {
    /** The label column's width, in every grid of the panel. */
    static final double LABEL_WIDTH = 124;
    /** A label's distance from its row's top: on the line of the text in a field beside it. */
    private static final double LABEL_TOP = 7;
    private int row;

    Grid() {
      getStyleClass().add("property-grid");
      setHgap(10);
      setVgap(6);
      ColumnConstraints labels = new ColumnConstraints();
      // one fixed width for every section, so that they line up and no label moves or is cut as the
      // panel narrows or a hint grows; wide enough for "Source directory"
      labels.setMinWidth(LABEL_WIDTH);
      labels.setPrefWidth(LABEL_WIDTH);
      labels.setMaxWidth(LABEL_WIDTH);
      labels.setHalignment(HPos.LEFT);
      ColumnConstraints controls = new ColumnConstraints();
      controls.setHgrow(Priority.ALWAYS);
      controls.setFillWidth(true);
      // the fields take what is left and may shrink with the panel: the form never scrolls sideways
      controls.setMinWidth(0);
      getColumnConstraints().setAll(labels, controls);
    }

    /** A labelled control, with the reason below it while the value is invalid. */
    Grid add(String label, Node control, ObservableStringValue error) {
      Label l = new Label(label);
      l.setLabelFor(control);
      l.getStyleClass().add("field-label");
      l.setMinWidth(0);
      l.setMaxWidth(LABEL_WIDTH);
      if (control instanceof javafx.scene.layout.Region) {
        ((javafx.scene.layout.Region) control).setMinWidth(0);
      }
      setValignment(l, javafx.geometry.VPos.TOP);
      l.setPadding(new javafx.geometry.Insets(LABEL_TOP, 0, 0, 0));
      add(l, 0, row);
      add(control, 1, row);
      row++;
      if (error != null) {
        add(errorLabel(error), 1, row++);
      }
      return this;
    }

    Grid add(String label, Node control) {
      return add(label, control, null);
    }

    /** A node across both columns. */
    Grid wide(Node node) {
      add(node, 0, row++, 2, 1);
      return this;
    }
  }

  static VBox column(Node... nodes) {
    VBox v = new VBox(6, nodes);
    v.setFillWidth(true);
    return v;
  }
}
