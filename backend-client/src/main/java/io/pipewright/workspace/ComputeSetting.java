package io.pipewright.workspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One setting of a compute kind, described so that a dialog can build its field and check the value
 * as it is typed. {@link #check} never changes a value: it says what is wrong with it.
 *
 * @param key the settings key ({@code masterUrl})
 * @param label a short label for the field ("Master URL")
 * @param type how the value is read and checked
 * @param required whether a target of this kind needs it
 * @param defaultValue what the app puts in the field at first, or null; used only if saved
 * @param choices the allowed values of a {@link Type#CHOICE}, the allowed schemes of a {@link
 *     Type#URL}; empty otherwise
 * @param min the smallest {@link Type#WHOLE_NUMBER}, or null
 * @param max the largest {@link Type#WHOLE_NUMBER}, or null
 * @param pattern the regular expression a {@link Type#PATTERN} value must match, or null
 * @param help one sentence shown under the field; for a pattern, what it allows
 */
public record ComputeSetting(
    String key,
    String label,
    Type type,
    boolean required,
    String defaultValue,
    List<String> choices,
    Integer min,
    Integer max,
    String pattern,
    String help) {

  /** How a value is read and checked. */
  public enum Type {
    /** Any text without line breaks. */
    TEXT,
    /** A whole number between {@code min} and {@code max}. */
    WHOLE_NUMBER,
    /** {@code scheme://host:port[/path]} with a scheme among {@code choices} and an explicit port. */
    URL,
    /** An existing directory. */
    DIRECTORY,
    /** A Java 17–21 home (a directory with a {@code release} file). */
    JAVA_HOME,
    /** A Spark home: a directory with {@code jars/spark-core_*.jar}. */
    SPARK_HOME,
    /** One of {@code choices}, exactly. */
    CHOICE,
    /** An Azure id: 8-4-4-4-12 hexadecimal digits. */
    GUID,
    /** Text matching {@code pattern}; {@code help} says what it allows. */
    PATTERN
  }

  private static final Pattern GUID_FORMAT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  public ComputeSetting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    label = label == null ? key : label;
    choices = List.copyOf(choices == null ? List.of() : choices);
    help = help == null ? "" : help;
  }

  static ComputeSetting of(String key, String label, Type type, boolean required, String help) {
    return new ComputeSetting(key, label, type, required, null, List.of(), null, null, null, help);
  }

  ComputeSetting withDefault(String value) {
    return new ComputeSetting(key, label, type, required, value, choices, min, max, pattern, help);
  }

  ComputeSetting withChoices(List<String> values) {
    return new ComputeSetting(key, label, type, required, defaultValue, values, min, max, pattern, help);
  }

  ComputeSetting withRange(Integer low, Integer high) {
    return new ComputeSetting(key, label, type, required, defaultValue, choices, low, high, pattern, help);
  }

  ComputeSetting withPattern(String regex) {
    return new ComputeSetting(key, label, type, required, defaultValue, choices, min, max, regex, help);
  }

  /**
   * What is wrong with {@code value} as typed; empty when it is acceptable. A blank value means
   * "not given", which is wrong only for a required setting.
   */
  public Optional<String> check(String value) {
    if (value == null || value.isBlank()) {
      return required ? Optional.of(label + " is required") : Optional.empty();
    }
    if (!value.equals(value.strip())) {
      return Optional.of(label + " must not start or end with spaces");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      return Optional.of(label + " must be on one line");
    }
    switch (type) {
      case WHOLE_NUMBER:
        return checkWholeNumber(value);
      case URL:
        return checkUrl(value);
      case DIRECTORY:
        return path(value).flatMap(p -> Files.isDirectory(p) ? Optional.empty()
            : Optional.of(label + " " + value + " is not an existing directory"));
      case JAVA_HOME:
        return path(value).flatMap(p -> JavaHome.problemForSpark(label, p));
      case SPARK_HOME:
        return path(value).flatMap(this::checkSparkHome);
      case CHOICE:
        return choices.contains(value) ? Optional.empty()
            : Optional.of(label + " must be one of " + String.join(", ", choices) + ", not '" + value + "'");
      case GUID:
        return GUID_FORMAT.matcher(value).matches() ? Optional.empty()
            : Optional.of(label + " must be an id like 00000000-0000-0000-0000-000000000000, not '" + value + "'");
      case PATTERN:
        return Pattern.matches(pattern, value) ? Optional.empty()
            : Optional.of(label + " '" + value + "' is not allowed: " + help);
      case TEXT:
      default:
        return Optional.empty();
    }
  }

  private Optional<String> checkWholeNumber(String value) {
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      return Optional.of(label + " must be a whole number" + rangeText() + ", not '" + value + "'");
    }
    if ((min != null && n < min) || (max != null && n > max)) {
      return Optional.of(label + " must be a whole number" + rangeText() + ", not '" + value + "'");
    }
    return Optional.empty();
  }

  private String rangeText() {
    if (min != null && max != null) {
      return " from " + min + " to " + max;
    }
    if (min != null) {
      return " of at least " + min;
    }
    return max != null ? " of at most " + max : "";
  }

  private Optional<String> checkUrl(String value) {
    String example = choices.isEmpty() ? "scheme://host:port" : choices.get(0) + "://host:port";
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      return Optional.of(label + " must look like " + example + ": '" + value + "' is not a URL (" + e.getReason() + ")");
    }
    if (uri.getScheme() == null || !choices.contains(uri.getScheme())) {
      return Optional.of(label + " must start with " + String.join("://, ", choices) + "://, not '" + value + "'");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return Optional.of(label + " must look like " + example + ": '" + value + "' has no host");
    }
    if (uri.getPort() < 0) {
      return Optional.of(label + " must look like " + example + ": '" + value + "' has no port");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      return Optional.of(label + ": port " + uri.getPort() + " is not a port number (1 to 65535)");
    }
    if (uri.getUserInfo() != null) {
      return Optional.of(label + " must not contain a user name or password");
    }
    if ("spark".equals(uri.getScheme()) && uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
      return Optional.of(label + " must look like " + example + ", with nothing after the port");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Optional.of(label + " must not have a query (?…) or fragment (#…)");
    }
    return Optional.empty();
  }

  private Optional<Path> pathOrEmpty(String value) {
    try {
      return Optional.of(Path.of(value));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** The value as a path: a present Optional to check further, or the reason it is not a path. */
  private PathCheck path(String value) {
    return new PathCheck(pathOrEmpty(value), label + " '" + value + "' is not a valid path");
  }

  /** A path to check, or the message when the value is not a path at all. */
  private record PathCheck(Optional<Path> path, String invalid) {
    Optional<String> flatMap(java.util.function.Function<Path, Optional<String>> check) {
      return path.map(check).orElse(Optional.of(invalid));
    }
  }

  private Optional<String> checkSparkHome(Path home) {
    if (!Files.isDirectory(home.resolve("jars"))) {
      return Optional.of(label + " " + home + " is not a Spark home (it has no jars/ directory)");
    }
    try (Stream<Path> jars = Files.list(home.resolve("jars"))) {
      if (jars.noneMatch(p -> p.getFileName().toString().startsWith("spark-core_"))) {
        return Optional.of(label + " " + home + " is not a Spark home (jars/ has no spark-core jar)");
      }
    } catch (java.io.IOException e) {
      return Optional.of(label + " " + home + " cannot be read: " + e.getMessage());
    }
    return Optional.empty();
  }
}
