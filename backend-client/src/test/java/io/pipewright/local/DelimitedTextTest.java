package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.workspace.DatasetPreview;
import io.pipewright.workspace.MalformedDataException;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Previews of delimited text: RFC 4180 quoting, Spark's part files, line numbers of malformed input. */
class DelimitedTextTest {

  @TempDir Path temp;

  private Path file(String name, String content) throws Exception {
    Path file = temp.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  @Test
  void quotedFieldsKeepTheirDelimitersDoubledQuotesAndLineBreaks() throws Exception {
    Path csv = file("q.csv", "id,name,note\r\n1,\"Braund, Mr. Owen\",\"said \"\"hi\"\"\"\r\n2,plain,\"two\nlines\"\r\n");

    DatasetPreview preview = DelimitedText.preview(csv, ',', 100);

    assertThat(preview.header()).containsExactly("id", "name", "note");
    assertThat(preview.rows()).containsExactly(
        List.of("1", "Braund, Mr. Owen", "said \"hi\""),
        List.of("2", "plain", "two\nlines"));
    assertThat(preview.more()).isFalse();
  }

  @Test
  void emptyFieldsAndBlankLinesAreReadAsSparkReadsThem() throws Exception {
    Path csv = file("e.csv", "\uFEFFa,b,c\n,,\n\n1,,\"\"\n");

    DatasetPreview preview = DelimitedText.preview(csv, ',', 100);

    assertThat(preview.header()).containsExactly("a", "b", "c");
    assertThat(preview.rows()).containsExactly(List.of("", "", ""), List.of("1", "", ""));
  }

  @Test
  void anotherDelimiterIsHonoured() throws Exception {
    Path tsv = file("t.tsv", "a\tb\n1,5\t2\n");

    assertThat(DelimitedText.preview(tsv, '\t', 100).rows()).containsExactly(List.of("1,5", "2"));
  }

  @Test
  void onlyTheRowsAskedForAreReadAndTheRestIsFlaggedAsMore() throws Exception {
    StringBuilder text = new StringBuilder("n\n");
    for (int i = 1; i <= 150; i++) {
      text.append(i).append('\n');
    }
    text.append("\"never closed\n"); // malformed after the rows shown: never reached
    Path csv = file("big.csv", text.toString());

    DatasetPreview preview = DelimitedText.preview(csv, ',', 100);

    assertThat(preview.rows()).hasSize(100);
    assertThat(preview.rows().get(99)).containsExactly("100");
    assertThat(preview.more()).isTrue();
  }

  @Test
  void aFolderOfSparkPartFilesIsReadInOrderSkippingMarkersChecksumsAndEmptyParts() throws Exception {
    file("out/_SUCCESS", "");
    file("out/.part-00000-abc-c000.csv.crc", "crc");
    file("out/part-00000-abc-c000.csv", "name,age\nAda,36\n");
    file("out/part-00001-abc-c000.csv", "");
    file("out/part-00002-abc-c000.csv", "name,age\nGrace,85\n");

    DatasetPreview preview = DelimitedText.preview(temp.resolve("out"), ',', 100);

    assertThat(preview.header()).containsExactly("name", "age");
    assertThat(preview.rows()).containsExactly(List.of("Ada", "36"), List.of("Grace", "85"));
    assertThat(preview.source()).endsWith("(3 files)");
  }

  @Test
  void aPartFileWithADifferentHeaderIsAnErrorNamingBothFiles() throws Exception {
    file("out/part-00000.csv", "name,age\nAda,36\n");
    file("out/part-00001.csv", "name,years\nGrace,85\n");

    assertThatThrownBy(() -> DelimitedText.preview(temp.resolve("out"), ',', 100))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("part-00001.csv line 1: its header [name, years] differs from the header [name, age] of part-00000.csv");
  }

  @Test
  void aQuoteLeftOpenIsReportedAtTheLineWhereItOpens() throws Exception {
    Path csv = file("open.csv", "a,b\n1,2\n3,\"four\n5,6\n");

    assertThatThrownBy(() -> DelimitedText.preview(csv, ',', 100))
        .isInstanceOfSatisfying(MalformedDataException.class, e -> assertThat(e.line()).isEqualTo(3))
        .hasMessage("open.csv line 3: a quoted field starts here and is never closed");
  }

  @Test
  void textAfterAClosingQuoteIsReportedWithItsLine() throws Exception {
    Path csv = file("after.csv", "a,b\n1,\"x\"y\n");

    assertThatThrownBy(() -> DelimitedText.preview(csv, ',', 100))
        .hasMessage("after.csv line 2: 'y' after the closing quote of field 2; a quote inside a quoted field must be doubled (\"\")");
  }

  @Test
  void aRowWithMoreFieldsThanTheHeaderIsReportedWithItsLineCountingLinesInsideQuotes() throws Exception {
    Path csv = file("wide.csv", "a,b\n\"multi\nline\",2\n1,2,3\n");

    assertThatThrownBy(() -> DelimitedText.preview(csv, ',', 100))
        .hasMessage("wide.csv line 4: 3 fields, but the header has 2");
  }

  @Test
  void anEmptyFileHasNoHeaderAndSaysSo() throws Exception {
    Path csv = file("empty.csv", "");

    assertThatThrownBy(() -> DelimitedText.preview(csv, ',', 100))
        .hasMessage("empty.csv: a tabular dataset needs a header row, and it is empty");
  }

  @Test
  void aFileWithoutLineBreaksStopsAtTheRecordLimitInsteadOfReadingItAll() throws Exception {
    Path blob = temp.resolve("blob.bin");
    try (BufferedWriter w = Files.newBufferedWriter(blob)) {
      for (int i = 0; i < (DelimitedText.MAX_RECORD_CHARS / 1000) + 10; i++) {
        w.write("x".repeat(1000));
      }
    }

    assertThatThrownBy(() -> DelimitedText.preview(blob, ',', 100))
        .hasMessage("blob.bin line 1: the line runs past 1 MiB without a line break: is this delimited text?");
  }
}
