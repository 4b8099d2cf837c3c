package io.pipewright.app.fx;

import atlantafx.base.theme.Styles;
import io.pipewright.app.fx.DialogService;
import io.pipewright.workspace.ComputeSetting;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/**
 * Builds form rows whose field shows what is wrong with it: a red outline and the reason in words
 * under it, present while the problem is.
 */
public final class Forms {
  private Forms() {}

  /** Adds the app's stylesheet to a dialog or a pane of one (dialogs have scenes of their own). */
  public static void style(Parent parent) {
    AppStyle.style(parent);
  }

  public static void style(DialogPane pane) {
    style((Parent) pane);
  }

  /** A grid with a label column and a growing field column. */
  public static GridPane grid() {
    GridPane grid = new GridPane();
    grid.getStyleClass().add("form-grid");
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(120);
    ColumnConstraints fields = new ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    fields.setFillWidth(true);
    grid.getColumnConstraints().setAll(labels, fields);
    return grid;
  }

  /**
   * Adds a labelled field at {@code row} with its help line and its problem line below; returns
   * the next free row.
   */
  public static int addRow(GridPane grid, int row, String label, Node field, String help,
      ObservableStringValue problem, Control decorated) {
    Label l = new Label(label);
    l.setLabelFor(field);
    l.setMinWidth(Label.USE_PREF_SIZE);
    GridPane.setValignment(l, javafx.geometry.VPos.CENTER);
    grid.add(l, 0, row);
    grid.add(field, 1, row);
    GridPane.setHgrow(field, Priority.ALWAYS);
    VBox under = new VBox(1);
    if (help != null && !help.isBlank()) {
      Label h = new Label(help);
      h.getStyleClass().add("field-help");
      h.setWrapText(true);
      h.setMaxWidth(440);
      under.getChildren().add(h);
    }
    Label p = problemLabel(problem);
    under.getChildren().add(p);
    grid.add(under, 1, row + 1);
    decorate(decorated, problem);
    return row + 2;
  }

  /** A red line with the reason, shown only while there is one. */
  public static Label problemLabel(ObservableStringValue problem) {
    Label p = new Label();
    p.getStyleClass().add("field-problem");
    p.setGraphic(new FontIcon(MaterialDesignA.ALERT_CIRCLE));
    p.setWrapText(true);
    p.setMaxWidth(440);
    p.textProperty().bind(problem);
    p.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(problem));
    p.managedProperty().bind(p.visibleProperty());
    return p;
  }

  /** Outlines the control in the danger colour and gives it the reason as a tooltip while there is a problem. */
  public static void decorate(Control control, ObservableStringValue problem) {
    Runnable apply = () -> {
      String text = problem.get();
      boolean bad = text != null && !text.isEmpty();
      control.pseudoClassStateChanged(Styles.STATE_DANGER, bad);
      control.setTooltip(bad ? new Tooltip(text) : null);
    };
    problem.addListener((o, a, b) -> apply.run());
    apply.run();
  }
}
