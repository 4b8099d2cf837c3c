package io.pipewright.app.warm;

import io.pipewright.app.document.Icons;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/**
 * The status bar's warm Spark item: hidden while no warm Spark driver runs; otherwise what it is
 * doing ("Spark warm · 412 MB of 1 GB · idle 3 min"), a spinner while it starts, its drivers in the
 * tooltip, and a menu with Stop warm Spark.
 */
public final class WarmSparkStatusItem extends MenuButton {
  private ProgressIndicator spinner;

  public WarmSparkStatusItem(WarmSparkViewModel model) {
    setId("warmSparkStatus");
    getStyleClass().add("flat");
    getStyleClass().add("warm-spark-status");
    setFocusTraversable(false);
    setMnemonicParsing(false);
    setPopupSide(Side.TOP); // at the bottom of the window: the menu opens upwards
    visibleProperty().bind(model.shownProperty());
    managedProperty().bind(model.shownProperty());
    textProperty().bind(model.textProperty());
    io.pipewright.app.fx.Tips.install(this, model.detailProperty(), tip -> {
      tip.setWrapText(true);
      tip.setMaxWidth(480);
    });
    Node fire = Icons.of(MaterialDesignF.FIRE);
    setGraphic(fire);
    // The spinner is made when a driver first starts: the designer's start has no time for what it does not show.
    model.startingProperty().addListener((o, was, starting) -> setGraphic(starting ? spinner() : fire));

    MenuItem stop = new MenuItem();
    stop.setId("warmSparkStop");
    stop.setMnemonicParsing(false);
    stop.textProperty().bind(model.stopLabelProperty());
    stop.setOnAction(e -> model.stopAll());
    getItems().setAll(stop);
  }

  private ProgressIndicator spinner() {
    if (spinner == null) {
      spinner = new ProgressIndicator();
      spinner.setPrefSize(14, 14);
      spinner.setMaxSize(14, 14);
    }
    return spinner;
  }
}
