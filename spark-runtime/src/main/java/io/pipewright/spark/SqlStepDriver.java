package io.pipewright.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.QueryContext;
import org.apache.spark.QueryContextType;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a Pipewright SQL step inside Spark: registers the step's tabular inputs as temporary views,
 * runs the script statement by statement, prints what each query returns, and writes the outputs.
 *
 * <pre>
 * SqlStepDriver --sql FILE [--view NAME=PATH]... [--output NAME=PATH]... [--set KEY=VALUE]... [--app-name NAME]
 * </pre>
 *
 * <ul>
 *   <li>{@code --view NAME=PATH}: PATH is a CSV file with header, a directory of CSV part files
 *       with header (as Spark writes them), or a directory holding {@code *.parquet} files (or a
 *       single {@code .parquet} file). CSV is read with {@code header=true, inferSchema=true}.
 *   <li>Each statement returning rows (SELECT, WITH, VALUES, TABLE, FROM, SHOW, DESC[RIBE],
 *       EXPLAIN, or a parenthesised query) prints {@code -- <its first line, 100 chars at most>}
 *       and then {@code show(20, false)} on stdout.
 *   <li>{@code --output NAME=PATH}: a temporary view or table NAME is written to PATH as CSV with
 *       header (overwrite, one part file) and {@code wrote output 'NAME': N rows to PATH} is printed;
 *       otherwise files the script itself wrote to PATH are accepted; otherwise the step fails.
 *   <li>Exit status 0 on success, 1 on a failure (its reason is the last line on stderr, naming the
 *       statement number and script line for SQL errors), 2 on bad usage.
 * </ul>
 */
public final class SqlStepDriver {

  /** Exit status of a failed step. */
  public static final int FAILED = 1;

  /** Exit status of bad command-line usage. */
  public static final int USAGE = 2;

  private static final int SHOW_ROWS = 20;
  private static final int HEADER_CHARS = 100;
  private static final Set<String> QUERY_KEYWORDS =
      Set.of("SELECT", "WITH", "VALUES", "TABLE", "FROM", "SHOW", "DESCRIBE", "DESC", "EXPLAIN");

  private final PrintStream out;
  private final PrintStream err;
  private String failure;
  /** The warm driver's inputs kept between steps; null in a cold driver. */
  private InputCache inputs;

