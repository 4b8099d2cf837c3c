package io.pipewright.workspace;

import io.pipewright.model.Pipeline;
import java.util.List;
import java.util.Optional;

/** Where pipelines run and their history lives. */
public interface Workspace extends AutoCloseable {

  /** A short description for users ({@code /home/ada/.pipewright}). */
  String description();

  List<ComputeTarget> computes() throws WorkspaceException;

  List<DatasetVersion> datasets() throws WorkspaceException;

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
