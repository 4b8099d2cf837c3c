package io.pipewright.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements on top-level semicolons.
 *
 * <p>Respects {@code '...'} and {@code "..."} string literals (with backslash escapes and doubled
 * quotes), {@code `...`} quoted identifiers (with doubled backticks), {@code --} line comments and
 * {@code /* *}{@code /} block comments (nested, as Spark's lexer allows). Statements made only of
 * whitespace and comments are dropped. Comments before a statement's first token are not part of
 * its text; comments inside it are kept (Spark parses them, and {@code /*+ hints *}{@code /} must
 * survive).
 */
public final class SqlScript {

  /**
   * One statement of a script.
   *
   * @param number 1-based position among the script's non-empty statements
   * @param line 1-based line in the script of the statement's first token
   * @param offset 0-based character offset in the script of the statement's first token
   * @param text the statement, from its first token to the character before its terminating
   *     semicolon (or the end of the script), trailing whitespace removed
   */
  public record Statement(int number, int line, int offset, String text) {

    /** The first line of the text, trimmed and cut to {@code max} characters. */
    public String firstLine(int max) {
      String first = text.lines().findFirst().orElse("").strip();
      return first.length() <= max ? first : first.substring(0, max);
    }

    /** The 1-based script line of a character offset inside this statement's text. */
    public int lineOfOffset(int offsetInText) {
      int end = Math.max(0, Math.min(offsetInText, text.length()));
      int l = line;
      for (int i = 0; i < end; i++) {
        if (text.charAt(i) == '\n') {
          l++;
        }
      }
      return l;
    }
  }

  private SqlScript() {}

  /** Splits {@code script} into its non-empty statements, in order. */
  public static List<Statement> split(String script) {
    List<Statement> out = new ArrayList<>();
    int n = script.length();
    int line = 1;
    int start = -1; // offset of the current statement's first token, -1 while none yet
    int startLine = 0;
    int i = 0;
    while (i < n) {
      char c = script.charAt(i);
      char next = i + 1 < n ? script.charAt(i + 1) : '\0';
      if (c == '-' && next == '-') {
        // line comment: up to (not including) the newline
        i += 2;
        while (i < n && script.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '/' && next == '*') {
        int depth = 1;
        i += 2;
        while (i < n && depth > 0) {
          char d = script.charAt(i);
          char e = i + 1 < n ? script.charAt(i + 1) : '\0';
          if (d == '/' && e == '*') {
            depth++;
            i += 2;
          } else if (d == '*' && e == '/') {
            depth--;
            i += 2;
          } else {
            if (d == '\n') {
              line++;
            }
            i++;
          }
        }
        continue;
      }
      if (c == ';') {
        if (start >= 0) {
          add(out, script, start, startLine, i);
          start = -1;
        }
        i++;
        continue;
      }
      if (c == '\n') {
        line++;
        i++;
        continue;
      }
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (start < 0) {
        start = i;
        startLine = line;
      }
      if (c == '\'' || c == '"' || c == '`') {
        char quote = c;
        boolean backslashEscapes = quote != '`';
        i++;
        while (i < n) {
          char d = script.charAt(i);
          if (d == '\n') {
            line++;
          }
          if (backslashEscapes && d == '\\' && i + 1 < n) {
            if (script.charAt(i + 1) == '\n') {
              line++;
            }
            i += 2;
            continue;
          }
          i++;
          if (d == quote) {
            break; // a doubled quote simply reopens: the next loop round sees it as a new literal
          }
        }
        continue;
      }
      i++;
    }
    if (start >= 0) {
      add(out, script, start, startLine, n);
    }
    return out;
  }

  private static void add(List<Statement> out, String script, int start, int line, int end) {
    String text = script.substring(start, end).stripTrailing();
    out.add(new Statement(out.size() + 1, line, start, text));
  }
}
