package io.pipewright.app.properties;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What is wrong with a value typed into the property panel, as a sentence for the user; empty when
 * the value can be written into the pipeline as it is. Nothing is coerced: a value is either taken
 * exactly as typed (trimmed of surrounding spaces) or refused with the reason.
 */
final class Validators {
  /** What a placeholder can name ({@code {inputs.NAME}}), so ports and parameters use it too. */
  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern DATASET_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

  private Validators() {}

  /** A whole number of at least {@code min}. */
  static Optional<String> wholeNumber(String what, String text, int min) {
    String t = text.strip();
    int n;
    try {
      n = Integer.parseInt(t);
    } catch (NumberFormatException e) {
      return Optional.of(what + " must be a whole number of " + min + " or more, not '" + t + "'");
    }
    if (n < min) {
      return Optional.of(what + " must be " + min + " or more, not " + n);
    }
    return Optional.empty();
  }

  static int parse(String text) {
    return Integer.parseInt(text.strip());
  }

  /** A name that must be given and that no other in {@code others} has. */
  static Optional<String> uniqueName(String what, String text, Collection<String> others) {
    String t = text.strip();
    if (t.isEmpty()) {
      return Optional.of(what + " must not be empty");
    }
    if (others.contains(t)) {
      return Optional.of("another " + what + " is already named '" + t + "'");
    }
    return Optional.empty();
  }

  /** A port or parameter name: unique, and usable in a placeholder such as {@code {inputs.NAME}}. */
  static Optional<String> identifier(String what, String text, Collection<String> others) {
    Optional<String> unique = uniqueName(what, text, others);
    if (unique.isPresent()) {
      return unique;
    }
    if (!IDENTIFIER.matcher(text.strip()).matches()) {
      return Optional.of(what + " '" + text.strip() + "' must start with a letter or _ and hold only letters, "
          + "digits, _ and - (it is used in placeholders such as {inputs.NAME})");
    }
    return Optional.empty();
  }

  /** The name a step output is registered under; blank means it is not registered. */
  static Optional<String> datasetName(String text) {
    String t = text.strip();
    if (t.isEmpty() || DATASET_NAME.matcher(t).matches()) {
      return Optional.empty();
    }
    return Optional.of("dataset name '" + t + "' may hold only letters, digits, _, . and -");
  }

  static Optional<String> sparkConfKey(String text, Collection<String> others) {
    String t = text.strip();
    if (t.isEmpty()) {
      return Optional.of("a Spark setting needs a key, such as spark.sql.shuffle.partitions");
    }
    if (!t.startsWith("spark.") || t.length() == "spark.".length()) {
      return Optional.of("'" + t + "' is not a Spark setting: keys start with spark. (Spark ignores other keys)");
    }
    if (t.chars().anyMatch(Character::isWhitespace)) {
      return Optional.of("a Spark setting key must not contain spaces");
    }
    if (others.contains(t)) {
      return Optional.of(t + " is already set");
    }
    return Optional.empty();
  }

  static Optional<String> notBlank(String what, String text) {
    return text.strip().isEmpty() ? Optional.of(what + " must not be empty") : Optional.empty();
  }

  static Optional<String> environmentVariable(String text, Collection<String> others) {
    String t = text.strip();
    if (t.isEmpty()) {
      return Optional.of("an environment variable needs a name");
    }
    if (!ENV_NAME.matcher(t).matches()) {
      return Optional.of("'" + t + "' is not a variable name: a letter or _ first, then letters, digits and _");
    }
    if (others.contains(t)) {
      return Optional.of(t + " is already set");
    }
    return Optional.empty();
  }

  static Optional<String> pipPackage(String text, Collection<String> others) {
    String t = text.strip();
    if (t.isEmpty()) {
      return Optional.of("a package needs a name, such as pandas or numpy==1.26.4");
    }
    if (t.chars().anyMatch(Character::isWhitespace)) {
      return Optional.of("'" + t + "' must not contain spaces (one package per line, such as numpy==1.26.4)");
    }
    if (others.contains(t)) {
      return Optional.of(t + " is already listed");
    }
    return Optional.empty();
  }

  /** A registered dataset's version: blank for the latest, else a whole number of 1 or more. */
  static Optional<String> version(String text) {
    return text.strip().isEmpty() ? Optional.empty() : wholeNumber("version", text, 1);
  }
}
