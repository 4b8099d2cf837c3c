package io.pipewright.graph.view;

import java.util.Objects;
import javafx.scene.paint.Color;

/**
 * The look of an edge: stroke colour and width. Edges are drawn in batches per look (one path per
 * look per frame), which is what keeps 2,500 edges cheap; so looks are values, compared by
 * equality.
 */
public record EdgeSkin(Color stroke, double width) {
  public EdgeSkin {
    Objects.requireNonNull(stroke, "stroke");
  }
}
