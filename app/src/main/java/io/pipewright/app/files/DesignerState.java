package io.pipewright.app.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the designer remembers between starts: the window's place and size, the split dividers, the
 * theme, the recent files (newest first) and the file that was open last.
 *
 * @param bounds the window's bounds when it was not maximized; {@code null} on a first start
 * @param horizontalDividers palette | canvas | properties divider positions (0–1); empty: the default
 * @param verticalDividers canvas / bottom tabs divider positions (0–1); empty: the default
 * @param lastFile the document open at the last exit; {@code null}: none (or an unsaved one)
 * @param hiddenPanels the panels around the canvas that were hidden ({@code palette},
 *     {@code properties}, {@code bottom})
 */
public record DesignerState(Bounds bounds, boolean maximized, List<Double> horizontalDividers,
    List<Double> verticalDividers, boolean dark, List<Path> recentFiles, Path lastFile,
    List<String> hiddenPanels) {

  public static final DesignerState FIRST_START =
      new DesignerState(null, false, List.of(), List.of(), false, List.of(), null, List.of());

  public DesignerState {
    horizontalDividers = List.copyOf(horizontalDividers);
    verticalDividers = List.copyOf(verticalDividers);
    recentFiles = List.copyOf(recentFiles);
    hiddenPanels = List.copyOf(hiddenPanels);
  }

  public Optional<Bounds> windowBounds() {
    return Optional.ofNullable(bounds);
  }

  public Optional<Path> last() {
    return Optional.ofNullable(lastFile);
  }

  public DesignerState withRecent(List<Path> recent, Path last) {
    return new DesignerState(bounds, maximized, horizontalDividers, verticalDividers, dark, recent, last,
        hiddenPanels);
  }

  /** A window's place and size in screen coordinates. */
  public record Bounds(double x, double y, double width, double height) {}
}
