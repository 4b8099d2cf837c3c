package io.pipewright.app.fx;

import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first comes over their control instead of when the control is
 * built. A {@code Tooltip} is a popup window with a scene of its own, and JavaFX styles each new
 * scene from scratch: the two dozen tooltips of the main window cost about a tenth of the designer's
 * start (bench/startup), for popups nobody sees until they hover. The text is the control's
 * accessible help at once, so screen readers and tests see it before any hover ({@link #text}).
 */
public final class Tips {
  private Tips() {}

  /** Gives {@code control} a tooltip saying {@code text}, made on the first hover; returns the control. */
  public static <C extends Control> C install(C control, String text) {
    control.setAccessibleHelp(text);
    onFirstHover(control, () -> new Tooltip(text));
    return control;
  }

  /** Gives {@code control} a tooltip that follows {@code text}, made on the first hover; returns the control. */
  public static <C extends Control> C install(C control, ObservableValue<String> text) {
    control.accessibleHelpProperty().bind(text);
    onFirstHover(control, () -> {
      Tooltip tip = new Tooltip();
      tip.textProperty().bind(text);
      return tip;
    });
    return control;
  }

  /** The text of a control's tooltip, made yet or not: its tooltip's text, else its accessible help. */
  public static String text(Control control) {
    Tooltip tip = control.getTooltip();
    return tip != null ? tip.getText() : control.getAccessibleHelp();
  }

  private static void onFirstHover(Control control, java.util.function.Supplier<Tooltip> tooltip) {
    EventHandler<MouseEvent> first = new EventHandler<>() {
      @Override
      public void handle(MouseEvent e) {
        control.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
        if (control.getTooltip() == null) {
          control.setTooltip(tooltip.get()); // shows after the usual delay, as the pointer moves on
        }
      }
    };
    control.addEventHandler(MouseEvent.MOUSE_ENTERED, first);
  }
}
