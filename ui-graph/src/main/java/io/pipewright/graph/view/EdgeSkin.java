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

  // Written out rather than generated: a record's generated equals and hashCode are bootstrapped
  // (method handles spun) at their first call, 10-30 ms on a cold JVM, in the view's first pulse.

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EdgeSkin)) {
      return false;
    }
    EdgeSkin other = (EdgeSkin) o;
    return Double.compare(width, other.width) == 0 && stroke.equals(other.stroke);
  }

  @Override
  public int hashCode() {
    return 31 * stroke.hashCode() + Double.hashCode(width);
  }
}
