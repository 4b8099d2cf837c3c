package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.graph.model.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * A clean card: a kind-coloured top bar, the title, the kind, a status dot and badge, a moving
 * bar while running, and round ports on the left and right edges. Built from plain shapes and
 * {@link Text} (no controls, no CSS) so that pooling and showing hundreds stays cheap.
 */
public class DefaultNodeSkin implements NodeSkin {
  static final Color SELECTED = Color.web("#2563eb");
  static final Color LEGAL = Color.web("#22c55e");
  static final Color ILLEGAL = Color.web("#ef4444");
  private static final Font TITLE_FONT = Font.font("System", FontWeight.BOLD, 13);
  private static final Font SMALL_FONT = Font.font("System", 11);
  private static final Font PORT_FONT = Font.font("System", 10);
  private static final Font DETAIL_FONT = Font.font("System", 10.5);
  /** The title's baseline when a detail or progress shares the card with it. */
  static final double COMPACT_TITLE_Y = 22;
  static final double PROGRESS_Y = 30;
  static final double DETAIL_FIRST_Y = 39;
  static final double DETAIL_LINE = 13.5;
  /** How opaque a node that did not run is drawn (greyed). */
  static final double SKIPPED_OPACITY = 0.55;
  /** Below this zoom port names are hidden (10 px text would be under 7.5 px on screen). */
  public static final double PORT_NAMES_ZOOM = 0.75;
  private static final CornerRadii RADII = new CornerRadii(8);
  private static final Border SELECTED_BORDER = new Border(new BorderStroke(SELECTED,
      BorderStrokeStyle.SOLID, RADII, new BorderWidths(2.5)));

  private final Color kindColor;
  private final Pane root = new Pane();
  private final Rectangle topBar = new Rectangle();
  private final Text title = new Text();
  private final Text subtitle = new Text();
  private final Circle statusDot = new Circle(4.5);
  private final Text badge = new Text();
  private final Rectangle runTrack = new Rectangle();
  private final Rectangle runBar = new Rectangle();
  /** The progress bar and detail lines, made the first time a node shows one (most never do). */
  private RunLines lines;
  private final List<Circle> inputCircles = new ArrayList<>();
  private final List<Circle> outputCircles = new ArrayList<>();
  private final List<Text> inputNames = new ArrayList<>();
  private final List<Text> outputNames = new ArrayList<>();
  private boolean portNamesShown = true;
  private GraphNode node;
  private GraphColors colors;
  private Border normalBorder;
  private boolean selected;

  private final String kindLabel;

  public DefaultNodeSkin(Color kindColor) {
    this(kindColor, null);
  }

  /** @param kindLabel the line under the title ("Spark · SQL"); {@code null} shows the kind in lower case */
  public DefaultNodeSkin(Color kindColor, String kindLabel) {
    this.kindColor = kindColor;
    this.kindLabel = kindLabel;
    root.setMouseTransparent(true);
    root.setManaged(false);
    root.getStyleClass().add("graph-node");
    topBar.setFill(kindColor);
    topBar.setHeight(4);
    topBar.setX(8);
    topBar.setY(0);
    title.setFont(TITLE_FONT);
    title.setTextOrigin(VPos.BASELINE);
    subtitle.setFont(SMALL_FONT);
    subtitle.setTextOrigin(VPos.BASELINE);
    badge.setFont(SMALL_FONT);
    badge.setTextOrigin(VPos.BASELINE);
    runTrack.setHeight(3);
    runBar.setHeight(3);
    runBar.setFill(StatusColors.of(NodeStatus.RUNNING));
    root.getChildren().addAll(topBar, title, subtitle, statusDot, badge, runTrack, runBar);
    setColors(GraphColors.LIGHT);
  }

  @Override
  public Node root() {
    return root;
  }

  @Override
  public void bind(GraphNode graphNode) {
    this.node = graphNode;
    ensurePorts(inputCircles, graphNode.inputs().size());
    ensurePorts(outputCircles, graphNode.outputs().size());
    ensureNames(inputNames, graphNode.inputs().size());
    ensureNames(outputNames, graphNode.outputs().size());
    update();
  }

  private void ensureNames(List<Text> names, int count) {
    while (names.size() < count) {
      Text t = new Text();
      t.setFont(PORT_FONT);
      t.setFill(colors.subtitle());
      t.setTextOrigin(VPos.BASELINE);
      t.getStyleClass().add("port-name");
      names.add(t);
      root.getChildren().add(t);
    }
    for (int i = 0; i < names.size(); i++) {
      names.get(i).setVisible(portNamesShown && i < count);
    }
  }

