package io.pipewright.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.spark.DriverArguments.UsageException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DriverArgumentsTest {

  @Test
  void a_full_command_line_is_parsed_with_views_and_outputs_in_order() throws Exception {
    DriverArguments args =
        DriverArguments.parse(
            "--sql", "/s/prep.sql",
            "--view", "titanic=/d/Titanic.csv",
            "--view", "other=/d/dir",
            "--output", "prepared=/o/prepared",
            "--output", "summary=/o/summary",
            "--app-name", "prep step");
    assertThat(args.sql()).isEqualTo("/s/prep.sql");
    assertThat(args.views()).containsExactly(
        org.assertj.core.api.Assertions.entry("titanic", "/d/Titanic.csv"),
        org.assertj.core.api.Assertions.entry("other", "/d/dir"));
    assertThat(args.outputs().keySet()).containsExactly("prepared", "summary");
    assertThat(args.appName()).contains("prep step");
  }

  @Test
  void set_values_replace_their_placeholders_in_the_script_and_nothing_else() throws Exception {
    DriverArguments args = DriverArguments.parse("--sql", "x.sql",
        "--set", "inputs.titanic_file=/mnt/azureml/raw/Titanic.csv", "--set", "parameters.limit=10");
    assertThat(args.resolve("SELECT count(*) FROM text.`{inputs.titanic_file}` LIMIT {parameters.limit}; -- {other}"))
        .isEqualTo("SELECT count(*) FROM text.`/mnt/azureml/raw/Titanic.csv` LIMIT 10; -- {other}");
  }

  @Test
  void a_set_key_that_is_no_placeholder_is_bad_usage() {
    assertThatThrownBy(() -> DriverArguments.parse("--sql", "x.sql", "--set", "titanic=/d"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--set takes inputs.NAME=VALUE");
  }

  @Test
  void only_sql_is_required() throws Exception {
    DriverArguments args = DriverArguments.parse("--sql", "x.sql");
    assertThat(args.views()).isEmpty();
    assertThat(args.outputs()).isEmpty();
    assertThat(args.appName()).isEmpty();
  }

  @Test
  void a_path_may_itself_contain_an_equals_sign() throws Exception {
    DriverArguments args = DriverArguments.parse("--sql", "x.sql", "--view", "t=/d/a=b/part");
    assertThat(args.views()).containsEntry("t", "/d/a=b/part");
  }

  @Test
  void a_missing_sql_option_is_bad_usage() {
    assertThatThrownBy(() -> DriverArguments.parse("--view", "t=/d"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--sql FILE is required");
  }

  @Test
  void an_option_without_its_value_is_bad_usage() {
    assertThatThrownBy(() -> DriverArguments.parse("--sql", "x.sql", "--output"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--output needs a value");
  }

  @Test
  void an_unknown_argument_is_bad_usage() {
    assertThatThrownBy(() -> DriverArguments.parse("--sql", "x.sql", "--verbose"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown argument '--verbose'");
  }

  @Test
  void a_view_without_name_or_path_is_bad_usage() {
    for (String bad : new String[] {"t", "=/d", "t="}) {
      assertThatThrownBy(() -> DriverArguments.parse("--sql", "x.sql", "--view", bad))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("NAME=PATH");
    }
  }

  @Test
  void a_name_that_is_not_a_sql_identifier_is_bad_usage() {
    assertThatThrownBy(() -> DriverArguments.parse("--sql", "x.sql", "--output", "my-out=/o"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("not a SQL identifier");
  }

  @Test
  void the_same_name_twice_is_bad_usage_whatever_its_case() {
    assertThatThrownBy(
            () -> DriverArguments.parse("--sql", "x.sql", "--view", "t=/a", "--view", "T=/b"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("given twice");
  }

  @Test
  void sql_given_twice_is_bad_usage() {
    assertThatThrownBy(() -> DriverArguments.parse("--sql", "a.sql", "--sql", "b.sql"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--sql given twice");
  }

  @Test
  void the_query_keywords_decide_whether_a_statement_is_shown() {
    assertThat(SqlStepDriver.returnsRows("select 1")).isTrue();
    assertThat(SqlStepDriver.returnsRows("WITH a AS (SELECT 1) SELECT * FROM a")).isTrue();
    assertThat(SqlStepDriver.returnsRows("((SELECT 1))")).isTrue();
    assertThat(SqlStepDriver.returnsRows("VALUES (1)")).isTrue();
    assertThat(SqlStepDriver.returnsRows("describe t")).isTrue();
    assertThat(SqlStepDriver.returnsRows("CREATE TEMPORARY VIEW v AS SELECT 1")).isFalse();
    assertThat(SqlStepDriver.returnsRows("INSERT OVERWRITE DIRECTORY '/x' SELECT 1")).isFalse();
    assertThat(SqlStepDriver.returnsRows("SELECTED")).isFalse();
  }
}
