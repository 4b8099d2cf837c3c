package io.pipewright.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders in step arguments and SQL: {@code {inputs.NAME}}, {@code {outputs.NAME}} and
 * {@code {parameters.NAME}}. Other braces are left alone.
 */
public final class Placeholders {

  /** What a placeholder refers to. */
  public enum Kind {
    INPUTS,
    OUTPUTS,
    PARAMETERS
  }

  /** One placeholder found in a text, with its character range. */
  public record Ref(Kind kind, String name, int start, int end) {
    @Override
    public String toString() {
      return "{" + kind.name().toLowerCase(java.util.Locale.ROOT) + "." + name + "}";
    }
  }

  private static final Pattern PATTERN =
      Pattern.compile("\\{(inputs|outputs|parameters)\\.([A-Za-z_][A-Za-z0-9_\\-]*)}");

  private Placeholders() {}

  public static List<Ref> find(String text) {
    List<Ref> refs = new ArrayList<>();
    Matcher m = PATTERN.matcher(text);
    while (m.find()) {
      refs.add(new Ref(Kind.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)), m.group(2), m.start(), m.end()));
    }
    return refs;
  }

  /** Replaces every placeholder by what {@code values} gives for it. */
  public static String substitute(String text, Function<Ref, String> values) {
    Matcher m = PATTERN.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 64);
    int last = 0;
    while (m.find()) {
      Ref ref = new Ref(Kind.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)), m.group(2), m.start(), m.end());
      out.append(text, last, m.start()).append(values.apply(ref));
      last = m.end();
    }
    return out.append(text, last, text.length()).toString();
  }
}
