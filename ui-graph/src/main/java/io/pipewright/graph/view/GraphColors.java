package io.pipewright.graph.view;

import javafx.scene.paint.Color;

/**
 * The colours of a view's own parts: background, grid, the default skin's cards and text, the
 * minimap. Kind, status and edge colours come from the skins and {@link StatusColors}, and read
 * on both. A host with a dark theme sets {@link #DARK} on {@link GraphView#colorsProperty()}.
 *
 * @param background the canvas behind everything
 * @param gridMinor the grid's lines
 * @param gridMajor every fifth grid line
 * @param card a node card's fill
 * @param cardBorder a node card's border (and the minimap's)
 * @param title a card's title
 * @param subtitle a card's second line, port names and badge
 * @param portFill the inside of a port's ring
 * @param runTrack the track of the running indicator
 * @param minimap the minimap's fill
 */
public record GraphColors(Color background, Color gridMinor, Color gridMajor, Color card, Color cardBorder,
    Color title, Color subtitle, Color portFill, Color runTrack, Color minimap) {

  public static final GraphColors LIGHT = new GraphColors(Color.web("#f6f7f9"), Color.web("#eaecf0"),
      Color.web("#dde1e7"), Color.WHITE, Color.web("#d5dae3"), Color.web("#1f2937"), Color.web("#6b7280"),
      Color.WHITE, Color.web("#dbeafe"), Color.rgb(255, 255, 255, 0.92));

  /** For dark themes (close to AtlantaFX Primer Dark's canvas and overlay colours). */
  public static final GraphColors DARK = new GraphColors(Color.web("#0d1117"), Color.web("#161b22"),
      Color.web("#1f2630"), Color.web("#1c2128"), Color.web("#373e47"), Color.web("#e6edf3"), Color.web("#8b949e"),
      Color.web("#1c2128"), Color.web("#1f3a5f"), Color.rgb(22, 27, 34, 0.92));
}
