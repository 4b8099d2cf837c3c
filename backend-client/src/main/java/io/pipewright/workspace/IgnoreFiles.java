package io.pipewright.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * The files of a step's source directory that make its snapshot, as Azure ML takes one: files
 * named by a {@code .amlignore} are left out, else those named by a {@code .gitignore} (when a
 * directory has both, {@code .amlignore} wins and the {@code .gitignore} is not read). Each
 * directory's ignore file applies to what is under it, as in git.
 *
 * <p>Patterns follow gitignore: blank lines and {@code #} comments are skipped; {@code !} re-includes
 * what an earlier pattern left out (not inside a left-out directory); a trailing {@code /} matches
 * only directories; a pattern with a {@code /} at its start or middle is anchored to the ignore
 * file's directory, else it matches a name at any depth; {@code *} and {@code ?} do not cross
 * {@code /}; {@code **} matches any number of directories; {@code [abc]} is a character class;
 * {@code \} escapes. The last pattern that matches decides.
 */
public final class IgnoreFiles {

  public static final String AMLIGNORE = ".amlignore";
  public static final String GITIGNORE = ".gitignore";

  private IgnoreFiles() {}

  /** One pattern of an ignore file, relative to that file's directory ({@code base}, "" for the root). */
  record Rule(String base, Pattern pattern, boolean negated, boolean directoryOnly) {
    /** Whether it matches {@code path} (relative to the walk's root, {@code /} between names). */
    boolean matches(String path, boolean directory) {
      if (directoryOnly && !directory) {
        return false;
      }
      String relative;
      if (base.isEmpty()) {
        relative = path;
      } else if (path.startsWith(base + "/")) {
        relative = path.substring(base.length() + 1);
      } else {
        return false;
      }
      return pattern.matcher(relative).matches();
    }
  }

  /** The rules of the ignore file in {@code directory} ({@code base}: its path from the root), if any. */
  static List<Rule> rulesIn(Path directory, String base) {
    Path file = directory.resolve(AMLIGNORE);
    if (!Files.isRegularFile(file)) {
      file = directory.resolve(GITIGNORE);
    }
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList(), base);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The rules of an ignore file's lines, relative to {@code base}. */
  static List<Rule> parse(List<String> lines, String base) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : lines) {
      String line = stripTrailingSpaces(raw);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean negated = false;
      if (line.startsWith("!")) {
        negated = true;
        line = line.substring(1);
      } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
        line = line.substring(1);
      }
      boolean directoryOnly = line.endsWith("/") && !line.endsWith("\\/");
      if (directoryOnly) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        continue;
      }
      boolean anchored = line.startsWith("/") || line.indexOf('/') >= 0 && line.indexOf('/') < line.length() - 1;
      if (line.startsWith("/")) {
        line = line.substring(1);
      }
      String regex = toRegex(line);
      if (!anchored && !line.startsWith("**/")) {
        regex = "(?:.*/)?" + regex;
      }
      rules.add(new Rule(base, Pattern.compile(regex, Pattern.DOTALL), negated, directoryOnly));
    }
    return rules;
  }

  private static String stripTrailingSpaces(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')
        && !(end > 1 && line.charAt(end - 2) == '\\')) {
      end--;
    }
    return line.substring(0, end);
  }

  private static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int n = glob.length();
    for (int i = 0; i < n; i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*'
          && (i == 0 || glob.charAt(i - 1) == '/') && (i + 2 == n || glob.charAt(i + 2) == '/')) {
        if (i + 2 == n) {
          regex.append(".*"); // "x/**": everything inside x
        } else {
          regex.append("(?:.*/)?"); // "**/x", "a/**/b": zero or more directories
          i++; // the '/' after "**"
        }
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 2);
        if (close < 0) {
          regex.append("\\[");
        } else {
          String set = glob.substring(i + 1, close);
          if (set.startsWith("!")) {
            set = "^" + set.substring(1);
          }
          regex.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = close;
        }
      } else if (c == '\\' && i + 1 < n) {
        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }

  /** Whether the rules leave out {@code path}: the last rule that matches decides. */
  static boolean ignored(List<Rule> rules, String path, boolean directory) {
    boolean ignored = false;
    for (Rule rule : rules) {
      if (rule.negated() == ignored && rule.matches(path, directory)) {
        ignored = !rule.negated();
      }
    }
    return ignored;
  }

  /**
   * The regular files under {@code root}, sorted, without those its ignore files leave out and
   * without those {@code alsoLeaveOut} rejects (given the path from the root and whether it is a
   * directory; a directory left out is not entered).
   */
  public static List<Path> files(Path root, BiPredicate<Path, Boolean> alsoLeaveOut) {
    List<Path> files = new ArrayList<>();
    Map<Path, List<Rule>> rulesByDirectory = new HashMap<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          List<Rule> inherited = dir.equals(root) ? List.of() : rulesByDirectory.get(dir.getParent());
          if (!dir.equals(root)) {
            String relative = relative(root, dir);
            if (ignored(inherited, relative, true) || alsoLeaveOut.test(dir, true)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
          }
          List<Rule> own = rulesIn(dir, relative(root, dir));
          List<Rule> rules = inherited;
          if (!own.isEmpty()) {
            rules = new ArrayList<>(inherited);
            rules.addAll(own);
          }
          rulesByDirectory.put(dir, rules);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && !ignored(rulesByDirectory.get(file.getParent()), relative(root, file), false)
              && !alsoLeaveOut.test(file, false)) {
            files.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
          rulesByDirectory.remove(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.sort(null);
    return files;
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }
}
