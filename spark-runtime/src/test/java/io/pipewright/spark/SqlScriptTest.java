package io.pipewright.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.spark.SqlScript.Statement;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SqlScriptTest {

  private static List<String> texts(String script) {
    return SqlScript.split(script).stream().map(Statement::text).toList();
  }

  @Test
  void statements_are_split_on_semicolons_and_trimmed() {
    assertThat(texts("SELECT 1;\n  SELECT 2 ;\nSELECT 3"))
        .containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
  }

  @Test
  void a_semicolon_inside_a_single_quoted_string_does_not_split() {
    assertThat(texts("SELECT 'a;b' AS x; SELECT 2"))
        .containsExactly("SELECT 'a;b' AS x", "SELECT 2");
  }

  @Test
  void a_semicolon_inside_a_double_quoted_string_or_backticks_does_not_split() {
    assertThat(texts("SELECT \"x;y\", `we;ird` FROM t; SELECT 2"))
        .containsExactly("SELECT \"x;y\", `we;ird` FROM t", "SELECT 2");
  }

  @Test
  void escaped_and_doubled_quotes_stay_inside_the_literal() {
    assertThat(texts("SELECT 'it\\'s;', 'O''Brien;', `a``;b`; SELECT 2"))
        .containsExactly("SELECT 'it\\'s;', 'O''Brien;', `a``;b`", "SELECT 2");
  }

  @Test
  void a_semicolon_in_a_line_comment_does_not_split() {
    assertThat(texts("SELECT 1 -- one; two\n, 2;\nSELECT 3"))
        .containsExactly("SELECT 1 -- one; two\n, 2", "SELECT 3");
  }

  @Test
  void a_semicolon_in_a_block_comment_does_not_split_even_when_nested() {
    assertThat(texts("SELECT /* a; /* b; */ c; */ 1; SELECT 2"))
        .containsExactly("SELECT /* a; /* b; */ c; */ 1", "SELECT 2");
  }

  @Test
  void quotes_inside_comments_do_not_open_a_literal() {
    assertThat(texts("-- don't\nSELECT 1; /* it's */ SELECT 2"))
        .containsExactly("SELECT 1", "SELECT 2");
  }

  @Test
  void comment_only_and_empty_statements_are_dropped() {
    assertThat(texts(";;  ; -- nothing\n; /* nothing */ ;\n")).isEmpty();
    assertThat(texts("SELECT 1;;\n;SELECT 2;")).containsExactly("SELECT 1", "SELECT 2");
  }

  @Test
  void leading_comments_are_not_part_of_the_statement_but_hints_are() {
    assertThat(texts("-- the raw data\n/* more */\nSELECT /*+ REPARTITION(2) */ * FROM t"))
        .containsExactly("SELECT /*+ REPARTITION(2) */ * FROM t");
  }

  @Test
  void statements_are_numbered_and_know_the_script_line_where_they_start() {
    String script = "-- header\n\nSELECT 1;\n\n/* a\nb */ SELECT\n  2;\nSELECT 'x\ny'; SELECT 4";
    List<Statement> statements = SqlScript.split(script);
    assertThat(statements).extracting(Statement::number).containsExactly(1, 2, 3, 4);
    assertThat(statements).extracting(Statement::line).containsExactly(3, 6, 8, 9);
    assertThat(statements.get(1).offset()).isEqualTo(script.indexOf("SELECT\n  2"));
  }

  @Test
  void a_statement_maps_an_offset_in_its_text_to_a_script_line() {
    Statement statement = SqlScript.split("\n\nSELECT a,\n  b\nFROM nope").get(0);
    assertThat(statement.lineOfOffset(0)).isEqualTo(3);
    assertThat(statement.lineOfOffset(statement.text().indexOf("nope"))).isEqualTo(5);
  }

  @Test
  void the_first_line_is_trimmed_and_cut_to_the_given_length() {
    Statement statement = SqlScript.split("SELECT " + "x".repeat(200) + "   \nFROM t").get(0);
    assertThat(statement.firstLine(100)).hasSize(100).startsWith("SELECT xxx");
    assertThat(SqlScript.split("  VALUES (1)  \n, (2)").get(0).firstLine(100))
        .isEqualTo("VALUES (1)");
  }

  @Test
  void an_unterminated_literal_runs_to_the_end_of_the_script() {
    assertThat(texts("SELECT 1; SELECT 'oops; SELECT 3"))
        .containsExactly("SELECT 1", "SELECT 'oops; SELECT 3");
  }

  @Test
  void crlf_line_endings_count_lines_like_lf() {
    assertThat(SqlScript.split("SELECT 1;\r\n\r\nSELECT 2;\r\n"))
        .extracting(Statement::line)
        .containsExactly(1, 3);
  }
}
