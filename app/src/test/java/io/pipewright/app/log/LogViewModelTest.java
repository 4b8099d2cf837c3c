package io.pipewright.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunHandle;
import java.time.Duration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log viewer's model over real steps' logs: generated Spark-like logs of a few MB, read through the workspace. */
class LogViewModelTest {
  @TempDir Path temp;
  private LocalWorkspace workspace;
  private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
  private LogViewModel log;

  @BeforeEach
  void open() throws Exception {
    workspace = LocalWorkspace.open(temp.resolve("home"));
    Files.createDirectories(temp.resolve("src"));
    log = new LogViewModel(executor, () -> Optional.of(workspace));
  }

  @AfterEach
  void close() {
    log.dispose();
    workspace.close();
  }

  private Path generated(long bytes) throws IOException {
    Path file = temp.resolve("spark.log");
    SparkLikeLog.write(file, bytes, 42);
    return file;
  }

  /** A finished step whose stdout is {@code file}, shown in the model. */
  private RunHandle showCat(Path file) throws Exception {
    RunHandle run = LogSteps.finished(workspace, temp.resolve("src"), "cat " + file);
    log.show(workspace, run.runId(), "a", "Step a", () -> true);
    return run;
  }

  /** The file's lines as grep sees them: split at line breaks, decoded. */
  private static List<String> lines(Path file) throws IOException {
    String all = Files.readString(file, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>(List.of(all.split("\n", -1)));
    if (out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static String plain(String raw) {
    return StyledLine.of(raw).text();
  }

  @Test
  void showsTheStepsStdoutAsSoonAsItIsShown() throws Exception {
    RunHandle run = LogSteps.finished(workspace, temp.resolve("src"), "echo hello; echo world");

    log.show(workspace, run.runId(), "a", "Step a", () -> true);

    assertThat(log.shownLines()).containsExactly("hello", "world");
    assertThat(log.followingProperty().get()).as("a small log is shown at its end").isTrue();
    assertThat(log.titleProperty().get()).isEqualTo("Step a · driver/stdout");
    assertThat(log.runLabelProperty().get()).isEqualTo("run " + run.runId());
    assertThat(log.statusProperty().get()).startsWith("2 lines · 12 B");
  }

  @Test
  void nothingIsReadWhileTheTabIsHidden() throws Exception {
    RunHandle run = LogSteps.finished(workspace, temp.resolve("src"), "echo hello");
    log.visibleProperty().set(false);

    log.show(workspace, run.runId(), "a", "Step a", () -> true);
    executor.tick();
    assertThat(log.shownLines()).isEmpty();

    log.visibleProperty().set(true);
    assertThat(log.shownLines()).containsExactly("hello");
  }

  @Test
  void switchingToStderrShowsTheStepsStderrFromItsStart() throws Exception {
    RunHandle run = LogSteps.finished(workspace, temp.resolve("src"), "echo out; echo err >&2");
    log.show(workspace, run.runId(), "a", "Step a", () -> true);

    log.streamProperty().set(LogStream.DRIVER_STDERR);

    assertThat(log.shownLines()).containsExactly("err");
    assertThat(log.titleProperty().get()).isEqualTo("Step a · driver/stderr");
    assertThat(log.streams()).contains(LogStream.DRIVER_STDOUT, LogStream.DRIVER_STDERR, LogStream.PIPEWRIGHT);
  }

  @Test
  void aStepThatWroteNothingSaysSoOnceItHasEnded() throws Exception {
    RunHandle run = LogSteps.finished(workspace, temp.resolve("src"), "true");

    log.show(workspace, run.runId(), "a", "Step a", () -> true);

    assertThat(log.shownLines()).isEmpty();
    assertThat(log.placeholderProperty().get()).isEqualTo("Step a wrote nothing to driver/stdout.");
  }

  @Test
  void opensABigLogAtItsFirstScreenAndCountsAllItsLines() throws Exception {
    Path file = generated(6 << 20);
    List<String> expected = lines(file);
    log.visibleRowsProperty().set(30);

    showCat(file);

    assertThat(log.topRowProperty().get()).as("a big finished log opens at its start").isZero();
    assertThat(log.followingProperty().get()).isFalse();
    assertThat(log.lineCountProperty().get()).isEqualTo(expected.size());
    assertThat(log.shownLines()).hasSize(30);
    for (int r = 0; r < 30; r++) {
      LogViewModel.Row row = log.row(r);
      if (!row.isFold()) {
        assertThat(row.styled().text()).isEqualTo(plain(expected.get((int) row.line())));
      }
    }
    assertThat(log.statusProperty().get()).startsWith(String.format(java.util.Locale.ROOT, "%,d lines · 6.0 MB", expected.size()));
  }

  @Test
  void everyRowAnywhereInTheLogShowsItsLine() throws Exception {
    Path file = generated(5 << 20);
    List<String> expected = lines(file);
    log.visibleRowsProperty().set(25);
    showCat(file);

    long rows = log.rowCountProperty().get();
    for (long top : new long[] {0, 255, 256, 257, rows / 3, rows / 2 + 7, rows - 25}) {
      log.scrollTo(top);
      long previousLine = -1;
      for (long r = top; r < top + 25; r++) {
        LogViewModel.Row row = log.row(r);
        assertThat(row).as("row %d", r).isNotNull();
        assertThat(row.line()).isGreaterThan(previousLine);
        previousLine = row.isFold() ? row.line() + row.folded() - 1 : row.line();
        if (row.isFold()) {
          assertThat(expected.get((int) row.line())).startsWith("\tat ");
        } else {
          assertThat(row.styled().text()).isEqualTo(plain(expected.get((int) row.line())));
        }
      }
    }
    assertThat(log.row(rows - 1).line()).isEqualTo(expected.size() - 1);
  }

  @Test
  void theSearchCountsMatchingLinesAsGrepDoes() throws Exception {
    Path file = generated(9 << 20); // more than one part: counted in parallel parts
    List<String> expected = lines(file);
    showCat(file);

    record Case(String query, boolean regex, boolean matchCase, String grep, Pattern reference) {}
    List<Case> cases = List.of(
        new Case("ERROR", false, true, "-cF", Pattern.compile("ERROR", Pattern.LITERAL)),
        new Case("error", false, false, "-ciF", Pattern.compile("error", Pattern.LITERAL | Pattern.CASE_INSENSITIVE)),
        new Case("Lost task \\d+\\.0 in stage 1\\d", true, true, "-cP", Pattern.compile("Lost task \\d+\\.0 in stage 1\\d")),
        new Case("\\d{4}\\)$", true, true, "-cP", Pattern.compile("\\d{4}\\)$")),
        new Case("caused BY", false, true, "-cF", Pattern.compile("caused BY", Pattern.LITERAL)));
    for (Case c : cases) {
      log.regexProperty().set(c.regex());
      log.matchCaseProperty().set(c.matchCase());
      log.queryProperty().set(c.query());
      executor.runPending();

      long reference = expected.stream().filter(l -> c.reference().matcher(l).find()).count();
      assertThat(log.matchCount()).as(c.query()).isEqualTo(reference).isEqualTo(grep(c.grep(), c.query(), file));
      assertThat(log.searchStatusProperty().get()).isEqualTo(reference == 0 ? "No matches"
          : String.format(java.util.Locale.ROOT, "1 of %,d", reference));
    }
  }

  private static long grep(String options, String pattern, Path file) throws Exception {
    Process p = new ProcessBuilder("grep", options, pattern, file.toString()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = io.pipewright.testing.ProcessOutput.of(p, Duration.ofSeconds(30)).trim();
    return Long.parseLong(out);
  }

  @Test
  void nextAndPreviousGoToMatchingLinesAndSayWhichOfHowMany() throws Exception {
    Path file = generated(3 << 20);
    List<String> expected = lines(file);
    showCat(file);
    List<Long> matching = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      if (expected.get(i).contains("IllegalStateException")) {
        matching.add((long) i);
      }
    }

    log.queryProperty().set("IllegalStateException");
    executor.runPending();

    String total = String.format(java.util.Locale.ROOT, "%,d", matching.size());
    assertThat(log.searchStatusProperty().get()).isEqualTo("1 of " + total);
    assertThat(log.highlightedLineProperty().get()).isEqualTo(matching.get(0));
    assertThat(log.shownLines()).contains(expected.get(matching.get(0).intValue()));
    log.next();
    assertThat(log.searchStatusProperty().get()).isEqualTo("2 of " + total);
    assertThat(log.highlightedLineProperty().get()).isEqualTo(matching.get(1));
    log.previous();
    log.previous();
    assertThat(log.searchStatusProperty().get()).as("wraps to the last").isEqualTo(total + " of " + total);
    assertThat(log.highlightedLineProperty().get()).isEqualTo(matching.get(matching.size() - 1));
  }

  @Test
  void anInvalidExpressionSaysWhyAndCountsNothing() throws Exception {
    showCat(generated(100_000));
    log.regexProperty().set(true);
    log.queryProperty().set("Lost (task");
    executor.runPending();

    assertThat(log.searchInvalidProperty().get()).isTrue();
    assertThat(log.searchStatusProperty().get()).startsWith("Not a regular expression: ");
    assertThat(log.matchCount()).isEqualTo(-1);
  }

  @Test
  void theFilterKeepsErrorsWarningsAndWholeExceptionBlocks() throws Exception {
    Path file = generated(2 << 20);
    List<String> expected = lines(file);
    log.visibleRowsProperty().set(50);
    showCat(file);

    log.problemsOnlyProperty().set(true);

    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      String l = plain(expected.get(i));
      boolean frameNext = i + 1 < expected.size() && expected.get(i + 1).startsWith("\tat ");
      if (l.contains(" ERROR ") || l.contains(" WARN ") || l.startsWith("\tat ") || l.startsWith("Caused by:")
          || l.matches("\t\\.\\.\\. \\d+ more") || l.startsWith("java.lang.") || frameNext) {
        kept.add(i);
      }
    }
    assertThat(log.rowCountProperty().get()).isEqualTo(kept.size());
    log.scrollTo(0);
    for (int r = 0; r < 50; r++) {
      assertThat(log.row(r).line()).isEqualTo((long) kept.get(r));
    }
    assertThat(log.shownLines()).noneMatch(l -> l.contains(" INFO "));
    assertThat(log.statusProperty().get()).contains(String.format(java.util.Locale.ROOT,
        "%,d errors, warnings and exception lines", kept.size()));

    log.problemsOnlyProperty().set(false);
    assertThat(log.lineCountProperty().get()).isEqualTo(expected.size());
  }

  @Test
  void stackFramesAreFoldedAndUnfoldOnAClick() throws Exception {
    Path file = generated(1 << 20);
    List<String> expected = lines(file);
    log.visibleRowsProperty().set(400);
    showCat(file);
    log.scrollTo(0);

    long foldRow = -1;
    for (long r = 0; r < 400 && foldRow < 0; r++) {
      if (log.row(r).isFold()) {
        foldRow = r;
      }
    }
    assertThat(foldRow).as("a fold in the first 400 rows").isNotNegative();
    LogViewModel.Row fold = log.row(foldRow);
    int frames = 0;
    for (int i = (int) fold.line() - 1; i < expected.size() && expected.get(i).startsWith("\tat "); i++) {
      frames++;
    }
    assertThat(fold.folded()).isEqualTo(frames - 1);
    assertThat(fold.foldLabel()).isEqualTo("▸ " + (frames - 1) + " more frames");
    assertThat(log.row(foldRow - 1).styled().text()).as("the first frame stays").startsWith("\tat ");
    long rows = log.rowCountProperty().get();

    log.toggleFold(foldRow);

    assertThat(log.rowCountProperty().get()).isEqualTo(rows + frames - 2);
    assertThat(log.row(foldRow).styled().text()).isEqualTo(expected.get((int) fold.line()));
    log.toggleFold(foldRow);
    assertThat(log.rowCountProperty().get()).isEqualTo(rows);
  }

  @Test
  void goingToALineScrollsToItAndHighlightsIt() throws Exception {
    Path file = generated(2 << 20);
    List<String> expected = lines(file);
    showCat(file);

    log.goToLine(12_345);

    assertThat(log.highlightedLineProperty().get()).isEqualTo(12_344);
    assertThat(log.shownLines()).contains(plain(expected.get(12_344)));
    assertThat(log.followingProperty().get()).isFalse();
  }

  @Test
  void aCopyHasTheSelectedLinesWithoutEscapeCodesAndTheFramesOfAFold() throws Exception {
    Path file = generated(1 << 20);
    List<String> expected = lines(file);
    log.visibleRowsProperty().set(400);
    showCat(file);
    log.scrollTo(0);

    log.select(0, 300);
    AtomicReference<String> copied = new AtomicReference<>();
    log.copySelection(copied::set);

    long lastLine = log.row(300).isFold() ? log.row(300).line() + log.row(300).folded() - 1 : log.row(300).line();
    StringBuilder want = new StringBuilder();
    for (int i = 0; i <= lastLine; i++) {
      want.append(plain(expected.get(i))).append('\n');
    }
    assertThat(copied.get()).isEqualTo(want.toString()).doesNotContain("\u001b");
    assertThat(log.noticeProperty().get()).isEqualTo(String.format(java.util.Locale.ROOT, "Copied %,d lines", lastLine + 1));
  }

  @Test
  void saveWritesTheWholeStream() throws Exception {
    Path file = generated(3 << 20);
    showCat(file);
    Path saved = temp.resolve("saved.log");

    log.save(saved);

    assertThat(saved).hasSameBinaryContentAs(file);
    assertThat(log.noticeProperty().get()).startsWith("Saved 3.0 MB of driver/stdout to ");
    assertThat(log.saveProgressProperty().get()).isEqualTo(-1);
  }

  @Test
  void followsAGrowingLogAtItsEndUntilTheUserScrollsUp() throws Exception {
    Path first = temp.resolve("first.log");
    Path second = temp.resolve("second.log");
    SparkLikeLog.write(first, 2 << 20, 1);
    SparkLikeLog.write(second, 2 << 20, 2);
    Path go = temp.resolve("go");
    Path stop = temp.resolve("stop");
    RunHandle run = LogSteps.submit(workspace, temp.resolve("src"), "cat " + first + "; while [ ! -e " + go
        + " ]; do sleep 0.01; done; cat " + second + "; while [ ! -e " + stop + " ]; do sleep 0.01; done");
    log.visibleRowsProperty().set(20);
    log.show(workspace, run.runId(), "a", "Step a", () -> false);
    log.queryProperty().set("IllegalStateException");
    executor.runPending();
    List<String> firstLines = lines(first);
    List<String> all = new ArrayList<>(firstLines);
    all.addAll(lines(second));

    LogSteps.tickUntil(executor, "the first part", () -> log.lineCountProperty().get() == firstLines.size()
        && log.isIdle());
    assertThat(log.followingProperty().get()).isTrue();
    assertThat(log.shownLines()).last().isEqualTo(plain(firstLines.get(firstLines.size() - 1)));
    long firstMatches = firstLines.stream().filter(l -> l.contains("IllegalStateException")).count();
    assertThat(log.matchCount()).isEqualTo(firstMatches);

    Files.writeString(go, "");
    LogSteps.tickUntil(executor, "the second part", () -> log.lineCountProperty().get() == all.size() && log.isIdle()
        && log.matchCount() > firstMatches);
    assertThat(log.shownLines()).as("kept to the end").last().isEqualTo(plain(all.get(all.size() - 1)));
    assertThat(log.matchCount()).as("the search goes on as the log grows")
        .isEqualTo(all.stream().filter(l -> l.contains("IllegalStateException")).count());

    log.scrollTo(100);
    assertThat(log.followingProperty().get()).isFalse();
    Files.writeString(stop, "");
    run.await(java.time.Duration.ofMinutes(1));
    executor.tick();
    assertThat(log.topRowProperty().get()).as("scrolled up: stays").isEqualTo(100);
  }

  @Test
  void revealOpensTheStepsStreamAtTheLineAndHighlightsIt() throws Exception {
    RunHandle run = LogSteps.finished(workspace, temp.resolve("src"), "seq 1 5000 >&2");

    log.reveal(run.runId(), "a", LogStream.DRIVER_STDERR, 4321);

    assertThat(log.streamProperty().get()).isEqualTo(LogStream.DRIVER_STDERR);
    assertThat(log.highlightedLineProperty().get()).isEqualTo(4320);
    assertThat(log.shownLines()).contains("4321");
    assertThat(log.revealedProperty().get()).isEqualTo(1);
  }
}
