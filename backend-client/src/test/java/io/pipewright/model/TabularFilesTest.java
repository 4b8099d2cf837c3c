package io.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TabularFilesTest {
  @Test
  void delimitedTextByItsExtensionIgnoringCaseIsTabular() {
    assertThat(TabularFiles.isTabular("Titanic.csv")).isTrue();
    assertThat(TabularFiles.isTabular("titanic/TITANIC.CSV")).isTrue();
    assertThat(TabularFiles.isTabular("a.tsv")).isTrue();
    assertThat(TabularFiles.isTabular("a.psv")).isTrue();
    assertThat(TabularFiles.isTabular("a.txt")).isTrue();
    assertThat(TabularFiles.kindOf("a.psv")).isEqualTo(DatasetKind.TABULAR);
  }

  @Test
  void otherFilesAreFileDatasets() {
    assertThat(TabularFiles.isTabular("model.pkl")).isFalse();
    assertThat(TabularFiles.isTabular("csv")).isFalse();
    assertThat(TabularFiles.isTabular("data.csv.gz")).isFalse();
    assertThat(TabularFiles.kindOf("images.zip")).isEqualTo(DatasetKind.FILE);
  }

  @Test
  void theExtensionImpliesTheDelimiter() {
    assertThat(TabularFiles.delimiterOf("a.csv")).isEqualTo(',');
    assertThat(TabularFiles.delimiterOf("a.TSV")).isEqualTo('\t');
    assertThat(TabularFiles.delimiterOf("a.psv")).isEqualTo('|');
    assertThat(TabularFiles.delimiterOf("a.txt")).isEqualTo(',');
  }
}
