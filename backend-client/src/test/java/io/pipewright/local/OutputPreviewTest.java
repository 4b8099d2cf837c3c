package io.pipewright.local;

import static io.pipewright.local.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.model.DatasetKind;
import io.pipewright.model.Pipeline;
import io.pipewright.workspace.DatasetPreview;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.WorkspaceException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Previews of what steps of real runs wrote: CSV from a script, Parquet from real local Spark. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutputPreviewTest {
  @TempDir static Path temp;
  private EngineFixture fx;

  private static final String PEOPLE = "name,age,city\nAda,36,London\nAlan,41,Wilmslow\nGrace,85,Arlington\nTim,12,Oxford\n";

  @BeforeAll
  void workspace() throws Exception {
    fx = new EngineFixture(temp);
    fx.data("people/people.csv", PEOPLE);
    fx.source("adults.sql", """
        INSERT OVERWRITE DIRECTORY '{outputs.adults}' USING parquet
          SELECT name, age, CAST(age * 1.5 AS DECIMAL(6,2)) AS score, DATE '2024-02-29' AS seen
          FROM people WHERE age >= 18 ORDER BY name;
        """);
  }

  @AfterAll
  void close() {
    fx.close();
  }

  private DatasetPreview preview(String stepId, String port, int rows) throws WorkspaceException {
    return fx.workspace.previewOutput(fx.lastRunId, stepId, port, rows);
  }

  @Test
  void aScriptsCsvOutputShowsItsHeaderAndFirstRowsAndSaysWhenMoreFollow() throws Exception {
    Pipeline p = pipeline("csv")
        .script("write", "sh -c 'printf \"id,name\\n1,a\\n2,b\\n3,c\\n\" > \"$0/rows.csv\"'", List.of(), List.of("out"),
            List.of("{outputs.out}"))
        .build();
    assertThat(fx.run(p)).isEqualTo(RunStatus.COMPLETED);

    DatasetPreview two = preview("write", "out", 2);
    assertThat(two.header()).containsExactly("id", "name");
    assertThat(two.rows()).containsExactly(List.of("1", "a"), List.of("2", "b"));
    assertThat(two.more()).isTrue();
    assertThat(preview("write", "out", 100).more()).isFalse();
  }

  @Test
  void aPipeSeparatedOutputIsPreviewedSplitAtThePipe() throws Exception {
    Pipeline p = pipeline("psv")
        .script("write", "sh -c 'printf \"id|name\\n1|a\\n\" > \"$0/rows.psv\"'", List.of(), List.of("out"),
            List.of("{outputs.out}"))
        .build();
    assertThat(fx.run(p)).isEqualTo(RunStatus.COMPLETED);

    DatasetPreview preview = preview("write", "out", 10);
    assertThat(preview.header()).containsExactly("id", "name");
    assertThat(preview.rows()).containsExactly(List.of("1", "a"));
  }

  @Test
  void aStepThatWroteNothingOrWhatIsNotTabularSaysSo() throws Exception {
    Pipeline p = pipeline("odd")
        .script("empty", "true", List.of(), List.of("out"), List.of("{outputs.out}"))
        .script("json", "sh -c 'echo {} > \"$0/data.json\"'", List.of(), List.of("out"), List.of("{outputs.out}"))
        .build();
    fx.run(p);

    assertThatThrownBy(() -> preview("empty", "out", 10)).isInstanceOf(WorkspaceException.class)
        .hasMessageContaining("step 'empty' wrote nothing to output 'out'");
    assertThatThrownBy(() -> preview("json", "out", 10)).isInstanceOf(WorkspaceException.class)
        .hasMessage("step 'json''s output 'out' holds data.json: only delimited text (.csv, .tsv, .psv, .txt) and Parquet can be previewed");
    assertThatThrownBy(() -> preview("json", "nope", 10)).hasMessageContaining("wrote nothing to output 'nope'");
    assertThatThrownBy(() -> preview("missing", "out", 10)).hasMessageContaining("has no step 'missing'");
  }

  @Test
  void aSparkStepsParquetOutputIsReadWithTheSparkHomesParquetReader() throws Exception {
    Pipeline p = pipeline("parquet")
        .dataset("people", DatasetKind.TABULAR, "people/people.csv")
        .sql("adults", "adults.sql", List.of("people"), List.of("adults"))
        .edge("people", "adults.people")
        .build();
    assertThat(fx.run(p)).isEqualTo(RunStatus.COMPLETED);

    long start = System.nanoTime();
    DatasetPreview preview = preview("adults", "adults", 2);
    System.out.printf("parquet preview took %d ms%n", (System.nanoTime() - start) / 1_000_000);

    assertThat(preview.header()).containsExactly("name", "age", "score", "seen");
    assertThat(preview.rows()).containsExactly(List.of("Ada", "36", "54.00", "2024-02-29"),
        List.of("Alan", "41", "61.50", "2024-02-29"));
    assertThat(preview.more()).isTrue();
    assertThat(preview.source()).contains("Parquet").endsWith("3 rows");
  }
}
