package io.pipewright.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line's words, as a POSIX shell splits them: single and double quotes, backslashes, a
 * backslash-newline joining lines; no expansion. Script steps run their command split so, and the
 * Azure ML YAML importer reads a job's command and args so.
 */
public final class ShellWords {
  private ShellWords() {}

  /**
   * Splits a command line into words as a POSIX shell would (quotes, backslashes; no expansion).
   *
   * @throws IllegalArgumentException for an unclosed quote
   */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (c == '\\' && i + 1 < line.length()) {
        char next = line.charAt(++i);
        if (next != '\n') {
          word.append(next);
          inWord = true;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("a " + quote + " quote is not closed");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
