package io.pipewright.app.files;

import io.pipewright.app.document.PipelineDocument;
import io.pipewright.model.Pipeline;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SQL scripts of a pipeline's SQL steps, which the designer edits as part of the document:
 * Save As into another folder takes them along, so that the saved pipeline finds them beside it.
 */
final class SqlScripts {
  private SqlScripts() {}

  /**
   * What Save As from folder {@code from} to folder {@code to} writes besides the pipeline file: the
   * edited texts at their new place, and the scripts nobody edited with what they hold on disk (a
   * script that does not exist yet stays missing). Reads the disk: call it off the FX thread.
   *
   * @throws IOException when a script of the new folder exists with other content: it is never
   *     overwritten, and nothing is written
   */
  static Map<Path, String> movedTo(Pipeline pipeline, Map<Path, String> edited, Path from, Path to)
      throws IOException {
    Map<Path, String> result = new LinkedHashMap<>();
    edited.forEach((path, text) -> result.put(PipelineDocument.movedPath(path, from, to), text));
    for (Step step : pipeline.steps()) {
      if (step.kind() instanceof SparkStep spark && spark.entry() instanceof SparkEntry.Sql sql && !sql.file().isBlank()) {
        Path old;
        try {
          old = from.resolve(step.sourceDirectory()).resolve(sql.file()).normalize();
        } catch (InvalidPathException e) {
          continue;
        }
        Path moved = PipelineDocument.movedPath(old, from, to);
        if (!result.containsKey(moved) && !edited.containsKey(old) && Files.isRegularFile(old)) {
          result.put(moved, Files.readString(old, StandardCharsets.UTF_8));
        }
      }
    }
    for (Map.Entry<Path, String> e : result.entrySet()) {
      Path target = e.getKey();
      if (Files.exists(target) && !Files.readString(target, StandardCharsets.UTF_8).equals(e.getValue())) {
        throw new IOException(target + " already exists with other SQL. The pipeline's SQL scripts are saved"
            + " beside it, and Pipewright does not overwrite another file: choose another folder, or move "
            + target.getFileName() + " away first");
      }
    }
    return result;
  }
}
