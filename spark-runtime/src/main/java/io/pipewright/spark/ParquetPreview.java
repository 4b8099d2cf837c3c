package io.pipewright.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Prints the column names, the first rows and the row count of Parquet data (a file, or a folder
 * of part files as Spark writes them) as one line of JSON on stdout:
 *
 * <pre>
 * ParquetPreview PATH MAX_ROWS
 * {"header":["a","b"],"rows":[["1","x"]],"more":false,"total":1,"files":1,"source":"part-….parquet"}
 * </pre>
 *
 * Reads with Parquet's own reader (parquet-hadoop, in the Spark home's jars): no Spark session, so
 * it starts in about a second. Values are shown as Spark shows them: strings, decimals, dates and
 * timestamps (INT96 and INT64, in this machine's time zone) by their logical type; nested values
 * in Parquet's text form; nulls as empty fields. Exit status 1 with the reason on stderr when the
 * data cannot be read, 2 on bad usage.
 */
public final class ParquetPreview {
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");
  private static final long JULIAN_EPOCH_DAY = 2_440_588;

  private ParquetPreview() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    if (args.length != 2) {
      System.err.println("usage: ParquetPreview PATH MAX_ROWS");
      System.exit(2);
    }
    try {
      out.println(preview(Path.of(args[0]), Integer.parseInt(args[1])));
      out.flush();
      System.exit(0);
    } catch (NumberFormatException e) {
      System.err.println("MAX_ROWS is not a number: " + args[1]);
      System.exit(2);
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      System.err.println("pipewright: cannot read Parquet data " + args[0] + ": " + message.lines().findFirst().orElse(""));
      System.exit(1);
    }
  }

  /** The data files of a folder (as Spark writes them: not {@code _SUCCESS}, not hidden), or the file itself. */
  static List<Path> files(Path data) throws IOException {
    if (!Files.isDirectory(data)) {
      return List.of(data);
    }
    try (Stream<Path> list = Files.list(data)) {
      return list.filter(Files::isRegularFile).filter(p -> {
        String n = p.getFileName().toString();
        return !n.startsWith("_") && !n.startsWith(".");
      }).sorted().toList();
    }
  }

  static String preview(Path data, int maxRows) throws IOException {
    List<Path> files = files(data);
    if (files.isEmpty()) {
      throw new IOException("it holds no data files");
    }
    Configuration conf = new Configuration();
    MessageType schema = null;
    long total = 0;
    for (Path file : files) {
      try (ParquetFileReader reader = ParquetFileReader.open(input(file, conf))) {
        if (schema == null) {
          schema = reader.getFooter().getFileMetaData().getSchema();
        }
        total += reader.getRecordCount();
      }
    }
    List<String> header = new ArrayList<>();
    for (Type field : schema.getFields()) {
      header.add(field.getName());
    }
    List<List<String>> rows = new ArrayList<>();
    boolean more = false;
    for (Path file : files) {
      if (rows.size() >= maxRows) {
        more = rows.size() < total;
        break;
      }
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
          new org.apache.hadoop.fs.Path(file.toUri())).withConf(conf).build()) {
        Group group;
        while ((group = reader.read()) != null) {
          if (rows.size() == maxRows) {
            more = true;
            break;
          }
          rows.add(row(group, schema));
        }
      }
    }
    String source = Files.isDirectory(data)
        ? data.getFileName() + "/ (" + files.size() + (files.size() == 1 ? " part file" : " part files") + ")"
        : data.getFileName().toString();
    StringBuilder json = new StringBuilder(256 + rows.size() * 64);
    json.append("{\"header\":");
    array(json, header);
    json.append(",\"rows\":[");
    for (int i = 0; i < rows.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      array(json, rows.get(i));
    }
    json.append("],\"more\":").append(more).append(",\"total\":").append(total).append(",\"files\":").append(files.size())
        .append(",\"source\":");
    string(json, source);
    return json.append('}').toString();
  }

  private static HadoopInputFile input(Path file, Configuration conf) throws IOException {
    return HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf);
  }

  private static List<String> row(Group group, MessageType schema) {
    List<String> row = new ArrayList<>(schema.getFieldCount());
    for (int i = 0; i < schema.getFieldCount(); i++) {
      row.add(value(group, i, schema.getType(i)));
    }
    return row;
  }

  /** A field's first value as Spark would show it; empty for null. */
  static String value(Group group, int field, Type type) {
    if (group.getFieldRepetitionCount(field) == 0) {
      return "";
    }
    if (!type.isPrimitive()) {
      return group.getGroup(field, 0).toString().strip().replaceAll("\\s*\\n\\s*", " ");
    }
    PrimitiveType primitive = type.asPrimitiveType();
    LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
    switch (primitive.getPrimitiveTypeName()) {
      case INT96:
        return int96(group.getInt96(field, 0));
      case INT32:
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return LocalDate.ofEpochDay(group.getInteger(field, 0)).toString();
        }
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
          int scale = ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale();
          return BigDecimal.valueOf(group.getInteger(field, 0), scale).toPlainString();
        }
        return Integer.toString(group.getInteger(field, 0));
      case INT64:
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
          int scale = ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale();
          return BigDecimal.valueOf(group.getLong(field, 0), scale).toPlainString();
        }
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
          return timestamp(group.getLong(field, 0), (LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) logical);
        }
        return Long.toString(group.getLong(field, 0));
      case BOOLEAN:
        return Boolean.toString(group.getBoolean(field, 0));
      case FLOAT:
        return Float.toString(group.getFloat(field, 0));
      case DOUBLE:
        return Double.toString(group.getDouble(field, 0));
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
      default:
        Binary binary = group.getBinary(field, 0);
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
          int scale = ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale();
          return new BigDecimal(new BigInteger(binary.getBytes()), scale).toPlainString();
        }
        return binary.toStringUsingUTF8();
    }
  }

  private static String timestamp(long value, LogicalTypeAnnotation.TimestampLogicalTypeAnnotation type) {
    Instant instant;
    switch (type.getUnit()) {
      case MILLIS:
        instant = Instant.ofEpochMilli(value);
        break;
      case NANOS:
        instant = Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        break;
      case MICROS:
      default:
        instant = Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000);
        break;
    }
    ZoneId zone = type.isAdjustedToUTC() ? ZoneId.systemDefault() : ZoneId.of("UTC");
    return LocalDateTime.ofInstant(instant, zone).format(TIMESTAMP);
  }

  /** Spark's legacy INT96 timestamp: nanoseconds of the day, then the Julian day, little-endian. */
  private static String int96(Binary value) {
    ByteBuffer bytes = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanos = bytes.getLong();
    long julianDay = Integer.toUnsignedLong(bytes.getInt());
    Instant instant = Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_DAY) * 86_400L).plusNanos(nanos);
    return LocalDateTime.ofInstant(instant, ZoneId.systemDefault()).format(TIMESTAMP);
  }

  private static void array(StringBuilder json, List<String> values) {
    json.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      string(json, values.get(i));
    }
    json.append(']');
  }

  private static void string(StringBuilder json, String s) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          json.append("\\\"");
          break;
        case '\\':
          json.append("\\\\");
          break;
        case '\n':
          json.append("\\n");
          break;
        case '\r':
          json.append("\\r");
          break;
        case '\t':
          json.append("\\t");
          break;
        default:
          if (c < 0x20) {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
      }
    }
    json.append('"');
  }
}
