package io.pipewright.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A launch as it may be shown and recorded: the words of a command or spark-submit, secrets
 * masked with {@value #MASK}. Masked are values of {@code --conf} settings and {@code -D} system
 * properties whose key looks secret (password, secret, token, credential, api key, a {@code key}
 * segment such as {@code fs.azure.account.key.x}), {@code name=value} arguments and the word after
 * options with such names ({@code --password x}, {@code --token=x}), and user info in URLs. The
 * names are those {@code io.pipewright.http.Redaction} masks in requests.
 */
public final class CommandLines {
  public static final String MASK = "***";

  /** A name whose value is secret. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|passwd|secret|token|credential|api[_-]?key|(^|[._-])key([._-]|$)).*");
  /** {@code name=value}, {@code -Dname=value}, {@code --name=value}. */
  private static final Pattern ASSIGNMENT = Pattern.compile("^(-{0,2}D?)([A-Za-z_][\\w.\\-]*)=(.*)$", Pattern.DOTALL);
  /** An option taking the next word as its value: {@code --password}, {@code -token}. */
  private static final Pattern OPTION = Pattern.compile("^-{1,2}([A-Za-z][\\w.-]*)$");
  private static final Pattern URL_USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\\s]*@");
  /** Words a POSIX shell reads as they are; anything else is shown single-quoted, so it can be pasted. */
  private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_\\-+=/.,:@%*]+");

  private CommandLines() {}

  /** The words with secrets masked. */
  public static List<String> masked(List<String> words) {
    List<String> out = new ArrayList<>(words.size());
    boolean nextIsSecret = false;
    for (String word : words) {
      if (nextIsSecret) {
        out.add(MASK);
        nextIsSecret = false;
        continue;
      }
      Matcher option = OPTION.matcher(word);
      if (option.matches() && !"conf".equals(option.group(1)) && isSecretName(option.group(1))) {
        out.add(word);
        nextIsSecret = true;
        continue;
      }
      out.add(maskWord(word));
    }
    return out;
  }

  /** The masked words joined as a shell would read them. */
  public static String display(List<String> words) {
    return String.join(" ", masked(words).stream().map(CommandLines::quote).toList());
  }

  /**
   * A command line already joined into text, masked word by word (split at white space): for
   * launches a launcher only has as text. Idempotent.
   */
  public static String maskLine(String line) {
    if (line == null) {
      return null;
    }
    String[] words = line.split(" ", -1);
    List<String> masked = masked(List.of(words));
    return String.join(" ", masked);
  }

  private static String maskWord(String word) {
    String w = URL_USER_INFO.matcher(word).replaceAll("$1" + MASK + "@");
    Matcher assignment = ASSIGNMENT.matcher(w);
    if (assignment.matches() && isSecretName(assignment.group(2)) && !assignment.group(3).equals(MASK)) {
      return assignment.group(1) + assignment.group(2) + "=" + MASK;
    }
    return w;
  }

  /** Whether a setting or option of this name holds a secret (its value is masked). */
  public static boolean isSecretName(String name) {
    return SECRET_NAME.matcher(name).matches();
  }

  private static String quote(String word) {
    return SAFE_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
