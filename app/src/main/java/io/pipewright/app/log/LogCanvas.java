package io.pipewright.app.log;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The rows of a log drawn on a canvas with a fixed line height: only the rows on screen are drawn,
 * whatever the log's size; the scroll bar spans all rows. Line numbers in a gutter, levels and ANSI
 * colours, search matches, the highlighted line, the selection and folds ("▸ 23 more frames", click
 * to unfold). Colours come from the theme through invisible styled probes ({@code log-*} classes
 * in app.css), so light and dark both look right.
 */
final class LogCanvas extends Region {
  private static final int TAB = 4;
  private final LogViewModel model;
  private final Canvas canvas = new Canvas();
  private final ScrollBar vbar = new ScrollBar();
  private final ScrollBar hbar = new ScrollBar();
  private final Text fontProbe = probe("log-text");
  private final Text fg = probe("log-fg");
  private final Text muted = probe("log-muted");
  private final Text subtle = probe("log-subtle");
  private final Text error = probe("log-error");
  private final Text warn = probe("log-warn");
  private final Text info = probe("log-info");
  private final Text success = probe("log-success");
  private final Text accent = probe("log-accent");
  private final Text magenta = probe("log-magenta");
  private final Text cyan = probe("log-cyan");
  private final Text background = probe("log-background");
  private final Text gutter = probe("log-gutter");
  private final Text selection = probe("log-selection");
  private final Text highlight = probe("log-highlight");
  private final Text match = probe("log-match");
  private final Text foldBg = probe("log-fold");
  private double lineHeight = 18;
  private double charWidth = 7.2;
  private Font font;
  private Font bold;
  private boolean syncing;
  private double scrollRemainder;
  private long dragAnchor = -1;
  private double widestColumns;
  private boolean drawQueued;

