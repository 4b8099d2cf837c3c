package io.pipewright.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SearchPatternTest {
  @Test
  void aRegularExpressionsRequiredLiteralIsItsLongestPlainRun() {
    assertThat(SearchPattern.requiredLiteral("Lost task \\d+\\.0 in stage")).isEqualTo(".0 in stage");
    assertThat(SearchPattern.requiredLiteral("ERROR.*Exception")).isEqualTo("Exception");
    assertThat(SearchPattern.requiredLiteral("colou?r")).isEqualTo("colo");
    assertThat(SearchPattern.requiredLiteral("ERROR|WARN")).isNull();
    assertThat(SearchPattern.requiredLiteral("(?i)error")).isNull();
    assertThat(SearchPattern.requiredLiteral("\\d{4}\\)$")).isEqualTo(")");
    assertThat(SearchPattern.requiredLiteral("[abc]+")).isNull();
  }

  @Test
  void linesAreCountedOnceHoweverManyMatchesTheyHold() {
    byte[] text = "ERROR ERROR\nok\nerror\nx ERROR\n".getBytes(StandardCharsets.UTF_8);
    LongList offsets = new LongList();

    assertThat(SearchPattern.of("ERROR", false, true).matchLines(text, 0, text.length, 100, offsets, 10)).isEqualTo(2);
    assertThat(offsets.get(0)).isEqualTo(100);
    assertThat(offsets.get(1)).isEqualTo(121);
    assertThat(SearchPattern.of("error", false, false).matchLines(text, 0, text.length, 0, new LongList(), 10)).isEqualTo(3);
    assertThat(SearchPattern.of("^x E", true, true).matchLines(text, 0, text.length, 0, new LongList(), 10)).isEqualTo(1);
  }
}
