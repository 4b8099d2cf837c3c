package io.pipewright.app.fx;

import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first comes over their node instead of when the node is built. A
 * {@code Tooltip} is a popup window with a scene of its own, which JavaFX styles from scratch, and
 * the first one also initialises the popups' classes: the tooltips of the main window cost about a
 * tenth of the designer's start (bench/startup), for popups nobody sees before hovering. The text is
 * the node's accessible help at once, so screen readers and code see it before any hover
 * ({@link #text}). As before, a disabled node shows none (JavaFX gives it no mouse events): put the
 * tooltip on a wrapper that is never disabled.
 */
public final class Tips {
  private Tips() {}

  /** Gives {@code node} a tooltip saying {@code text}, made on the first hover; returns the node. */
  public static <N extends Node> N install(N node, String text) {
    node.setAccessibleHelp(text);
    onFirstHover(node, () -> new Tooltip(text));
    return node;
  }

  /** Gives {@code node} a tooltip that follows {@code text}, made on the first hover; returns the node. */
  public static <N extends Node> N install(N node, ObservableValue<String> text) {
    return install(node, text, tip -> { });
  }

  /**
   * As {@link #install(Node, ObservableValue)}, with {@code setup} applied to the tooltip when it is
   * made (a shorter show delay, say).
   */
  public static <N extends Node> N install(N node, ObservableValue<String> text,
      java.util.function.Consumer<Tooltip> setup) {
    node.accessibleHelpProperty().bind(text);
    onFirstHover(node, () -> {
      Tooltip tip = new Tooltip();
      tip.textProperty().bind(text);
      setup.accept(tip);
      return tip;
    });
    return node;
  }

  /** The text of a node's tooltip, made yet or not: its tooltip's text, else its accessible help. */
  public static String text(Node node) {
    Tooltip tip = node instanceof Control control ? control.getTooltip() : null;
    return tip != null ? tip.getText() : node.getAccessibleHelp();
  }

  private static void onFirstHover(Node node, Supplier<Tooltip> tooltip) {
    EventHandler<MouseEvent> first = new EventHandler<>() {
      @Override
      public void handle(MouseEvent e) {
        node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
        // shows after the usual delay, as the pointer moves on over the node
        if (node instanceof Control control) {
          if (control.getTooltip() == null) {
            control.setTooltip(tooltip.get());
          }
        } else {
          Tooltip.install(node, tooltip.get());
        }
      }
    };
    node.addEventHandler(MouseEvent.MOUSE_ENTERED, first);
  }
}
