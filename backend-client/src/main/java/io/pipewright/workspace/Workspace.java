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

  List<ChildRun> childRuns(String runId) throws WorkspaceException;

  /** The log streams a child run has (for example driver/stdout, driver/stderr). */
  List<String> logStreams(String runId, String stepId) throws WorkspaceException;

  LogStream log(String runId, String stepId, String stream) throws WorkspaceException;

  @Override
  void close();
}
