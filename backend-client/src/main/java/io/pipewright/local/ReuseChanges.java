package io.pipewright.local;

import io.pipewright.workspace.CommandLines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Why a step was not reused, field by field: what differs between the fingerprint detail of the
 * step's last completed run and its own now ({@link Fingerprints.Fingerprint#details()}). One line
 * per change, in the words of the step's settings: {@code spark.executor.memory 7g → 8g}, {@code
 * source file prep.sql changed}, {@code input titanic changed: Titanic.csv modified}.
 */
final class ReuseChanges {

  static final String DEFINITION = "definition";
  static final String SOURCES = "sources";
  static final String INPUTS = "inputs";
  static final String ENVIRONMENT = "environment";
  static final String RUNTIME = "runtime";

  /** Separates an input port from a file name in the inputs' detail. */
  static final String FILE_OF = "\u0000";
  /** The detail of an input port fed by a step: {@code step STEP/PORT FINGERPRINT}. */
  static final String FROM_STEP = "step ";

  /** Inputs of more files than this keep only their number and content hash, not each file. */
  static final int FILES_KEPT = 1000;
  private static final String MANY_FILES = " files, content ";
  /** The key of a source snapshot of more than {@link #FILES_KEPT} files, kept as a whole. */
  static final String ALL_FILES = "\u0000all";

  /** The detail of an input of more than {@link #FILES_KEPT} files. */
  static String manyFiles(int count, String contentHash) {
    return count + MANY_FILES + contentHash;
  }

  /** Files named in one input's line before "and N more". */
  private static final int FILES_SHOWN = 3;

  private ReuseChanges() {}

  /** The changes from {@code earlier} to {@code now}; empty when the details are equal. */
  static List<String> between(Map<String, Map<String, String>> earlier, Map<String, Map<String, String>> now) {
    List<String> lines = new ArrayList<>();
    fields(lines, earlier.getOrDefault(DEFINITION, Map.of()), now.getOrDefault(DEFINITION, Map.of()));
    files(lines, "source file ", earlier.getOrDefault(SOURCES, Map.of()), now.getOrDefault(SOURCES, Map.of()));
    inputs(lines, earlier.getOrDefault(INPUTS, Map.of()), now.getOrDefault(INPUTS, Map.of()));
    fields(lines, earlier.getOrDefault(ENVIRONMENT, Map.of()), now.getOrDefault(ENVIRONMENT, Map.of()));
    if (!earlier.getOrDefault(RUNTIME, Map.of()).equals(now.getOrDefault(RUNTIME, Map.of()))) {
      lines.add("the Spark runtime changed");
    }
    return lines;
  }

  /** {@code field old → new}; a field only on one side is "(not set)" on the other; secrets say only "changed". */
  private static void fields(List<String> lines, Map<String, String> earlier, Map<String, String> now) {
    Set<String> names = new LinkedHashSet<>(now.keySet());
    names.addAll(earlier.keySet());
    for (String name : names) {
      String before = earlier.get(name);
      String after = now.get(name);
      if (before != null && before.equals(after)) {
        continue;
      }
      if (CommandLines.isSecretName(name)) {
        lines.add(name + " changed");
      } else {
        lines.add(name + " " + shown(before) + " → " + shown(after));
      }
    }
  }

  private static String shown(String value) {
    if (value == null) {
      return "(not set)";
    }
    if (value.isEmpty()) {
      return "\"\"";
    }
    return value.length() > 80 ? value.substring(0, 80) + "…" : value;
  }

  private static void files(List<String> lines, String prefix, Map<String, String> earlier, Map<String, String> now) {
    if (earlier.containsKey(ALL_FILES) || now.containsKey(ALL_FILES)) {
      if (!earlier.equals(now)) {
        String after = now.getOrDefault(ALL_FILES, "");
        lines.add(prefix.strip() + "s changed" + (after.contains(MANY_FILES)
            ? " (" + after.substring(0, after.indexOf(MANY_FILES)) + " files)" : ""));
      }
      return;
    }
    for (Map.Entry<String, String> change : fileChanges(earlier, now).entrySet()) {
      lines.add(prefix + change.getKey() + " " + change.getValue());
    }
  }

