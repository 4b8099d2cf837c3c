package io.pipewright.spark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SQL step driver's command line: {@code --sql FILE}, repeatable {@code --view NAME=PATH},
 * {@code --output NAME=PATH} and {@code --set PLACEHOLDER=VALUE}, optional {@code --app-name NAME}.
 * Names are SQL identifiers.
 *
 * @param sql the script file
 * @param views input views by name, in command-line order
 * @param outputs outputs by name, in command-line order
 * @param appName the Spark application name, if given
 * @param placeholders values of the script's placeholders ({@code inputs.raw} → a path), for a
 *     script whose placeholders were not resolved before it was sent (Azure ML, where paths are
 *     only known on the cluster)
 */
public record DriverArguments(
    String sql, Map<String, String> views, Map<String, String> outputs, Optional<String> appName,
    Map<String, String> placeholders) {

  public DriverArguments(String sql, Map<String, String> views, Map<String, String> outputs, Optional<String> appName) {
    this(sql, views, outputs, appName, Map.of());
  }

  /** The usage text printed on bad usage. */
  public static final String USAGE =
      "usage: SqlStepDriver --sql FILE [--view NAME=PATH]... [--output NAME=PATH]... [--app-name NAME]\n"
          + "  --sql FILE          the SQL script to run, statements separated by ';'\n"
          + "  --view NAME=PATH    register PATH (a CSV file with header, a directory of CSV part\n"
          + "                      files, or a directory of *.parquet files) as temporary view NAME\n"
          + "  --output NAME=PATH  after the script, write view or table NAME as CSV with header to\n"
          + "                      directory PATH (or accept what the script itself wrote there)\n"
          + "  --set KEY=VALUE     replace {KEY} in the script by VALUE, as --set inputs.raw=/mnt/raw\n"
          + "                      (KEY: inputs.NAME, outputs.NAME or parameters.NAME)\n"
          + "  --app-name NAME     the Spark application name";

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("(inputs|outputs|parameters)\\.[A-Za-z_][A-Za-z0-9_-]*");

  /** Bad command-line usage; the message says what is wrong. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  public DriverArguments {
    views = Collections.unmodifiableMap(new LinkedHashMap<>(views));
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    placeholders = Collections.unmodifiableMap(new LinkedHashMap<>(placeholders));
  }

  /** The script with each {@code {KEY}} given by {@code --set} replaced; other braces are left alone. */
  public String resolve(String script) {
    String result = script;
    for (Map.Entry<String, String> p : placeholders.entrySet()) {
      result = result.replace("{" + p.getKey() + "}", p.getValue());
    }
    return result;
  }

  /** Parses a command line; throws {@link UsageException} with a one-line reason when it is bad. */
  public static DriverArguments parse(String... args) throws UsageException {
    String sql = null;
    String appName = null;
    Map<String, String> views = new LinkedHashMap<>();
    Map<String, String> outputs = new LinkedHashMap<>();
    Map<String, String> placeholders = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--sql", "--view", "--output", "--set", "--app-name" -> {
          if (i + 1 >= args.length) {
            throw new UsageException(option + " needs a value");
          }
          String value = args[++i];
          switch (option) {
            case "--sql" -> {
              if (sql != null) {
                throw new UsageException("--sql given twice");
              }
              if (value.isBlank()) {
                throw new UsageException("--sql needs a file");
              }
              sql = value;
            }
            case "--view" -> putPair(views, "--view", value);
            case "--output" -> putPair(outputs, "--output", value);
            case "--set" -> {
              int eq = value.indexOf('=');
              String key = eq < 0 ? value : value.substring(0, eq);
              if (eq <= 0 || !PLACEHOLDER.matcher(key).matches()) {
                throw new UsageException("--set takes inputs.NAME=VALUE, outputs.NAME=VALUE or parameters.NAME=VALUE,"
                    + " got '" + value + "'");
              }
              placeholders.put(key, value.substring(eq + 1));
            }
            default -> {
              if (value.isBlank()) {
                throw new UsageException("--app-name needs a non-empty name");
              }
              appName = value;
            }
          }
        }
        default -> throw new UsageException("unknown argument '" + option + "'");
      }
    }
    if (sql == null) {
      throw new UsageException("--sql FILE is required");
    }
    return new DriverArguments(sql, views, outputs, Optional.ofNullable(appName), placeholders);
  }

  private static void putPair(Map<String, String> into, String option, String value)
      throws UsageException {
    int eq = value.indexOf('=');
    if (eq <= 0 || eq == value.length() - 1) {
      throw new UsageException(option + " takes NAME=PATH, got '" + value + "'");
    }
    String name = value.substring(0, eq);
    String path = value.substring(eq + 1);
    if (!NAME.matcher(name).matches()) {
      throw new UsageException(
          option + " name '" + name + "' is not a SQL identifier (letters, digits, '_')");
    }
    for (String existing : into.keySet()) {
      if (existing.equalsIgnoreCase(name)) {
        throw new UsageException(option + " name '" + name + "' given twice");
      }
    }
    into.put(name, path);
  }
}
