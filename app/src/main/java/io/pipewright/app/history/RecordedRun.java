package io.pipewright.app.history;

import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.Workspace;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A run as the history keeps it: its summary, the pipeline as it was submitted and its steps. Read
 * in the background, to open the run read-only or to compare it.
 *
 * @param copied false when the workspace kept no copy of the pipeline and the file as it is now was
 *     read instead (said on the banner)
 */
public record RecordedRun(RunSummary run, Pipeline pipeline, List<ChildRun> steps, boolean copied) {

  public RecordedRun {
    steps = List.copyOf(steps);
  }

  /** Reads a run's recorded pipeline and steps; off the FX thread. */
  public static RecordedRun read(Workspace workspace, RunSummary run) throws WorkspaceException {
    List<ChildRun> steps = workspace.childRuns(run.runId());
    Optional<String> json = workspace.recordedPipeline(run.runId());
    boolean copied = json.isPresent();
    String text = json.orElse(null);
    String source = "run " + run.runId();
    if (text == null && run.pipelineFile() != null && Files.isRegularFile(Path.of(run.pipelineFile()))) {
      try {
        text = Files.readString(Path.of(run.pipelineFile()));
        source = run.pipelineFile();
      } catch (IOException e) {
        throw new WorkspaceException("Cannot read " + run.pipelineFile() + ": " + e.getMessage(), e);
      }
    }
    if (text == null) {
      throw new WorkspaceException("The workspace kept no copy of the pipeline of run " + run.runId()
          + ", and " + run.pipelineFile() + " is gone.");
    }
    LoadedPipeline loaded = PipelineFormat.parse(text, source);
    if (loaded.pipeline() == null) {
      throw new WorkspaceException("The pipeline of run " + run.runId() + " cannot be read: "
          + loaded.problems().stream().map(d -> d.message()).findFirst().orElse("unknown format"));
    }
    return new RecordedRun(run, loaded.pipeline(), steps, copied);
  }

  public Optional<ChildRun> step(String stepId) {
    return steps.stream().filter(c -> c.stepId().equals(stepId)).findFirst();
  }
}