  LogCanvas(LogViewModel model) {
    this.model = model;
    getStyleClass().add("log-canvas");
    setId("logCanvas");
    setFocusTraversable(true);
    vbar.setOrientation(Orientation.VERTICAL);
    hbar.setOrientation(Orientation.HORIZONTAL);
    vbar.setId("logScrollBar");
    getChildren().addAll(canvas, vbar, hbar, fontProbe, fg, muted, subtle, error, warn, info, success, accent, magenta,
        cyan, background, gutter, selection, highlight, match, foldBg);
    fontProbe.fontProperty().addListener((o, a, b) -> measure());
    for (Text t : List.of(fg, muted, subtle, error, warn, info, success, accent, magenta, cyan, background, gutter,
        selection, highlight, match, foldBg)) {
      t.fillProperty().addListener((o, a, b) -> redraw());
    }
    measure();

    vbar.valueProperty().addListener((o, a, b) -> {
      if (!syncing) {
        model.scrollTo(Math.round(b.doubleValue()));
      }
    });
    hbar.valueProperty().addListener((o, a, b) -> redraw());
    model.topRowProperty().addListener((o, a, b) -> syncBars());
    model.rowCountProperty().addListener((o, a, b) -> syncBars());
    model.contentVersionProperty().addListener((o, a, b) -> redraw());
    model.highlightedLineProperty().addListener((o, a, b) -> redraw());

    addEventHandler(ScrollEvent.SCROLL, this::scrolled);
    canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> dragAnchor = -1);
    canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
      long row = rowAt(e.getY());
      LogViewModel.Row r = model.row(row);
      canvas.setCursor(r != null && r.isFold() ? Cursor.HAND : Cursor.TEXT);
    });
  }

  private static Text probe(String styleClass) {
    Text t = new Text();
    t.getStyleClass().add(styleClass);
    t.setManaged(false);
    t.setVisible(false);
    return t;
  }

  private void measure() {
    font = fontProbe.getFont() == null || !fontProbe.getFont().getFamily().toLowerCase().contains("mono")
        ? Font.font("Monospaced", 12) : fontProbe.getFont();
    bold = Font.font(font.getFamily(), FontWeight.BOLD, font.getSize());
    Text m = new Text("MMMMMMMMMM");
    m.setFont(font);
    charWidth = m.getLayoutBounds().getWidth() / 10;
    lineHeight = Math.ceil(font.getSize() * 1.5);
    requestLayout();
    redraw();
  }

  @Override
  protected void layoutChildren() {
    double w = getWidth();
    double h = getHeight();
    double vw = vbar.prefWidth(-1);
    double hh = hbar.prefHeight(-1);
    canvas.setWidth(Math.max(0, w - vw));
    canvas.setHeight(Math.max(0, h - hh));
    vbar.resizeRelocate(w - vw, 0, vw, h - hh);
    hbar.resizeRelocate(0, h - hh, w - vw, hh);
    int fit = (int) Math.floor(canvas.getHeight() / lineHeight);
    if (fit > 0 && fit != model.visibleRowsProperty().get()) {
      model.visibleRowsProperty().set(fit);
    }
    syncBars();
    redraw();
  }

  private void syncBars() {
    syncing = true;
    try {
      long rows = model.rowCountProperty().get();
      int fit = model.visibleRowsProperty().get();
      double max = Math.max(0, rows - fit);
      vbar.setMin(0);
      vbar.setMax(max);
      vbar.setVisibleAmount(max == 0 ? 1 : Math.max(max * fit / Math.max(1, rows), 1));
      vbar.setUnitIncrement(1);
      vbar.setBlockIncrement(Math.max(1, fit - 1));
      vbar.setValue(Math.min(max, model.topRowProperty().get()));
      vbar.setDisable(max == 0);
    } finally {
      syncing = false;
    }
    redraw();
  }

  /** Draws in the next pulse, once however many changes came in this one. */
  private void redraw() {
    if (drawQueued) {
      return;
    }
    drawQueued = true;
    javafx.application.Platform.runLater(() -> {
      drawQueued = false;
      draw();
    });
  }

  private double gutterWidth() {
    int digits = Math.max(3, Long.toString(Math.max(1, model.lineCountProperty().get())).length());
    return Math.ceil((digits + 2) * charWidth);
  }

  private long rowAt(double y) {
    return model.topRowProperty().get() + (long) Math.floor(y / lineHeight);
  }

  void draw() {
    GraphicsContext g = canvas.getGraphicsContext2D();
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    g.setFill(background.getFill());
    g.fillRect(0, 0, w, h);
    double gw = gutterWidth();
    g.setFill(gutter.getFill());
    g.fillRect(0, 0, gw, h);
    g.setTextBaseline(VPos.CENTER);
    long top = model.topRowProperty().get();
    long rows = model.rowCountProperty().get();
    int fit = (int) Math.ceil(h / lineHeight);
    double textX = gw + charWidth;
    double textWidth = w - textX;
    int firstColumn = (int) Math.floor(hbar.getValue() / charWidth);
    int columns = (int) Math.ceil(textWidth / charWidth) + 1;
    Pattern pattern = model.highlightPattern();
    long highlighted = model.highlightedLineProperty().get();
    double widest = 0;
    for (int i = 0; i < fit && top + i < rows; i++) {
      long r = top + i;
      double y = i * lineHeight;
      double mid = y + lineHeight / 2;
      LogViewModel.Row row = model.row(r);
      if (row != null && !row.isFold() && row.line() == highlighted) {
        g.setFill(highlight.getFill());
        g.fillRect(0, y, w, lineHeight);
      }
      if (model.isSelected(r)) {
        g.setFill(selection.getFill());
        g.fillRect(gw, y, w - gw, lineHeight);
      }
      if (row == null) {
        continue;
      }
      g.setFont(font);
      if (row.isFold()) {
        g.setFill(foldBg.getFill());
        g.fillRect(textX - 2, y + 2, Math.min(textWidth, (row.foldLabel().length() + 6) * charWidth), lineHeight - 4);
        g.setFill(accent.getFill());
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("    " + row.foldLabel(), textX - hbar.getValue(), mid);
        continue;
      }
      g.setFill(subtle.getFill());
      g.setTextAlign(TextAlignment.RIGHT);
      g.fillText(Long.toString(row.line() + 1), gw - charWidth, mid);
      g.setTextAlign(TextAlignment.LEFT);
      widest = Math.max(widest, drawLine(g, row.styled(), textX, y, mid, firstColumn, columns, pattern));
    }
    if (widest > widestColumns || widest < widestColumns / 4) {
      widestColumns = widest;
      double max = Math.max(0, widest * charWidth - textWidth + 4 * charWidth);
      hbar.setMax(max);
      hbar.setVisibleAmount(max == 0 ? 1 : textWidth * max / (widest * charWidth));
      hbar.setDisable(max == 0);
      if (hbar.getValue() > max) {
        hbar.setValue(max);
      }
    }
  }

  /** Draws one line from column {@code first}; returns its width in columns. */
  private double drawLine(GraphicsContext g, StyledLine line, double x, double y, double mid, int first, int columns,
      Pattern pattern) {
    String text = line.text();
    // columns of each character (tabs expanded), only as far as the screen needs
    int n = text.length();
    int[] col = new int[n + 1];
    int c = 0;
    for (int i = 0; i < n; i++) {
      col[i] = c;
      c += text.charAt(i) == '\t' ? TAB - c % TAB : 1;
    }
    col[n] = c;
    int last = first + columns;
    if (pattern != null) {
      g.setFill(match.getFill());
      Matcher m = pattern.matcher(text);
      int found = 0;
      while (m.find() && found++ < 200) {
        if (m.end() == m.start()) {
          if (m.end() >= n) {
            break;
          }
          continue;
        }
        double from = x + (col[m.start()] - first) * charWidth;
        double to = x + (col[m.end()] - first) * charWidth;
        g.fillRect(from, y + 1, to - from, lineHeight - 2);
      }
    }
    Paint base = switch (line.level()) {
      case ERROR -> error.getFill();
      case WARN -> warn.getFill();
      default -> LineIndex.isFrame(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, Math.min(n, 16))
          ? muted.getFill() : fg.getFill();
    };
    int spanIndex = 0;
    List<StyledLine.Span> spans = line.spans();
    int i = 0;
    while (i < n && col[i + 1] <= first) {
      i++;
    }
    StringBuilder run = new StringBuilder();
    while (i < n && col[i] < last) {
      while (spanIndex < spans.size() && spans.get(spanIndex).end() <= i) {
        spanIndex++;
      }
      StyledLine.Span span = spanIndex < spans.size() && spans.get(spanIndex).start() <= i ? spans.get(spanIndex) : null;
      boolean inLevel = i >= line.levelStart() && i < line.levelEnd();
      Paint paint = span != null && span.colour() >= 0 ? ansi(span.colour()) : inLevel ? levelPaint(line.level()) : base;
      boolean isBold = span != null && span.bold() || inLevel && line.level().compareTo(StyledLine.Level.WARN) >= 0;
      int end = i + 1;
      int limit = n;
      if (span != null) {
        limit = Math.min(limit, span.end());
      } else if (spanIndex < spans.size()) {
        limit = Math.min(limit, spans.get(spanIndex).start());
      }
      if (inLevel) {
        limit = Math.min(limit, line.levelEnd());
      } else if (line.levelStart() > i) {
        limit = Math.min(limit, line.levelStart());
      }
      while (end < limit && col[end] < last) {
        end++;
      }
      run.setLength(0);
      for (int k = i; k < end; k++) {
        char ch = text.charAt(k);
        if (ch == '\t') {
          run.append(" ".repeat(col[k + 1] - col[k]));
        } else {
          run.append(ch);
        }
      }
      int startCol = Math.max(col[i], first);
      String s = run.toString();
      if (col[i] < first) {
        s = s.substring(Math.min(s.length(), first - col[i]));
      }
      g.setFill(paint);
      g.setFont(isBold ? bold : font);
      g.fillText(s, x + (startCol - first) * charWidth, mid);
      i = end;
    }
    return c;
  }

  private Paint levelPaint(StyledLine.Level level) {
    return switch (level) {
      case ERROR -> error.getFill();
      case WARN -> warn.getFill();
      case INFO -> info.getFill();
      default -> muted.getFill();
    };
  }

  private Paint ansi(int colour) {
    return switch (colour % 8) {
      case 0 -> muted.getFill();
      case 1 -> error.getFill();
      case 2 -> success.getFill();
      case 3 -> warn.getFill();
      case 4 -> accent.getFill();
      case 5 -> magenta.getFill();
      case 6 -> cyan.getFill();
      default -> fg.getFill();
    };
  }

  private void scrolled(ScrollEvent e) {
    if (e.getDeltaX() != 0 && Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY()) || e.isShiftDown()) {
      double d = e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY();
      hbar.setValue(Math.max(0, Math.min(hbar.getMax(), hbar.getValue() - d)));
    } else {
      scrollRemainder -= e.getDeltaY() / lineHeight;
      long whole = (long) scrollRemainder;
      scrollRemainder -= whole;
      if (whole != 0) {
        model.scrollTo(model.topRowProperty().get() + whole);
      }
    }
    e.consume();
  }

  private void pressed(MouseEvent e) {
    requestFocus();
    if (e.getButton() != MouseButton.PRIMARY) {
      return;
    }
    long row = Math.min(rowAt(e.getY()), model.rowCountProperty().get() - 1);
    if (row < 0) {
      return;
    }
    LogViewModel.Row r = model.row(row);
    if (r != null && r.isFold() && e.getX() > gutterWidth()) {
      model.toggleFold(row);
      return;
    }
    if (e.isShiftDown() && model.selectionAnchorProperty().get() >= 0) {
      model.select(model.selectionAnchorProperty().get(), row);
    } else {
      model.select(row, row);
    }
    dragAnchor = model.selectionAnchorProperty().get();
  }

  private void dragged(MouseEvent e) {
    if (dragAnchor < 0) {
      return;
    }
    if (e.getY() < 0) {
      model.scrollTo(model.topRowProperty().get() - 1);
    } else if (e.getY() > canvas.getHeight()) {
      model.scrollTo(model.topRowProperty().get() + 1);
    }
    long row = Math.max(0, Math.min(rowAt(Math.max(0, Math.min(e.getY(), canvas.getHeight() - 1))),
        model.rowCountProperty().get() - 1));
    model.select(dragAnchor, row);
  }

  /** Row height in pixels. */
  double lineHeight() {
    return lineHeight;
  }

  /** Where row {@code row} is drawn now (for tests: its middle), or NaN when off screen. */
  double yOf(long row) {
    long i = row - model.topRowProperty().get();
    return i < 0 || i >= model.visibleRowsProperty().get() ? Double.NaN : i * lineHeight + lineHeight / 2;
  }
}