  @Override
  public void setColors(GraphColors next) {
    if (next.equals(colors)) {
      return;
    }
    colors = next;
    root.setBackground(new Background(new BackgroundFill(next.card(), RADII, Insets.EMPTY)));
    normalBorder = new Border(new BorderStroke(next.cardBorder(), BorderStrokeStyle.SOLID, RADII, new BorderWidths(1)));
    root.setBorder(selected ? SELECTED_BORDER : normalBorder);
    title.setFill(next.title());
    subtitle.setFill(next.subtitle());
    badge.setFill(next.subtitle());
    runTrack.setFill(next.runTrack());
    if (lines != null) {
      lines.progressTrack.setFill(next.runTrack());
      lines.progressText.setFill(next.subtitle());
      if (node != null) {
        lines.detail1.setFill(detailColor(node.getStatus()));
        lines.detail2.setFill(detailColor(node.getStatus()));
      }
    }
    inputNames.forEach(t -> t.setFill(next.subtitle()));
    outputNames.forEach(t -> t.setFill(next.subtitle()));
    inputCircles.forEach(c -> setPortLook(c, PortState.NORMAL));
    outputCircles.forEach(c -> setPortLook(c, PortState.NORMAL));
  }

  @Override
  public void setZoom(double zoom) {
    boolean show = zoom >= PORT_NAMES_ZOOM;
    if (show == portNamesShown) {
      return;
    }
    portNamesShown = show;
    if (node != null) {
      ensureNames(inputNames, node.inputs().size());
      ensureNames(outputNames, node.outputs().size());
    }
  }

  private void ensurePorts(List<Circle> circles, int count) {
    while (circles.size() < count) {
      Circle c = new Circle(5);
      c.setStrokeWidth(1.6);
      circles.add(c);
      root.getChildren().add(c);
    }
    for (int i = 0; i < circles.size(); i++) {
      circles.get(i).setVisible(i < count);
      setPortLook(circles.get(i), PortState.NORMAL);
    }
  }

  @Override
  public void unbind() {
    node = null;
  }

  @Override
  public void update() {
    double w = node.getWidth();
    double h = node.getHeight();
    topBar.setWidth(w - 16);
    NodeStatus status = node.getStatus();
    String detailText = node.getDetail();
    double fraction = node.getProgress();
    boolean hasDetail = !detailText.isEmpty();
    boolean hasProgress = !hasDetail && fraction >= 0 && status == NodeStatus.RUNNING;
    boolean compact = hasDetail || hasProgress;
    String badgeText = node.getBadge();
    statusDot.setVisible(status != NodeStatus.NONE);
    statusDot.setFill(StatusColors.of(status));
    statusDot.setCenterX(w - 14);
    statusDot.setCenterY(16);
    badge.setText(badgeText);
    double badgeWidth = badgeText.isEmpty() ? 0 : badge.getLayoutBounds().getWidth();
    title.setX(14);
    subtitle.setX(14);
    subtitle.setText(kindLabel != null ? kindLabel : node.kind().toLowerCase(Locale.ROOT));
    if (compact) {
      // the title and the badge share the top row; the detail or the progress takes the kind's place
      // measured: the badge leaves the title little room, and an estimate would cut it needlessly
      title.setText(fitMeasured(node.getTitle(), w - 40 - (badgeText.isEmpty() ? 0 : badgeWidth + 8), TITLE_FONT));
      title.setY(COMPACT_TITLE_Y);
      badge.setX(w - 24 - badgeWidth);
      badge.setY(COMPACT_TITLE_Y);
      subtitle.setVisible(false);
    } else {
      title.setText(fit(node.getTitle(), w - 40, 7.4));
      title.setY(h / 2 - 2);
      badge.setX(w - 12 - badgeWidth);
      badge.setY(h - 10);
      subtitle.setY(h / 2 + 15);
      subtitle.setVisible(true);
    }
    root.setOpacity(status == NodeStatus.SKIPPED ? SKIPPED_OPACITY : 1);
    if (compact && lines == null) {
      lines = new RunLines();
    }
    if (lines != null) {
      updateLines(lines, w, h, status, detailText, hasDetail, hasProgress, fraction);
    }
    boolean running = status == NodeStatus.RUNNING && !hasProgress;
    runTrack.setVisible(running);
    runBar.setVisible(running);
    runTrack.setX(8);
    runTrack.setY(h - 5);
    runTrack.setWidth(w - 16);
    runBar.setY(h - 5);
    runBar.setWidth((w - 16) / 4);
    runBar.setX(8);
    // port names sit outside the card, just above the port, where the edge leaves level
    for (int i = 0; i < node.inputs().size(); i++) {
      Port p = node.inputs().get(i);
      Circle c = inputCircles.get(i);
      double y = node.anchorY(p) - node.getY();
      c.setCenterX(0);
      c.setCenterY(y);
      Text name = inputNames.get(i);
      name.setText(p.name());
      name.setX(-8 - name.getLayoutBounds().getWidth());
      name.setY(y - 6);
    }
    for (int i = 0; i < node.outputs().size(); i++) {
      Port p = node.outputs().get(i);
      Circle c = outputCircles.get(i);
      double y = node.anchorY(p) - node.getY();
      c.setCenterX(w);
      c.setCenterY(y);
      Text name = outputNames.get(i);
      name.setText(p.name());
      name.setX(w + 8);
      name.setY(y - 6);
    }
  }