  SqlStepDriver(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Reads CSV inputs through {@code cache} (a warm driver's, kept between its steps). */
  SqlStepDriver withInputs(InputCache cache) {
    this.inputs = cache;
    return this;
  }

  /** The failure line of the last run, null when it succeeded (or printed its usage). */
  String failure() {
    return failure;
  }

  public static void main(String[] args) {
    int status = new SqlStepDriver(System.out, System.err).run(args);
    System.out.flush();
    System.err.flush();
    if (status != 0) {
      System.exit(status);
    }
  }

  /** A failure whose message is the one line to report. */
  static final class StepFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StepFailure(String message) {
      super(message);
    }
  }

  /** Runs the step and returns the exit status; stops its SparkSession before returning. */
  int run(String[] args) {
    Parsed parsed = parse(args);
    if (parsed == null) {
      return USAGE;
    }
    SparkSession.Builder builder =
        SparkSession.builder().appName(parsed.arguments().appName().orElse("pipewright-sql-step"));
    if (System.getProperty("spark.master") == null) {
      builder.master("local[*]"); // started without spark-submit (tests, a plain java command)
    }
    String failure = null;
    SparkSession spark = null;
    try {
      spark = builder.getOrCreate();
      failure = execute(spark, parsed);
    } catch (Exception | Error e) {
      failure = "SQL step failed: " + describe(e);
    } finally {
      out.flush();
      if (spark != null) {
        try {
          spark.stop();
        } catch (RuntimeException e) {
          err.println("warning: stopping Spark failed: " + describe(e));
        }
      }
    }
    return ended(failure);
  }

  /**
   * Runs the step in {@code session} (a warm driver's fresh session) and returns the exit status,
   * exactly as {@link #run} would, without stopping the session's Spark. Its failure line is the
   * last line on this driver's stderr.
   */
  int runIn(SparkSession session, String[] args) {
    Parsed parsed = parse(args);
    if (parsed == null) {
      return USAGE;
    }
    String failure;
    try {
      failure = execute(session, parsed);
    } catch (Exception | Error e) {
      failure = "SQL step failed: " + describe(e);
    } finally {
      out.flush();
    }
    return ended(failure);
  }

  /** The arguments and the statements of the script. */
  private record Parsed(DriverArguments arguments, List<SqlScript.Statement> statements) {}

  /** Null after printing the usage. */
  private Parsed parse(String[] args) {
    try {
      DriverArguments arguments = DriverArguments.parse(args);
      String script = arguments.resolve(readScript(arguments.sql()));
      return new Parsed(arguments, SqlScript.split(script));
    } catch (DriverArguments.UsageException e) {
      err.println("SqlStepDriver: " + e.getMessage());
      err.println(DriverArguments.USAGE);
      return null;
    }
  }

  /** Registers the inputs, runs the statements, writes the outputs; the failure line, or null. */
  private String execute(SparkSession spark, Parsed parsed) {
    DriverArguments arguments = parsed.arguments();
    try {
      Map<String, Boolean> outputHadFiles = new HashMap<>();
      arguments.outputs().forEach((name, path) -> outputHadFiles.put(name, hasDataFiles(path)));
      long startedMillis = System.currentTimeMillis();
      arguments.views().forEach((name, path) -> registerView(spark, name, path));
      for (SqlScript.Statement statement : parsed.statements()) {
        runStatement(spark, statement);
      }
      arguments
          .outputs()
          .forEach(
              (name, path) ->
                  writeOutput(spark, name, path, outputHadFiles.get(name), startedMillis));
      return null;
    } catch (StepFailure e) {
      return e.getMessage();
    } catch (Exception | Error e) {
      return "SQL step failed: " + describe(e);
    }
  }

  private int ended(String failure) {
    this.failure = failure;
    if (failure != null) {
      // Printed after Spark has stopped (or the step's jobs ended), so that it is the last line on stderr.
      err.println(failure);
      err.flush();
      return FAILED;
    }
    return 0;
  }

  private static String readScript(String file) throws DriverArguments.UsageException {
    try {
      return Files.readString(Paths.get(file), StandardCharsets.UTF_8);
    } catch (IOException | InvalidPathException e) {
      throw new DriverArguments.UsageException("cannot read --sql file " + file + ": " + e);
    }
  }

  // ---- inputs ----------------------------------------------------------------------------------

  private void registerView(SparkSession spark, String name, String path) {
    boolean parquet;
    Path local = localPath(path);
    if (local != null) {
      if (!Files.exists(local)) {
        throw new StepFailure("input '" + name + "' does not exist: " + path);
      }
      if (Files.isDirectory(local)) {
        List<Path> files = dataFiles(local);
        if (files.isEmpty()) {
          throw new StepFailure("input '" + name + "' has no data files in directory " + path);
        }
        parquet = files.stream().anyMatch(SqlStepDriver::isParquet);
      } else {
        parquet = isParquet(local);
      }
    } else {
      parquet = path.toLowerCase(Locale.ROOT).endsWith(".parquet");
    }
    try {
      Dataset<Row> frame;
      if (parquet) {
        frame = spark.read().parquet(path);
      } else if (inputs != null && local != null) {
        frame = inputs.csv(spark, path, local,
            () -> spark.read().option("header", "true").option("inferSchema", "true").csv(path));
      } else {
        frame = spark.read().option("header", "true").option("inferSchema", "true").csv(path);
      }
      frame.createOrReplaceTempView(name);
    } catch (Exception e) { // Spark's AnalysisException is a checked exception
      throw new StepFailure(
          "input '"
              + name
              + "' could not be read as "
              + (parquet ? "Parquet" : "CSV")
              + " from "
              + path
              + ": "
              + describe(e));
    }
  }

  private static boolean isParquet(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
  }

  /** A local file system path, or null for a URI of another file system (hdfs://, s3a://, …). */
  private static Path localPath(String path) {
    try {
      if (path.startsWith("file:")) {
        return Paths.get(java.net.URI.create(path));
      }
      if (path.matches("^[A-Za-z][A-Za-z0-9+.-]+://.*")) {
        return null;
      }
      return Paths.get(path);
    } catch (IllegalArgumentException e) { // includes InvalidPathException
      return null;
    }
  }

  /** Regular files under {@code dir}, skipping names Spark treats as hidden ({@code .x}, {@code _x}). */
  private static List<Path> dataFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !hiddenBelow(dir, p))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hiddenBelow(Path dir, Path file) {
    for (Path part : dir.relativize(file)) {
      String s = part.toString();
      if (s.startsWith(".") || s.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  // ---- statements ------------------------------------------------------------------------------

  private void runStatement(SparkSession spark, SqlScript.Statement statement) {
    // What the driver's UI (and Pipewright's progress) calls the jobs this statement starts.
    spark.sparkContext().setJobDescription(
        "statement " + statement.number() + ": " + statement.firstLine(HEADER_CHARS));
    try {
      Dataset<Row> result = spark.sql(statement.text());
      if (returnsRows(statement.text()) && result.schema().fields().length > 0) {
        out.println("-- " + statement.firstLine(HEADER_CHARS));
        out.flush();
        result.show(SHOW_ROWS, false);
        out.flush();
      }
    } catch (Exception | Error e) {
      throw new StepFailure(
          "SQL statement "
              + statement.number()
              + " (line "
              + failedLine(statement, e)
              + ") failed: "
              + describe(e));
    }
  }

  /** Whether a statement is a query (its first keyword, after any opening parentheses). */
  static boolean returnsRows(String statement) {
    int i = 0;
    while (i < statement.length()
        && (statement.charAt(i) == '(' || Character.isWhitespace(statement.charAt(i)))) {
      i++;
    }
    int j = i;
    while (j < statement.length() && Character.isLetter(statement.charAt(j))) {
      j++;
    }
    return QUERY_KEYWORDS.contains(statement.substring(i, j).toUpperCase(Locale.ROOT));
  }

  /** The script line Spark's error context points at, else the statement's first line. */
  private static int failedLine(SqlScript.Statement statement, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkThrowable st) {
        QueryContext[] contexts;
        try {
          contexts = st.getQueryContext();
        } catch (RuntimeException ignored) {
          continue;
        }
        if (contexts == null) {
          continue;
        }
        for (QueryContext context : contexts) {
          if (context.contextType() == QueryContextType.SQL
              && (context.objectType() == null || context.objectType().isEmpty())
              && context.startIndex() >= 0
              && context.startIndex() < statement.text().length()) {
            return statement.lineOfOffset(context.startIndex());
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return statement.line();
  }

  /**
   * One line saying what went wrong: the first line of the message of the first exception in the
   * cause chain that carries a Spark error condition, else of the exception itself.
   */
  static String describe(Throwable e) {
    Throwable chosen = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkThrowable st && condition(st) != null && t.getMessage() != null) {
        chosen = t;
        break;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    String message = chosen.getMessage();
    if (message == null || message.isBlank()) {
      return chosen.getClass().getName();
    }
    String first = message.strip().lines().findFirst().orElse("").strip();
    return chosen instanceof SparkThrowable ? first : chosen.getClass().getSimpleName() + ": " + first;
  }

  @SuppressWarnings("deprecation")
  private static String condition(SparkThrowable t) {
    try {
      return t.getErrorClass();
    } catch (RuntimeException e) {
      return null;
    }
  }

  // ---- outputs ---------------------------------------------------------------------------------

  private void writeOutput(
      SparkSession spark, String name, String path, boolean hadFiles, long startedMillis) {
    boolean exists;
    try {
      exists = spark.catalog().tableExists(name);
    } catch (Exception e) {
      exists = false;
    }
    if (exists) {
      spark.sparkContext().setJobDescription("writing output '" + name + "'");
      try {
        Observation rows = new Observation("pipewright_output_" + name);
        Dataset<Row> frame = spark.table(name).observe(rows, count(lit(1)).as("rows"));
        frame.coalesce(1).write().mode(SaveMode.Overwrite).option("header", "true").csv(path);
        out.println("wrote output '" + name + "': " + rowCount(rows, spark, name) + " rows to " + path);
        out.flush();
        return;
      } catch (Exception e) {
        throw new StepFailure(
            "output '" + name + "' could not be written to " + path + ": " + describe(e));
      }
    }
    if (hasDataFiles(path) && (!hadFiles || newestFileMillis(path) >= startedMillis - 2000)) {
      out.println("output '" + name + "': kept the files the script wrote to " + path);
      out.flush();
      return;
    }
    throw new StepFailure(
        "output '"
            + name
            + "' was not produced: end the script with CREATE TEMPORARY VIEW "
            + name
            + " AS SELECT …");
  }

  /** The rows the write saw, from the observation (no second pass), else by counting again. */
  private static long rowCount(Observation rows, SparkSession spark, String name) {
    try {
      Map<String, Object> metrics =
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return rows.getAsJava();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return Map.<String, Object>of();
                    }
                  })
              .get(30, TimeUnit.SECONDS);
      Object value = metrics.get("rows");
      if (value instanceof Number n) {
        return n.longValue();
      }
    } catch (Exception e) {
      // fall through to a plain count
    }
    return spark.table(name).count();
  }

  private static boolean hasDataFiles(String path) {
    Path local = localPath(path);
    if (local == null || !Files.exists(local)) {
      return false;
    }
    if (Files.isRegularFile(local)) {
      return true;
    }
    return !dataFiles(local).isEmpty();
  }

  private static long newestFileMillis(String path) {
    Path local = localPath(path);
    if (local == null) {
      return Long.MAX_VALUE;
    }
    try (Stream<Path> walk = Files.walk(local)) {
      return walk.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.getLastModifiedTime(p).toMillis();
                } catch (IOException e) {
                  return 0L;
                }
              })
          .max()
          .orElse(0L);
    } catch (IOException e) {
      return 0L;
    }
  }
}
