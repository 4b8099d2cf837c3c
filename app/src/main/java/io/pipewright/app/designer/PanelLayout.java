package io.pipewright.app.designer;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;

/**
 * Shows and hides the panels around the canvas (palette, property panel, the tabs below) and keeps
 * the share of the window each takes while it is hidden, so that it comes back as wide as it was. A
 * hidden panel is taken out of its split pane (no empty strip, no divider left behind).
 *
 * <p>Divider positions are read and written as if every panel were shown, so what is remembered
 * between starts does not depend on which panels happen to be hidden.
 */
public final class PanelLayout {
  /** The panels that can be hidden. */
  public enum Panel {
    PALETTE, PROPERTIES, BOTTOM;

    /** The name used in the remembered state ({@code palette}, {@code properties}, {@code bottom}). */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final double MIN_SHARE = 0.05;

  private final SplitPane horizontal;
  private final SplitPane vertical;
  private final Node palette;
  private final Node properties;
  private final Node bottom;
  private final Map<Panel, BooleanProperty> shown = new EnumMap<>(Panel.class);
  // the share of the split each side panel takes when shown
  private double paletteShare = 0.16;
  private double propertiesShare = 0.26;
  private double bottomShare = 0.26;

  PanelLayout(SplitPane horizontal, SplitPane vertical, Node palette, Node canvas, Node properties, Node bottom) {
    this.horizontal = horizontal;
    this.vertical = vertical;
    this.palette = palette;
    this.properties = properties;
    this.bottom = bottom;
    horizontal.getItems().setAll(palette, canvas, properties);
    vertical.getItems().setAll(horizontal, bottom);
    for (Panel p : Panel.values()) {
      BooleanProperty b = new SimpleBooleanProperty(this, p.key(), true);
      b.addListener((o, was, now) -> apply(p, now));
      shown.put(p, b);
    }
    place();
  }

  /** Whether {@code panel} is shown; set it to hide or show the panel. */
  public BooleanProperty shownProperty(Panel panel) {
    return shown.get(panel);
  }

  public boolean isShown(Panel panel) {
    return shown.get(panel).get();
  }

  public void show(Panel panel) {
    shown.get(panel).set(true);
  }

  public void toggle(Panel panel) {
    BooleanProperty b = shown.get(panel);
    b.set(!b.get());
  }

  /** Whether every panel around the canvas is hidden. */
  public boolean canvasOnly() {
    return shown.values().stream().noneMatch(BooleanProperty::get);
  }

  /** Hides every panel, or shows them all again when they are all hidden already. */
  public void toggleCanvasOnly() {
    boolean show = canvasOnly();
    shown.values().forEach(b -> b.set(show));
  }

  /** The panels that are hidden. */
  public Set<Panel> hidden() {
    Set<Panel> result = EnumSet.noneOf(Panel.class);
    shown.forEach((p, b) -> {
      if (!b.get()) {
        result.add(p);
      }
    });
    return result;
  }

  /** Palette | canvas | properties divider positions, as if both side panels were shown. */
  public double[] horizontalDividers() {
    readShares();
    return new double[] {paletteShare, 1 - propertiesShare};
  }

  /** Canvas / bottom tabs divider position, as if the tabs were shown. */
  public double[] verticalDividers() {
    readShares();
    return new double[] {1 - bottomShare};
  }

  /** Restores remembered divider positions (as {@link #horizontalDividers()} gives them); others are ignored. */
  public void restore(List<Double> horizontalPositions, List<Double> verticalPositions) {
    if (horizontalPositions.size() == 2 && horizontalPositions.get(0) < horizontalPositions.get(1)) {
      paletteShare = clamp(horizontalPositions.get(0));
      propertiesShare = clamp(1 - horizontalPositions.get(1));
    }
    if (verticalPositions.size() == 1) {
      bottomShare = clamp(1 - verticalPositions.get(0));
    }
    place();
  }

  private void apply(Panel panel, boolean show) {
    readShares(); // before the items change, while the dividers still say where the panels are
    switch (panel) {
      case PALETTE -> {
        if (show) {
          horizontal.getItems().add(0, palette);
        } else {
          horizontal.getItems().remove(palette);
        }
      }
      case PROPERTIES -> {
        if (show) {
          horizontal.getItems().add(properties);
        } else {
          horizontal.getItems().remove(properties);
        }
      }
      case BOTTOM -> {
        if (show) {
          vertical.getItems().add(bottom);
        } else {
          vertical.getItems().remove(bottom);
        }
      }
    }
    place();
  }

  /** Reads the shares of the shown panels from the dividers. */
  private void readShares() {
    double[] h = horizontal.getDividerPositions();
    boolean paletteShown = horizontal.getItems().contains(palette);
    boolean propertiesShown = horizontal.getItems().contains(properties);
    if (paletteShown && h.length > 0) {
      paletteShare = clamp(h[0]);
    }
    if (propertiesShown && h.length > 0) {
      propertiesShare = clamp(1 - h[h.length - 1]);
    }
    double[] v = vertical.getDividerPositions();
    if (vertical.getItems().contains(bottom) && v.length > 0) {
      bottomShare = clamp(1 - v[0]);
    }
  }

  /** Sets the dividers from the shares of the panels that are shown. */
  private void place() {
    boolean paletteShown = horizontal.getItems().contains(palette);
    boolean propertiesShown = horizontal.getItems().contains(properties);
    if (paletteShown && propertiesShown) {
      horizontal.setDividerPositions(paletteShare, 1 - propertiesShare);
    } else if (paletteShown) {
      horizontal.setDividerPositions(paletteShare);
    } else if (propertiesShown) {
      horizontal.setDividerPositions(1 - propertiesShare);
    }
    if (vertical.getItems().contains(bottom)) {
      vertical.setDividerPositions(1 - bottomShare);
    }
  }

  private static double clamp(double share) {
    return Math.max(MIN_SHARE, Math.min(0.6, share));
  }
}