  private void updateLines(RunLines l, double w, double h, NodeStatus status, String detailText, boolean hasDetail,
      boolean hasProgress, double fraction) {
    // the detail: one or two lines, elided, in the failure's colour
    l.detail1.setVisible(hasDetail);
    l.detail2.setVisible(false);
    if (hasDetail) {
      String[] parts = twoLines(detailText, w - 28);
      Color color = detailColor(status);
      l.detail1.setText(parts[0]);
      l.detail1.setFill(color);
      l.detail1.setX(14);
      l.detail1.setY(DETAIL_FIRST_Y);
      boolean second = parts[1] != null && DETAIL_FIRST_Y + DETAIL_LINE <= h - 6;
      l.detail2.setVisible(second);
      if (second) {
        l.detail2.setText(parts[1]);
        l.detail2.setFill(color);
        l.detail2.setX(14);
        l.detail2.setY(DETAIL_FIRST_Y + DETAIL_LINE);
      }
    }
    // a known progress: a thin bar under the title and its text; else a moving bar while running
    l.progressTrack.setVisible(hasProgress);
    l.progressBar.setVisible(hasProgress);
    l.progressText.setVisible(hasProgress && !node.getProgressText().isEmpty());
    if (hasProgress) {
      double track = w - 28;
      l.progressTrack.setX(14);
      l.progressTrack.setY(PROGRESS_Y);
      l.progressTrack.setWidth(track);
      l.progressBar.setX(14);
      l.progressBar.setY(PROGRESS_Y);
      l.progressBar.setWidth(Math.max(fraction > 0 ? 4 : 0, track * fraction));
      l.progressText.setText(fitDetail(node.getProgressText(), track));
      l.progressText.setX(14);
      l.progressText.setY(PROGRESS_Y + 17);
    }
  }

  /** The progress bar with its text and the two detail lines. */
  private final class RunLines {
    final Rectangle progressTrack = new Rectangle();
    final Rectangle progressBar = new Rectangle();
    final Text progressText = new Text();
    final Text detail1 = new Text();
    final Text detail2 = new Text();

    RunLines() {
      progressTrack.setHeight(4);
      progressTrack.setArcWidth(4);
      progressTrack.setArcHeight(4);
      progressTrack.setFill(colors.runTrack());
      progressBar.setHeight(4);
      progressBar.setArcWidth(4);
      progressBar.setArcHeight(4);
      progressBar.setFill(StatusColors.of(NodeStatus.RUNNING));
      for (Text t : List.of(progressText, detail1, detail2)) {
        t.setFont(DETAIL_FONT);
        t.setTextOrigin(VPos.BASELINE);
      }
      progressText.setFill(colors.subtitle());
      progressText.getStyleClass().add("node-progress");
      detail1.getStyleClass().add("node-detail");
      detail2.getStyleClass().add("node-detail");
      root.getChildren().addAll(progressTrack, progressBar, progressText, detail1, detail2);
    }
  }

  private Color detailColor(NodeStatus status) {
    return status == NodeStatus.FAILED ? StatusColors.of(NodeStatus.FAILED) : colors.subtitle();
  }

  /** Measures detail text; used on the FX thread only, when a node's detail or progress changes. */
  private static final Text MEASURE = new Text();

