package io.pipewright.app.problems;

import io.pipewright.model.Diagnostic;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Severity;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

/** The Problems tab: one row per diagnostic; a click (or Enter) opens the step and field concerned. */
public final class ProblemsView extends TableView<Diagnostic> {

  public ProblemsView(ProblemsViewModel viewModel, Supplier<Pipeline> pipeline, Consumer<Diagnostic> onOpen) {
    setId("problems");
    setItems(viewModel.problems());
    setPlaceholder(new Label("No problems: the pipeline is ready to run."));
    setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

    TableColumn<Diagnostic, Severity> severity = new TableColumn<>("");
    severity.setCellValueFactory(c -> new javafx.beans.property.SimpleObjectProperty<>(c.getValue().severity()));
    severity.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(Severity value, boolean empty) {
        super.updateItem(value, empty);
        if (empty || value == null) {
          setGraphic(null);
          return;
        }
        FontIcon icon = switch (value) {
          case ERROR -> new FontIcon(MaterialDesignC.CLOSE_CIRCLE);
          case WARNING -> new FontIcon(MaterialDesignA.ALERT);
          case INFO -> new FontIcon(MaterialDesignI.INFORMATION_OUTLINE);
        };
        icon.getStyleClass().add("problem-" + value.label());
        setGraphic(icon);
      }
    });
    severity.setPrefWidth(32);
    severity.setMaxWidth(32);
    severity.setMinWidth(32);

    TableColumn<Diagnostic, String> where = new TableColumn<>("Where");
    where.setCellValueFactory(c -> new ReadOnlyStringWrapper(whereOf(c.getValue(), pipeline.get())));
    where.setPrefWidth(180);
    TableColumn<Diagnostic, String> code = new TableColumn<>("Code");
    code.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().code()));
    code.setPrefWidth(70);
    TableColumn<Diagnostic, String> message = new TableColumn<>("Problem");
    message.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
    message.setPrefWidth(600);
    getColumns().setAll(java.util.List.of(severity, where, code, message));

    setOnMouseClicked(e -> open(onOpen));
    setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        open(onOpen);
      }
    });
  }

  private void open(Consumer<Diagnostic> onOpen) {
    Diagnostic d = getSelectionModel().getSelectedItem();
    if (d != null) {
      onOpen.accept(d);
    }
  }

  static String whereOf(Diagnostic d, Pipeline p) {
    if (d.nodeId() != null) {
      String name = p.step(d.nodeId()).map(s -> s.name())
          .or(() -> p.dataset(d.nodeId()).map(x -> x.name())).orElse(d.nodeId());
      return d.pointer() == null ? name : name + " · " + d.pointer();
    }
    if (d.edgeId() != null) {
      return "edge " + d.edgeId();
    }
    return d.pointer() == null ? "pipeline" : d.pointer();
  }
}
