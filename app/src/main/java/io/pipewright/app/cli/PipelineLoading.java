package io.pipewright.app.cli;

import io.pipewright.app.document.ValidationContexts;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.ComputeProfile;
import io.pipewright.model.Diagnostic;
import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.model.PipelineValidator;
import io.pipewright.model.Severity;
import io.pipewright.model.SourceLocation;
import io.pipewright.model.ValidationContext;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.RunTargets;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads a pipeline file and validates it against a workspace, printing diagnostics as compilers do. */
final class PipelineLoading {
  private PipelineLoading() {}

  /** A loaded file and every diagnostic about it, format problems first. */
  record Checked(LoadedPipeline loaded, List<Diagnostic> diagnostics) {
    boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  static Checked check(Path file, LocalWorkspace workspace) throws WorkspaceException {
    return check(read(file), file, workspace);
  }

  /** Reads a pipeline file; its problems are reported by {@link #check(LoadedPipeline, Path, LocalWorkspace)}. */
  static LoadedPipeline read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new PipewrightCommand.UserException("no such pipeline file: " + file, PipewrightCommand.USAGE);
    }
    try {
      return PipelineFormat.read(file);
    } catch (IOException e) {
      throw new PipewrightCommand.UserException("cannot read " + file + ": " + e.getMessage(), PipewrightCommand.FAILED);
    }
  }

  /** Validates a pipeline read from {@code file} against a workspace. */
  static Checked check(LoadedPipeline loaded, Path file, LocalWorkspace workspace) throws WorkspaceException {
    return check(loaded, file, workspace, null);
  }

  /**
   * Validates a pipeline as it will run: with {@code sparkTarget} (not null), every Spark step on
   * that compute target, as {@code run --target} runs it.
   */
  static Checked check(LoadedPipeline loaded, Path file, LocalWorkspace workspace, String sparkTarget)
      throws WorkspaceException {
    List<Diagnostic> diagnostics = new ArrayList<>(loaded.problems());
    if (loaded.pipeline() != null) {
      Pipeline pipeline = sparkTarget == null ? loaded.pipeline() : onTarget(loaded.pipeline(), sparkTarget, workspace);
      diagnostics.addAll(PipelineValidator.validate(pipeline, context(file, workspace)));
    }
    return new Checked(loaded, diagnostics);
  }

  /**
   * The pipeline with every Spark step on {@code sparkTarget}; script steps keep their compute,
   * except on this machine, where those on remote computes run as local processes ({@link RunTargets}).
   */
  static Pipeline onTarget(Pipeline pipeline, String sparkTarget, LocalWorkspace workspace) throws WorkspaceException {
    Map<String, String> kinds = new LinkedHashMap<>();
    workspace.computes().forEach(c -> kinds.put(c.name(), c.kind()));
    return RunTargets.onTarget(pipeline, sparkTarget, kinds::get);
  }

  static ValidationContext context(Path file, LocalWorkspace workspace) throws WorkspaceException {
    return ValidationContexts.of(file.toAbsolutePath().getParent(), workspace);
  }

  /** Prints {@code FILE:LINE:COL: SEVERITY CODE message}, one line per diagnostic. */
  static void print(Checked checked, Path file, PrintWriter out) {
    print(checked, file, out, Severity.INFO);
  }

  /** Prints the diagnostics at least as severe as {@code least}. */
  static void print(Checked checked, Path file, PrintWriter out, Severity least) {
    for (Diagnostic d : checked.diagnostics()) {
      if (d.severity().compareTo(least) > 0) {
        continue;
      }
      SourceLocation at = checked.loaded().location(d);
      out.println(file + ":" + at.line() + ":" + at.column() + ": " + d.severity().label() + " " + d.code() + " "
          + d.message());
    }
  }
}