  private static double widthOf(String text) {
    return widthOf(text, DETAIL_FONT);
  }

  private static double widthOf(String text, Font font) {
    MEASURE.setFont(font);
    MEASURE.setText(text);
    return MEASURE.getLayoutBounds().getWidth();
  }

  /** A text cut to the width given in a font, with an ellipsis, measured. */
  static String fitMeasured(String text, double width, Font font) {
    if (text.isEmpty() || widthOf(text, font) <= width) {
      return text;
    }
    return text.substring(0, fitting(text, width - widthOf("…", font), font)).stripTrailing() + "…";
  }

  /** The longest prefix of {@code text} (at least 1 character) narrower than {@code width}. */
  private static int fitting(String text, double width) {
    return fitting(text, width, DETAIL_FONT);
  }

  private static int fitting(String text, double width, Font font) {
    int lo = 1;
    int hi = text.length();
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (widthOf(text.substring(0, mid), font) <= width) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Cuts a detail text to the width given, with an ellipsis, measuring it in the detail font. */
  static String fitDetail(String text, double width) {
    if (text.isEmpty() || widthOf(text) <= width) {
      return text;
    }
    return text.substring(0, fitting(text, width - widthOf("…"))).stripTrailing() + "…";
  }

  /**
   * Splits a text into at most two lines of the width given (in the detail font): the first broken
   * at a space when there is one in its last third, the second elided. Line breaks count as spaces.
   */
  static String[] twoLines(String text, double width) {
    String flat = text.strip().replaceAll("\\s+", " ");
    if (widthOf(flat) <= width) {
      return new String[] {flat, null};
    }
    int max = fitting(flat, width);
    int cut = flat.lastIndexOf(' ', max);
    if (cut < max * 2 / 3) {
      cut = max; // no space near the end: break inside the word
    }
    String first = flat.substring(0, cut).stripTrailing();
    String rest = flat.substring(cut).strip();
    return new String[] {first, rest.isEmpty() ? null : fitDetail(rest, width)};
  }

  /**
   * Whether a point of the model is on a node's detail lines (as this skin draws them): a click
   * there can open what the detail is about.
   */
  public static boolean isOnDetail(GraphNode node, double modelX, double modelY) {
    if (node.getDetail().isEmpty()) {
      return false;
    }
    double top = node.getY() + DETAIL_FIRST_Y - 11;
    double bottom = Math.min(node.getY() + node.getHeight(), node.getY() + DETAIL_FIRST_Y + DETAIL_LINE + 4);
    return modelX >= node.getX() && modelX <= node.getX() + node.getWidth() && modelY >= top && modelY <= bottom;
  }

  /** Cuts a text to about the width given, with an ellipsis. */
  static String fit(String text, double width, double charWidth) {
    int max = (int) (width / charWidth);
    if (text.length() <= max || max < 2) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }

  @Override
  public void setSelected(boolean selected) {
    this.selected = selected;
    root.setBorder(selected ? SELECTED_BORDER : normalBorder);
  }

  @Override
  public void setPortState(Port port, PortState state) {
    int i = node.inputs().indexOf(port);
    if (i >= 0) {
      setPortLook(inputCircles.get(i), state);
      return;
    }
    i = node.outputs().indexOf(port);
    if (i >= 0) {
      setPortLook(outputCircles.get(i), state);
    }
  }

  private void setPortLook(Circle c, PortState state) {
    switch (state) {
      case LEGAL:
        c.setRadius(6.5);
        c.setFill(LEGAL.deriveColor(0, 1, 1, 0.35));
        c.setStroke(LEGAL);
        break;
      case HOVER:
        c.setRadius(8);
        c.setFill(LEGAL);
        c.setStroke(LEGAL.darker());
        break;
      case ILLEGAL:
        c.setRadius(5);
        c.setFill(ILLEGAL.deriveColor(0, 1, 1, 0.25));
        c.setStroke(ILLEGAL);
        break;
      case NORMAL:
      default:
        c.setRadius(5);
        c.setFill(colors.portFill());
        c.setStroke(kindColor);
        break;
    }
  }

  @Override
  public void tick(long nanos) {
    if (node == null || node.getStatus() != NodeStatus.RUNNING || !runBar.isVisible()) {
      return;
    }
    double track = node.getWidth() - 16;
    double bar = track / 4;
    double phase = (nanos % 1_200_000_000L) / 1_200_000_000.0;
    runBar.setX(8 + phase * (track - bar));
  }
}
