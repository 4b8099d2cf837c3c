package io.pipewright.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewright.io.Jackson;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.DatasetPreview;
import io.pipewright.workspace.WorkspaceException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The first rows of what a step of a run wrote to an output port: delimited text (a file, or a
 * folder of part files as Spark writes them) through {@link DelimitedText}, Parquet through the
 * Spark home's {@code io.pipewright.spark.ParquetPreview} in a JVM of its own (Parquet's reader
 * lives in Spark's jars, never on the app's class path; it starts in about a second).
 */
final class OutputPreview {
  static final String PARQUET_MAIN = "io.pipewright.spark.ParquetPreview";
  private static final long PARQUET_TIMEOUT_SECONDS = 120;
  private static final ObjectMapper JSON = Jackson.MAPPER;

  /** Finds the Spark runtime a Parquet output is read with: the step's local Spark compute's, else the default one. */
  interface Runtimes {
    Optional<ComputeTarget> compute(String name) throws WorkspaceException;
  }

  private OutputPreview() {}

  static DatasetPreview of(ChildRun child, String port, int maxRows, Runtimes runtimes) throws WorkspaceException {
    if (maxRows < 0 || maxRows > 10_000) {
      throw new WorkspaceException("a preview shows 0 to 10000 rows, not " + maxRows);
    }
    String step = "step '" + child.stepName() + "'";
    String where = child.outputs().get(port);
    if (where == null) {
      throw new WorkspaceException(step + " wrote nothing to output '" + port + "' in run " + child.runId() + " ("
          + child.status().label().toLowerCase(Locale.ROOT) + (child.message() == null ? "" : ": " + child.message())
          + ")");
    }
    Path data = Path.of(where);
    if (!Files.exists(data)) {
      throw new WorkspaceException(step + "'s output '" + port + "' is gone: " + data + " does not exist any more");
    }
    List<Path> files = dataFiles(data);
    if (files.isEmpty()) {
      throw new WorkspaceException(step + " wrote nothing to output '" + port + "': " + data + " is empty");
    }
    List<Path> parquet = files.stream().filter(OutputPreview::isParquet).toList();
    if (!parquet.isEmpty()) {
      Path read = parquet.size() == files.size() ? data : parquet.get(0);
      return parquet(read, maxRows, runtimeFor(child, runtimes));
    }
    List<Path> delimited = files.stream().filter(OutputPreview::isDelimited).toList();
    if (!delimited.isEmpty()) {
      Path read = delimited.size() == files.size() ? data : delimited.get(0);
      char delimiter = delimited.get(0).getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
      DatasetPreview preview = DelimitedText.preview(read, delimiter, maxRows);
      // the run's folders say nothing the dialog does not: the output's own name is enough
      String source = preview.source().replace(data.toAbsolutePath().toString(), data.getFileName().toString());
      return new DatasetPreview(preview.header(), preview.rows(), preview.more(), source);
    }
    throw new WorkspaceException(step + "'s output '" + port + "' holds " + names(files)
        + ": only delimited text (.csv, .tsv, .txt) and Parquet can be previewed");
  }

