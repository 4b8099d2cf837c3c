package io.pipewright.app.files;

import io.pipewright.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link DesignerState} as a small properties file ({@code designer.properties} in
 * the workspace directory: never the user's global preferences, so tests and several workspaces
 * stay apart). A missing or unreadable file gives the first-start state; writes are atomic.
 * Properties rather than JSON: reading it is on the path to the first frame, and
 * {@code java.util.Properties} costs nothing to load.
 */
public final class DesignerStateStore {
  private static final Logger LOG = LoggerFactory.getLogger(DesignerStateStore.class);
  public static final String FILE_NAME = "designer.properties";

  private final Path file;

  public DesignerStateStore(Path file) {
    this.file = file;
  }

  /** The store of the workspace directory {@code home}. */
  public static DesignerStateStore in(Path home) {
    return new DesignerStateStore(home.resolve(FILE_NAME));
  }

  public Path file() {
    return file;
  }

  /** The remembered state; the first-start state when there is none or it cannot be read. */
  public DesignerState load() {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return DesignerState.FIRST_START;
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Ignoring the unreadable designer state {}: {}", file, e.getMessage());
      return DesignerState.FIRST_START;
    }
    DesignerState.Bounds bounds = null;
    double[] b = numbers(p.getProperty("window.bounds"));
    if (b.length == 4 && b[2] > 0 && b[3] > 0) {
      bounds = new DesignerState.Bounds(b[0], b[1], b[2], b[3]);
    }
    List<Path> recent = new ArrayList<>();
    for (int i = 0; i < RecentFiles.MAX; i++) {
      String r = p.getProperty("recent." + i);
      if (r != null && !r.isBlank()) {
        recent.add(Path.of(r));
      }
    }
    String last = p.getProperty("file.last", "");
    return new DesignerState(bounds, Boolean.parseBoolean(p.getProperty("window.maximized")),
        fractions(p.getProperty("split.horizontal")), fractions(p.getProperty("split.vertical")),
        Boolean.parseBoolean(p.getProperty("theme.dark")), recent, last.isBlank() ? null : Path.of(last),
        names(p.getProperty("panels.hidden", "")));
  }

  /** Writes the state (off the FX thread): into a temporary file, then moved over the old one. */
  public void save(DesignerState state) {
    Properties p = new Properties();
    state.windowBounds().ifPresent(b ->
        p.setProperty("window.bounds", b.x() + "," + b.y() + "," + b.width() + "," + b.height()));
    p.setProperty("window.maximized", Boolean.toString(state.maximized()));
    p.setProperty("split.horizontal", join(state.horizontalDividers()));
    p.setProperty("split.vertical", join(state.verticalDividers()));
    p.setProperty("theme.dark", Boolean.toString(state.dark()));
    p.setProperty("panels.hidden", String.join(",", state.hiddenPanels()));
    for (int i = 0; i < state.recentFiles().size() && i < RecentFiles.MAX; i++) {
      p.setProperty("recent." + i, state.recentFiles().get(i).toString());
    }
    p.setProperty("file.last", state.last().map(Path::toString).orElse(""));
    try {
      AtomicFiles.write(file, out -> p.store(out, "Pipewright designer: window, layout, theme, recent files"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String join(List<Double> values) {
    StringBuilder s = new StringBuilder();
    for (Double v : values) {
      s.append(s.length() == 0 ? "" : ",").append(v);
    }
    return s.toString();
  }

  private static List<String> names(String text) {
    List<String> result = new ArrayList<>();
    for (String s : text.split(",")) {
      if (!s.isBlank()) {
        result.add(s.strip());
      }
    }
    return result;
  }

  private static List<Double> fractions(String text) {
    List<Double> result = new ArrayList<>();
    for (double d : numbers(text)) {
      if (d < 0 || d > 1) {
        return List.of();
      }
      result.add(d);
    }
    return result;
  }

  private static double[] numbers(String text) {
    if (text == null || text.isBlank()) {
      return new double[0];
    }
    String[] parts = text.split(",");
    double[] result = new double[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        result[i] = Double.parseDouble(parts[i].trim());
        if (!Double.isFinite(result[i])) {
          return new double[0];
        }
      }
    } catch (NumberFormatException e) {
      return new double[0];
    }
    return result;
  }
}
