package io.pipewright.app.log;

import java.util.ArrayList;
import java.util.List;

/**
 * One log line as shown: its text without ANSI escape codes, the coloured spans those codes asked
 * for, and its level. Toolkit-free: the view maps {@link Span#colour} to paints of the theme.
 *
 * @param text the line without escape codes
 * @param spans the stretches an ANSI code coloured (ascending, not overlapping)
 * @param level the line's level, {@link Level#NONE} when it names none
 * @param levelStart where the level's word starts in {@code text}, or -1
 * @param levelEnd where it ends
 */
public record StyledLine(String text, List<Span> spans, Level level, int levelStart, int levelEnd) {
  /** How far into a line its level is looked for (after a timestamp and a thread name). */
  static final int LEVEL_WITHIN = 80;

  /** A log level as the view colours it. */
  public enum Level {
    NONE, TRACE, DEBUG, INFO, WARN, ERROR;

    static Level of(String word) {
      return switch (word) {
        case "ERROR", "FATAL", "SEVERE" -> ERROR;
        case "WARN", "WARNING" -> WARN;
        case "INFO" -> INFO;
        case "DEBUG" -> DEBUG;
        case "TRACE" -> TRACE;
        default -> NONE;
      };
    }
  }

  /**
   * A stretch coloured by an ANSI code.
   *
   * @param colour 0-7 normal, 8-15 bright (30-37, 90-97), or -1 for the default colour
   * @param bold whether the code asked for bold
   */
  public record Span(int start, int end, int colour, boolean bold) {}

  /** Parses a raw line: escape codes removed and turned into spans, level found. */
  public static StyledLine of(String raw) {
    String text;
    List<Span> spans;
    if (raw.indexOf('\u001b') < 0) {
      text = raw;
      spans = List.of();
    } else {
      StringBuilder out = new StringBuilder(raw.length());
      spans = new ArrayList<>();
      int colour = -1;
      boolean bold = false;
      int spanStart = 0;
      int i = 0;
      while (i < raw.length()) {
        char c = raw.charAt(i);
        if (c == '\u001b' && i + 1 < raw.length() && raw.charAt(i + 1) == '[') {
          int end = i + 2;
          while (end < raw.length() && !isFinal(raw.charAt(end))) {
            end++;
          }
          if (end == raw.length()) {
            break; // cut escape at the end of the line: dropped
          }
          if (raw.charAt(end) == 'm') {
            int[] next = sgr(raw.substring(i + 2, end), colour, bold);
            if (next[0] != colour || (next[1] == 1) != bold) {
              if (out.length() > spanStart && (colour >= 0 || bold)) {
                spans.add(new Span(spanStart, out.length(), colour, bold));
              }
              spanStart = out.length();
              colour = next[0];
              bold = next[1] == 1;
            }
          }
          i = end + 1; // other sequences (cursor moves, erase) are dropped
        } else {
          out.append(c);
          i++;
        }
      }
      if (out.length() > spanStart && (colour >= 0 || bold)) {
        spans.add(new Span(spanStart, out.length(), colour, bold));
      }
      text = out.toString();
    }
    return levelled(text, spans);
  }

  private static boolean isFinal(char c) {
    return c >= '@' && c <= '~';
  }

  /** Applies one Select Graphic Rendition sequence: {colour, bold ? 1 : 0}. */
  private static int[] sgr(String params, int colour, boolean bold) {
    if (params.isEmpty()) {
      return new int[] {-1, 0};
    }
    String[] codes = params.split(";");
    for (int k = 0; k < codes.length; k++) {
      int code;
      try {
        code = Integer.parseInt(codes[k]);
      } catch (NumberFormatException e) {
        continue;
      }
      if (code == 0) {
        colour = -1;
        bold = false;
      } else if (code == 1) {
        bold = true;
      } else if (code == 22) {
        bold = false;
      } else if (code >= 30 && code <= 37) {
        colour = code - 30;
      } else if (code >= 90 && code <= 97) {
        colour = code - 90 + 8;
      } else if (code == 39) {
        colour = -1;
      } else if (code == 38 || code == 48) {
        k += k + 1 < codes.length && "5".equals(codes[k + 1]) ? 2 : 4; // 256 colours, true colour: not shown
      }
    }
    return new int[] {colour, bold ? 1 : 0};
  }

  private static StyledLine levelled(String text, List<Span> spans) {
    int limit = Math.min(text.length(), LEVEL_WITHIN);
    int i = 0;
    while (i < limit) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z' && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
        int end = i;
        while (end < text.length() && text.charAt(end) >= 'A' && text.charAt(end) <= 'Z') {
          end++;
        }
        if (end == text.length() || !Character.isLetterOrDigit(text.charAt(end))) {
          Level level = Level.of(text.substring(i, end));
          if (level != Level.NONE) {
            return new StyledLine(text, spans, level, i, end);
          }
        }
        i = end;
      } else {
        i++;
      }
    }
    return new StyledLine(text, spans, Level.NONE, -1, -1);
  }
}
