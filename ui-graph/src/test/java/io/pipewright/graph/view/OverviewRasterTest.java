package io.pipewright.graph.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OverviewRasterTest {
  // made without its image: the pixels alone (no toolkit needed)
  private final OverviewRaster raster = new OverviewRaster();

  @Test
  void clearingFillsEveryPixelOfTheClipRectangleAndNothingOutsideIt() {
    raster.ensureSizeForTest(7, 5);
    raster.setClip(0, 0, 7, 5);
    raster.clear(0xff000001);
    raster.setClip(2, 1, 6, 4);
    raster.clear(0xff0000ff);
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 7; x++) {
        boolean inside = x >= 2 && x < 6 && y >= 1 && y < 4;
        assertThat(raster.pixel(x, y)).as("(%d, %d)", x, y).isEqualTo(inside ? 0xff0000ff : 0xff000001);
      }
    }
  }
}
