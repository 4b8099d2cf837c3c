package io.pipewright.workspace;

import io.pipewright.model.Capacity;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.Pipeline;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where pipelines run and their history lives. */
public interface Workspace extends AutoCloseable {

  /** A short description for users ({@code /home/ada/.pipewright}). */
  String description();

  /** Rows a dataset preview shows unless asked for another number. */
  int DEFAULT_PREVIEW_ROWS = 100;

  List<ComputeTarget> computes() throws WorkspaceException;

  /** The kinds of compute target this workspace can attach, with the settings each takes. */
  default List<ComputeKind> computeKinds() {
    return ComputeKind.all();
  }

  /**
   * Registers a compute target by name. Nothing is saved when anything is wrong: an {@link
   * InvalidFieldsException} lists every problem by field (a taken or malformed name under {@link
   * FieldProblem#NAME}, unknown or invalid settings under their keys, a Synapse pool's unknown
   * linked service). Blank values count as not given and are not saved.
   */
  ComputeTarget attachCompute(String name, String kind, Map<String, String> settings) throws WorkspaceException;

  /**
   * Changes settings of a target; an empty value removes a setting (an empty {@code jvmOptions}
   * means none). Checked as for {@link #attachCompute}, against the settings that result.
   */
  ComputeTarget updateCompute(String name, Map<String, String> changes) throws WorkspaceException;

  /**
   * Removes a compute target. Refuses, with the reason, the built-in {@code local-spark} and {@code
   * local-process}. Pipelines that name it fail validation until they name another; ask {@link
   * ComputeTarget#stepsUsing} which steps that is before confirming.
   */
  void detachCompute(String name) throws WorkspaceException;

  /**
   * Tests whether a target (attached or only typed into a dialog) can be reached. Never throws:
   * invalid settings, unreachable hosts and kinds that cannot be connected yet are outcomes with a
   * message. Takes a few seconds at most.
   */
  ConnectionTest testConnection(ComputeTarget target);

  /**
   * Names of the compute targets whose last connection test passed (the built-in ones always
   * count). Validation warns about a step on any other remote target.
   */
  default java.util.Set<String> testedComputes() throws WorkspaceException {
    return computes().stream().map(ComputeTarget::name).collect(java.util.stream.Collectors.toSet());
  }

  /** The session's Azure sign-in, for Synapse and Azure ML targets; {@link AzureSession#NONE} until set. */
  default void setAzureSession(AzureSession session) {}

  /** Who to ask for a password when a target needs one (see {@link PasswordPrompt}). */
  default void setPasswordPrompt(PasswordPrompt prompt) {}

  /** What a Spark step can use on a target, for its footprint; empty when not known without connecting. */
  Optional<Capacity> capacityOf(ComputeTarget target);

  /** Linked services (links to Synapse workspaces), by name. */
  List<LinkedService> linkedServices() throws WorkspaceException;

  /** Adds a linked service; {@link InvalidFieldsException} when a value is wrong or the name is taken. */
  LinkedService addLinkedService(LinkedService service) throws WorkspaceException;

  /** Removes a linked service; refused, with the targets named, while a Synapse pool target uses it. */
  void removeLinkedService(String name) throws WorkspaceException;

  /** The datastores, the default first. */
  List<Datastore> datastores() throws WorkspaceException;

  /**
   * The folders and files directly in a folder of a datastore, folders first, then by name.
   *
   * @param folder relative to the root with {@code /} between names; empty for the root. Absolute
   *     paths and {@code ..} are refused with a reason.
   */
  List<DatastoreEntry> browse(String datastore, String folder) throws WorkspaceException;

  /**
   * Registers a file or folder of a datastore as a dataset: version 1 of a new name, else the next
   * version. A tabular dataset is delimited text with a header row (a folder: its part files);
   * its header is read to check it. {@code delimiter} is ignored for file datasets.
   */
  DatasetVersion registerDataset(String name, DatasetKind kind, String datastore, String path, char delimiter)
      throws WorkspaceException;

  List<DatasetVersion> datasets() throws WorkspaceException;

  /**
   * The header and first {@code maxRows} rows of a registered tabular dataset (the latest version
   * when {@code version} is null), read as a stream. Malformed input fails with its line number.
   */
  DatasetPreview previewDataset(String name, Integer version, int maxRows) throws WorkspaceException;

  /** As {@link #previewDataset}, for a file or folder of a datastore before it is registered. */
  DatasetPreview previewDatastorePath(String datastore, String path, char delimiter, int maxRows)
      throws WorkspaceException;

  /** Starts a run and returns at once. Throws when the pipeline cannot run at all. */
  RunHandle submit(Pipeline pipeline, SubmitOptions options) throws WorkspaceException;

  /** Newest first. */
  List<RunSummary> runs(int limit) throws WorkspaceException;

  Optional<RunSummary> run(String runId) throws WorkspaceException;

  /**
   * A page of the history, newest first, filtered by experiment, text and status. The embedded
   * workspace pages in the database, so that 10,000 runs list as fast as ten.
   */
  default RunPage runs(RunQuery query) throws WorkspaceException {
    List<RunSummary> matching = runs(Integer.MAX_VALUE).stream().filter(query::matches).toList();
    int from = Math.min(query.offset(), matching.size());
    int to = (int) Math.min((long) from + query.limit(), matching.size());
    return new RunPage(matching.subList(from, to), matching.size());
  }

  /** The experiments that have runs, the one with the latest run first. */
  default List<ExperimentSummary> experiments() throws WorkspaceException {
    Map<String, ExperimentSummary> byName = new java.util.LinkedHashMap<>();
    for (RunSummary run : runs(Integer.MAX_VALUE)) {
      byName.merge(run.experiment(), new ExperimentSummary(run.experiment(), 1, run.createdAt()),
          (a, b) -> new ExperimentSummary(a.name(), a.runs() + 1, a.lastRunAt()));
    }
    return List.copyOf(byName.values());
  }

  /** The pipeline as the run submitted it (the pipeline file's JSON), to open it read-only. */
  default Optional<String> recordedPipeline(String runId) throws WorkspaceException {
    return Optional.empty();
  }

  /** Everything the history knows about one step of a run; {@link WorkspaceException} when there is no such step. */
  default StepDetails stepDetails(String runId, String stepId) throws WorkspaceException {
    ChildRun child = childRuns(runId).stream().filter(c -> c.stepId().equals(stepId)).findFirst()
        .orElseThrow(() -> new WorkspaceException("run " + runId + " has no step '" + stepId + "'"));
    return new StepDetails(child, List.of(), null, Map.of(), List.of(), List.of(), null, Optional.empty());
  }

  /**
   * The header and first {@code maxRows} rows of what a step of a run wrote to an output port
   * (delimited text or Parquet). Fails with a reason when the step wrote nothing there.
   */
  default DatasetPreview previewOutput(String runId, String stepId, String port, int maxRows)
      throws WorkspaceException {
    throw new WorkspaceException("this workspace cannot preview step outputs");
  }

  List<ChildRun> childRuns(String runId) throws WorkspaceException;

  /** The log streams a child run has (for example driver/stdout, driver/stderr). */
  List<String> logStreams(String runId, String stepId) throws WorkspaceException;

  LogStream log(String runId, String stepId, String stream) throws WorkspaceException;

  /**
   * The warm Spark drivers of this workspace (the embedded one), for the status bar; empty for a
   * workspace that has none (a remote one).
   */
  default Optional<WarmSpark> warmSpark() {
    return Optional.empty();
  }

  /** Closes the workspace; stops its warm Spark drivers. */
  @Override
  void close();
}
