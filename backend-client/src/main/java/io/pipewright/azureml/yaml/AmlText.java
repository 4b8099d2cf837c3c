package io.pipewright.azureml.yaml;

import io.pipewright.model.ShellWords;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that crosses between the two formats: Azure ML's {@code ${{...}}} expressions and
 * Pipewright's {@code {inputs.NAME}} placeholders, and command lines as one string (Azure ML) or as
 * words (Pipewright's arguments).
 */
final class AmlText {
  /** {@code ${{ expression }}}; group 1 is the expression without blanks around it. */
  static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]*?)\\s*}}");

  private AmlText() {}

  /** Replaces each {@code ${{...}}} by what {@code replacement} gives for its expression. */
  static String replaceExpressions(String text, Function<String, String> replacement) {
    Matcher m = EXPRESSION.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(text, last, m.start()).append(replacement.apply(m.group(1)));
      last = m.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  /** The expression of a value that is exactly one {@code ${{...}}}, else null. */
  static String soleExpression(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = EXPRESSION.matcher(value.strip());
    return m.matches() ? m.group(1) : null;
  }

  /** Words joined into one command line, each quoted as a POSIX shell needs it. */
  static String join(List<String> words) {
    StringBuilder line = new StringBuilder();
    for (String word : words) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(quote(word));
    }
    return line.toString();
  }

  /** A word as a shell reads it back: bare when it can be, else in single quotes. */
  static String quote(String word) {
    if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,+@%${}".indexOf(c) >= 0)) {
      return word;
    }
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }

  /**
   * Whether a command line needs a shell: pipes, redirections, lists, substitutions, variables,
   * wildcards, several lines. Quoted text does not count; Azure ML's own expressions do not either.
   */
  static boolean needsShell(String line) {
    String outside = EXPRESSION.matcher(line).replaceAll("X");
    StringBuilder bare = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < outside.length(); i++) {
      char c = outside.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '\\' && i + 1 < outside.length()) {
        i++;
      } else {
        bare.append(c);
      }
    }
    String b = bare.toString().strip();
    return b.matches("(?s).*([|&;<>`\\n*?~]|\\$[({A-Za-z_]).*");
  }

  /** Splits a command line into words as a POSIX shell would (see {@link ShellWords}). */
  static List<String> split(String line) {
    return ShellWords.split(line);
  }

  /** An identifier Azure ML accepts for a job (lower case), an input or an output. */
  static String identifier(String name, boolean lowerCase) {
    String s = lowerCase ? name.toLowerCase(java.util.Locale.ROOT) : name;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == '_' || (c < 128 && Character.isLetterOrDigit(c));
      out.append(ok ? c : '_');
    }
    if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
      out.insert(0, '_');
    }
    return out.toString();
  }
}