  /** The data files of an output (not {@code _SUCCESS}, not hidden, not empty), or the file itself. */
  static List<Path> dataFiles(Path data) throws WorkspaceException {
    if (Files.isRegularFile(data)) {
      return sizeOf(data) > 0 ? List.of(data) : List.of();
    }
    try (Stream<Path> list = Files.list(data)) {
      return list.filter(Files::isRegularFile).filter(p -> {
        String n = p.getFileName().toString();
        return !n.startsWith("_") && !n.startsWith(".");
      }).filter(p -> sizeOf(p) > 0).sorted().toList();
    } catch (IOException e) {
      throw new WorkspaceException("cannot list " + data + ": " + e.getMessage(), e);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String names(List<Path> files) {
    List<String> names = files.stream().limit(3).map(p -> p.getFileName().toString()).toList();
    return String.join(", ", names) + (files.size() > 3 ? " and " + (files.size() - 3) + " more" : "");
  }

  /** A Parquet file: named so, or starting with Parquet's magic bytes. */
  static boolean isParquet(Path file) {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
      return true;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'A' && magic[2] == 'R' && magic[3] == '1';
    } catch (IOException e) {
      return false;
    }
  }

  /** Delimited text by its name: .csv, .tsv, .txt, or a Spark part file without an extension. */
  static boolean isDelimited(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")
        || (name.startsWith("part-") && !name.contains("."));
  }

  private static SparkRuntime runtimeFor(ChildRun child, Runtimes runtimes) throws WorkspaceException {
    Optional<ComputeTarget> compute = child.compute() == null ? Optional.empty() : runtimes.compute(child.compute());
    String home = compute.filter(c -> ComputeTarget.LOCAL_SPARK.equals(c.kind())).flatMap(c -> c.setting("sparkHome"))
        .orElse(null);
    String java = compute.filter(c -> ComputeTarget.LOCAL_SPARK.equals(c.kind())).flatMap(c -> c.setting("javaHome"))
        .orElse(null);
    return SparkRuntime.locate(home, java, UserCache.directory());
  }

  /** Reads Parquet data in a JVM on the Spark home's class path and parses what it prints. */
  static DatasetPreview parquet(Path data, int maxRows, SparkRuntime runtime) throws WorkspaceException {
    List<String> command = new ArrayList<>();
    command.add(runtime.java().toString());
    command.addAll(runtime.moduleOptions());
    command.add(runtime.logConfigurationOption());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(runtime.classPath() + File.pathSeparator + runtime.sqlDriverJar());
    command.add(PARQUET_MAIN);
    command.add(data.toAbsolutePath().toString());
    command.add(Integer.toString(maxRows));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    } catch (IOException e) {
      throw new WorkspaceException("cannot start Java to read Parquet data " + data + ": " + e.getMessage(), e);
    }
    CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
    try {
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(PARQUET_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new WorkspaceException("reading Parquet data " + data + " took more than " + PARQUET_TIMEOUT_SECONDS + " s");
      }
      String err = new String(stderr.join(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        String reason = err.lines().filter(l -> l.startsWith("pipewright:")).findFirst()
            .map(l -> l.substring("pipewright:".length()).strip())
            .orElse(err.lines().reduce((a, b) -> b).orElse("exit code " + process.exitValue()));
        throw new WorkspaceException(reason);
      }
      return parse(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new WorkspaceException("cannot read Parquet data " + data + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new WorkspaceException("reading Parquet data " + data + " was interrupted", e);
    }
  }

  private static byte[] drain(InputStream in) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (kept.size() < 256 * 1024) {
          kept.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      // the process ended: what was read is what there is
    }
    return kept.toByteArray();
  }

  /** The preview ParquetPreview printed; its source says how many rows there are in all. */
  static DatasetPreview parse(String json) throws WorkspaceException {
    try {
      JsonNode root = JSON.readTree(json.strip().lines().reduce((a, b) -> b).orElse(""));
      List<String> header = new ArrayList<>();
      root.get("header").forEach(h -> header.add(h.asText()));
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode row : root.get("rows")) {
        List<String> values = new ArrayList<>();
        row.forEach(v -> values.add(v.asText()));
        rows.add(values);
      }
      long total = root.get("total").asLong();
      String source = root.get("source").asText() + ", Parquet, "
          + String.format(Locale.ROOT, "%,d", total) + (total == 1 ? " row" : " rows");
      return new DatasetPreview(header, rows, root.get("more").asBoolean(), source);
    } catch (IOException | RuntimeException e) {
      throw new WorkspaceException("the Parquet preview printed what is not a preview: "
          + json.substring(0, Math.min(200, json.length())), e);
    }
  }
}
