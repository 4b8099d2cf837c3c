package io.pipewright.app.log;

import io.pipewright.app.fx.DialogService;
import io.pipewright.app.fx.DialogService.FileFilter;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * The Log tab: which step and stream, the search bar (plain text or regular expression, match
 * case, previous and next, "12 of 3,456"), the errors-and-warnings filter, go to line, Save…, and
 * the log itself ({@link LogCanvas}). Keys: Ctrl+F search, F3 / Shift+F3 next and previous (Enter /
 * Shift+Enter in the field), Ctrl+G go to line, Ctrl+C copy, Ctrl+A select all, End follow.
 */
public final class LogView extends BorderPane {
  private final LogViewModel model;
  private final DialogService dialogs;
  private final LogCanvas canvas;
  private final TextField search = new TextField();
  private final TextField goTo = new TextField();

  public LogView(LogViewModel model, DialogService dialogs) {
    this.model = model;
    this.dialogs = dialogs;
    this.canvas = new LogCanvas(model);
    setId("logView");
    getStyleClass().add("log-view");
    io.pipewright.app.fx.AppStyle.style(this); // shown on its own in tests

    Label title = new Label();
    title.setId("logTitle");
    title.getStyleClass().add("log-title");
    title.textProperty().bind(model.titleProperty());
    title.setMinWidth(Region.USE_PREF_SIZE);
    Label run = new Label();
    run.setId("logRun");
    run.getStyleClass().add("log-run");
    run.textProperty().bind(model.runLabelProperty());

    // A menu button named after the stream shown: a combo box whose items change (another step's
    // streams) clears its selection and can be left showing nothing.
    MenuButton streams = new MenuButton();
    streams.setId("logStream");
    streams.getStyleClass().add("log-stream-choice");
    streams.setFocusTraversable(false);
    streams.textProperty().bind(model.streamProperty());
    Runnable fillStreams = () -> streams.getItems().setAll(model.streams().stream().map(name -> {
      MenuItem item = new MenuItem(name);
      item.setMnemonicParsing(false);
      item.setOnAction(e -> model.streamProperty().set(name));
      return item;
    }).toList());
    model.streams().addListener((javafx.collections.ListChangeListener<String>) c -> fillStreams.run());
    fillStreams.run();
    io.pipewright.app.fx.Tips.install(streams, "Which log of the step");

    search.setId("logSearch");
    search.setPromptText("Search (Ctrl+F)");
    search.getStyleClass().add("log-search");
    search.setPrefColumnCount(22);
    search.textProperty().bindBidirectional(model.queryProperty());
    search.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        if (e.isShiftDown()) {
          model.previous();
        } else {
          model.next();
        }
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        canvas.requestFocus();
        e.consume();
      }
    });
    model.searchInvalidProperty().addListener((o, a, b) ->
        search.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), b));
    ToggleButton matchCase = iconToggle(MaterialDesignF.FORMAT_LETTER_CASE, "logMatchCase", "Match case");
    matchCase.selectedProperty().bindBidirectional(model.matchCaseProperty());
    ToggleButton regex = iconToggle(MaterialDesignR.REGEX, "logRegex", "Regular expression");
    regex.selectedProperty().bindBidirectional(model.regexProperty());
    Button previous = iconButton(MaterialDesignC.CHEVRON_UP, "logPrevious", "Previous match (Shift+F3)");
    previous.setOnAction(e -> model.previous());
    Button next = iconButton(MaterialDesignC.CHEVRON_DOWN, "logNext", "Next match (F3)");
    next.setOnAction(e -> model.next());
    Label count = new Label();
    count.setId("logSearchStatus");
    count.getStyleClass().add("log-search-status");
    count.textProperty().bind(model.searchStatusProperty());
    count.setMinWidth(Region.USE_PREF_SIZE);
    ProgressBar counting = new ProgressBar();
    counting.setId("logSearchProgress");
    counting.getStyleClass().addAll("log-progress", "small");
    counting.setPrefWidth(70);
    counting.progressProperty().bind(model.searchProgressProperty());
    counting.visibleProperty().bind(model.searchProgressProperty().greaterThanOrEqualTo(0));
    counting.managedProperty().bind(counting.visibleProperty());
    HBox searchBox = new HBox(2, search, matchCase, regex, previous, next);
    searchBox.setAlignment(Pos.CENTER_LEFT);

    ToggleButton problems = new ToggleButton("Errors & warnings", icon(MaterialDesignA.ALERT_OUTLINE));
    problems.setId("logProblemsOnly");
    problems.getStyleClass().add("log-problems");
    problems.setFocusTraversable(false);
    io.pipewright.app.fx.Tips.install(problems, "Show only ERROR and WARN lines and exceptions with their stack traces");
    problems.selectedProperty().bindBidirectional(model.problemsOnlyProperty());

    goTo.setId("logGoTo");
    goTo.setPromptText("Line (Ctrl+G)");
    goTo.setPrefColumnCount(8);
    goTo.setOnAction(e -> {
      String digits = goTo.getText().replaceAll("[^0-9]", "");
      if (!digits.isEmpty()) {
        model.goToLine(Long.parseLong(digits.length() > 18 ? digits.substring(0, 18) : digits));
        canvas.requestFocus();
      }
    });

    Button save = new Button("Save…", icon(MaterialDesignC.CONTENT_SAVE_OUTLINE));
    save.setId("logSave");
    save.setFocusTraversable(false);
    io.pipewright.app.fx.Tips.install(save, "Write the whole stream to a file");
    save.setOnAction(e -> save());
    save.disableProperty().bind(model.saveProgressProperty().greaterThanOrEqualTo(0)
        .or(model.titleProperty().isEmpty()));

    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox bar = new HBox(8, title, run, grow, searchBox, counting, count, problems, goTo, streams, save);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 8, 4, 8));
    bar.getStyleClass().add("log-bar");
    setTop(bar);

    Label placeholder = new Label();
    placeholder.setId("logPlaceholder");
    placeholder.getStyleClass().add("placeholder");
    placeholder.textProperty().bind(model.placeholderProperty());
    placeholder.visibleProperty().bind(model.rowCountProperty().isEqualTo(0));
    placeholder.setMouseTransparent(true);
    placeholder.setWrapText(true);
    StackPane center = new StackPane(canvas, placeholder);
    center.getStyleClass().add("log-center");
    setCenter(center);

    Label status = new Label();
    status.setId("logStatus");
    status.getStyleClass().add("log-status");
    status.textProperty().bind(model.statusProperty());
    ProgressBar saving = new ProgressBar();
    saving.getStyleClass().addAll("log-progress", "small");
    saving.setPrefWidth(90);
    saving.progressProperty().bind(model.saveProgressProperty());
    saving.visibleProperty().bind(model.saveProgressProperty().greaterThanOrEqualTo(0));
    saving.managedProperty().bind(saving.visibleProperty());
    Button follow = new Button("Follow", icon(MaterialDesignA.ARROW_COLLAPSE_DOWN));
    follow.setId("logFollow");
    follow.getStyleClass().addAll("flat", "small");
    follow.setFocusTraversable(false);
    io.pipewright.app.fx.Tips.install(follow, "Go to the end and keep to it while the log grows (End)");
    follow.setOnAction(e -> model.scrollToEnd());
    follow.visibleProperty().bind(model.followingProperty().not().and(model.rowCountProperty().greaterThan(0)));
    Label following = new Label();
    following.getStyleClass().add("log-following");
    following.textProperty().bind(Bindings.when(model.followingProperty().and(model.rowCountProperty().greaterThan(0)))
        .then("following").otherwise(""));
    Region grow2 = new Region();
    HBox.setHgrow(grow2, Priority.ALWAYS);
    Label notice = new Label();
    notice.setId("logNotice");
    notice.getStyleClass().add("log-notice");
    notice.textProperty().bind(model.noticeProperty());
    HBox statusBar = new HBox(8, status, saving, notice, grow2, following, follow);
    statusBar.setAlignment(Pos.CENTER_LEFT);
    statusBar.setPadding(new Insets(1, 8, 1, 8));
    statusBar.getStyleClass().add("log-status-bar");
    setBottom(statusBar);

    addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
    canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::canvasKeys);
  }

  private void keys(KeyEvent e) {
    if (KeyCombination.keyCombination("Shortcut+F").match(e)) {
      search.requestFocus();
      search.selectAll();
      e.consume();
    } else if (KeyCombination.keyCombination("Shortcut+G").match(e)) {
      goTo.requestFocus();
      goTo.selectAll();
      e.consume();
    } else if (e.getCode() == KeyCode.F3) {
      if (e.isShiftDown()) {
        model.previous();
      } else {
        model.next();
      }
      e.consume();
    }
  }

  private void canvasKeys(KeyEvent e) {
    long top = model.topRowProperty().get();
    int page = Math.max(1, model.visibleRowsProperty().get() - 1);
    if (KeyCombination.keyCombination("Shortcut+C").match(e)) {
      copy();
    } else if (KeyCombination.keyCombination("Shortcut+A").match(e)) {
      model.selectAll();
    } else if (e.getCode() == KeyCode.UP) {
      model.scrollTo(top - 1);
    } else if (e.getCode() == KeyCode.DOWN) {
      model.scrollTo(top + 1);
    } else if (e.getCode() == KeyCode.PAGE_UP) {
      model.scrollTo(top - page);
    } else if (e.getCode() == KeyCode.PAGE_DOWN) {
      model.scrollTo(top + page);
    } else if (e.getCode() == KeyCode.HOME) {
      model.scrollTo(0);
    } else if (e.getCode() == KeyCode.END) {
      model.scrollToEnd();
    } else {
      return;
    }
    e.consume();
  }

  /** Copies the selected lines to the clipboard (read in the background). */
  public void copy() {
    model.copySelection(text -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(text);
      Clipboard.getSystemClipboard().setContent(content);
    });
  }

  private void save() {
    Path home = Path.of(System.getProperty("user.home"));
    dialogs.chooseFileToSave("Save the log", home, model.suggestedFileName(),
        List.of(new FileFilter("Logs", List.of("*.log", "*.txt")), FileFilter.ALL)).ifPresent(model::save);
  }

  public LogViewModel viewModel() {
    return model;
  }

  LogCanvas canvas() {
    return canvas;
  }

  private static FontIcon icon(org.kordamp.ikonli.Ikon ikon) {
    FontIcon icon = new FontIcon(ikon);
    icon.setIconSize(16);
    icon.getStyleClass().add("log-icon");
    return icon;
  }

  private static ToggleButton iconToggle(org.kordamp.ikonli.Ikon ikon, String id, String tip) {
    ToggleButton b = new ToggleButton(null, icon(ikon));
    b.setId(id);
    b.getStyleClass().addAll("button-icon", "flat", "log-icon-button");
    b.setFocusTraversable(false);
    io.pipewright.app.fx.Tips.install(b, tip);
    return b;
  }

  private static Button iconButton(org.kordamp.ikonli.Ikon ikon, String id, String tip) {
    Button b = new Button(null, icon(ikon));
    b.setId(id);
    b.getStyleClass().addAll("button-icon", "flat", "log-icon-button");
    b.setFocusTraversable(false);
    io.pipewright.app.fx.Tips.install(b, tip);
    return b;
  }
}
