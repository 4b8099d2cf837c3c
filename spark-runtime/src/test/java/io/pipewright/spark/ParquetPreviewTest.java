package io.pipewright.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet preview on files written by Parquet's own writer, as Spark lays them out. */
class ParquetPreviewTest {
  @TempDir Path dir;

  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message spark_schema {"
      + " optional binary Name (STRING); optional int32 Age; optional double Fare;"
      + " optional int32 Boarded (DATE); optional int64 Price (DECIMAL(10,2)); }");

  private void write(Path file, int from, int count) throws Exception {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
        .withType(SCHEMA).withConf(new Configuration()).build()) {
      for (int i = from; i < from + count; i++) {
        Group g = groups.newGroup().append("Name", "passenger \"" + i + "\"").append("Fare", i * 1.5)
            .append("Boarded", 19000 + i).append("Price", 12345L + i);
        if (i % 2 == 0) {
          g.append("Age", 20 + i); // odd rows have no age: null
        }
        writer.write(g);
      }
    }
  }

  @Test
  void aFolderOfPartFilesGivesItsHeaderTheFirstRowsAsSparkShowsThemAndItsTotal() throws Exception {
    Path out = Files.createDirectories(dir.resolve("prepared"));
    write(out.resolve("part-00000-a.snappy.parquet"), 0, 3);
    write(out.resolve("part-00001-a.snappy.parquet"), 3, 4);
    Files.writeString(out.resolve("_SUCCESS"), "");

    String json = ParquetPreview.preview(out, 5);

    assertThat(json).startsWith("{\"header\":[\"Name\",\"Age\",\"Fare\",\"Boarded\",\"Price\"],\"rows\":[");
    assertThat(json).contains("[\"passenger \\\"0\\\"\",\"20\",\"0.0\",\"2022-01-08\",\"123.45\"]");
    assertThat(json).contains("[\"passenger \\\"1\\\"\",\"\",\"1.5\",\"2022-01-09\",\"123.46\"]");
    assertThat(json).contains("[\"passenger \\\"4\\\"\",\"24\",\"6.0\",\"2022-01-12\",\"123.49\"]");
    assertThat(json).doesNotContain("passenger \\\"5\\\"");
    assertThat(json).endsWith("\"more\":true,\"total\":7,\"files\":2,\"source\":\"prepared/ (2 part files)\"}");
  }

  @Test
  void allRowsOfAFileAreShownWithNothingMore() throws Exception {
    Path file = dir.resolve("one.parquet");
    write(file, 0, 2);

    assertThat(ParquetPreview.preview(file, 100)).endsWith("\"more\":false,\"total\":2,\"files\":1,\"source\":\"one.parquet\"}");
  }

  @Test
  void whatIsNotParquetFailsSayingSo() throws Exception {
    Path out = Files.createDirectories(dir.resolve("csv"));
    Files.writeString(out.resolve("part-00000.csv"), "a,b\n1,2\n");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ParquetPreview.preview(out, 10))
        .hasMessageContaining("not a Parquet file");
  }
}