  /** File name to "changed", "added" or "removed", by name. Only the hash (the first word) counts. */
  private static Map<String, String> fileChanges(Map<String, String> earlier, Map<String, String> now) {
    Map<String, String> changes = new TreeMap<>();
    now.forEach((name, detail) -> {
      String before = earlier.get(name);
      if (before == null) {
        changes.put(name, "added");
      } else if (!hash(before).equals(hash(detail))) {
        changes.put(name, "changed");
      }
    });
    earlier.keySet().stream().filter(name -> !now.containsKey(name)).forEach(name -> changes.put(name, "removed"));
    return changes;
  }

  private static String hash(String detail) {
    int space = detail.indexOf(' ');
    return space < 0 ? detail : detail.substring(0, space);
  }

  private static void inputs(List<String> lines, Map<String, String> earlier, Map<String, String> now) {
    Map<String, Map<String, String>> before = byPort(earlier);
    Map<String, Map<String, String>> after = byPort(now);
    Set<String> ports = new LinkedHashSet<>(after.keySet());
    ports.addAll(before.keySet());
    for (String port : ports) {
      Map<String, String> b = before.getOrDefault(port, Map.of());
      Map<String, String> a = after.getOrDefault(port, Map.of());
      if (a.equals(b)) {
        continue;
      }
      String fromStepBefore = b.get("");
      String fromStepAfter = a.get("");
      if (fromStepAfter != null && fromStepAfter.startsWith(FROM_STEP)) {
        String upstream = fromStepAfter.substring(FROM_STEP.length(), fromStepAfter.indexOf('/'));
        lines.add("input " + port + " changed: " + (fromStepBefore != null && fromStepBefore.startsWith(FROM_STEP)
            && !sameSource(fromStepBefore, fromStepAfter) ? "it now comes from step '" + upstream + "'"
            : "step '" + upstream + "' has a new result"));
        continue;
      }
      if (fromStepBefore != null && fromStepAfter != null && fromStepBefore.contains(MANY_FILES)
          && fromStepAfter.contains(MANY_FILES)) {
        lines.add("input " + port + " changed: the content of its "
            + fromStepAfter.substring(0, fromStepAfter.indexOf(MANY_FILES)) + " files");
        continue;
      }
      if (fromStepBefore != null || fromStepAfter != null) {
        lines.add("input " + port + " changed: " + describe(fromStepBefore) + " → " + describe(fromStepAfter));
        continue;
      }
      Map<String, String> changes = fileChanges(b, a);
      List<String> words = new ArrayList<>();
      changes.forEach((file, how) -> words.add(file + " " + (how.equals("changed") ? "modified" : how)));
      if (words.isEmpty()) {
        continue; // the same content under new times: not a change
      }
      String shown = String.join(", ", words.subList(0, Math.min(FILES_SHOWN, words.size())));
      if (words.size() > FILES_SHOWN) {
        shown += " and " + (words.size() - FILES_SHOWN) + " more file" + (words.size() - FILES_SHOWN == 1 ? "" : "s");
      }
      lines.add("input " + port + " changed: " + shown);
    }
  }

  private static boolean sameSource(String before, String after) {
    return before.substring(0, before.lastIndexOf(' ')).equals(after.substring(0, after.lastIndexOf(' ')));
  }

  private static String describe(String portDetail) {
    if (portDetail == null) {
      return "files";
    }
    if (portDetail.contains(MANY_FILES)) {
      return portDetail.substring(0, portDetail.indexOf(MANY_FILES)) + " files";
    }
    if (portDetail.startsWith(FROM_STEP)) {
      return "step '" + portDetail.substring(FROM_STEP.length(), portDetail.indexOf('/')) + "'";
    }
    return portDetail;
  }

  /** The inputs' detail by port: "" to the port's own detail (a step, none, missing), else file to detail. */
  private static Map<String, Map<String, String>> byPort(Map<String, String> inputs) {
    Map<String, Map<String, String>> byPort = new LinkedHashMap<>();
    inputs.forEach((key, value) -> {
      int split = key.indexOf(FILE_OF);
      String port = split < 0 ? key : key.substring(0, split);
      String file = split < 0 ? "" : key.substring(split + 1);
      byPort.computeIfAbsent(port, k -> new LinkedHashMap<>()).put(file, value);
    });
    return byPort;
  }
}
