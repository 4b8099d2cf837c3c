package io.pipewright.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StyledLineTest {
  @Test
  void ansiCodesAreRemovedAndBecomeColouredSpans() {
    StyledLine line = StyledLine.of("26/12/05 10:00:00 \u001b[1;31mERROR\u001b[0m Executor: boom \u001b[32mok\u001b[m.");

    assertThat(line.text()).isEqualTo("26/12/05 10:00:00 ERROR Executor: boom ok.");
    assertThat(line.spans()).containsExactly(new StyledLine.Span(18, 23, 1, true), new StyledLine.Span(39, 41, 2, false));
    assertThat(line.level()).isEqualTo(StyledLine.Level.ERROR);
    assertThat(line.text().substring(line.levelStart(), line.levelEnd())).isEqualTo("ERROR");
  }

  @Test
  void theLevelIsAWholeWordNearTheStart() {
    assertThat(StyledLine.of("26/12/05 10:00:00 WARN TaskSetManager: Lost task").level()).isEqualTo(StyledLine.Level.WARN);
    assertThat(StyledLine.of("[INFO] Building").level()).isEqualTo(StyledLine.Level.INFO);
    assertThat(StyledLine.of("NO_ERRORS here").level()).isEqualTo(StyledLine.Level.NONE);
    assertThat(StyledLine.of("x".repeat(100) + " ERROR late").level()).isEqualTo(StyledLine.Level.NONE);
  }

  @Test
  void otherEscapeSequencesAreDropped() {
    assertThat(StyledLine.of("\u001b[2Kprogress \u001b[38;5;208m42%\u001b[0m").text()).isEqualTo("progress 42%");
  }
}
