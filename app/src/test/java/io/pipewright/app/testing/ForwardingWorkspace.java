package io.pipewright.app.testing;

import io.pipewright.model.Capacity;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.Pipeline;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import io.pipewright.workspace.DatasetPreview;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.Datastore;
import io.pipewright.workspace.DatastoreEntry;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.PasswordPrompt;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.Workspace;
import io.pipewright.workspace.WorkspaceException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A workspace that hands every call to another one: tests override the calls they watch or fake
 * (the options a run was submitted with, which targets count as tested), the rest stays real.
 */
public class ForwardingWorkspace implements Workspace {
  protected final Workspace delegate;

  public ForwardingWorkspace(Workspace delegate) {
    this.delegate = delegate;
  }

  @Override
  public String description() {
    return delegate.description();
  }

  @Override
  public List<ComputeTarget> computes() throws WorkspaceException {
    return delegate.computes();
  }

  @Override
  public List<ComputeKind> computeKinds() {
    return delegate.computeKinds();
  }

  @Override
  public ComputeTarget attachCompute(String name, String kind, Map<String, String> settings) throws WorkspaceException {
    return delegate.attachCompute(name, kind, settings);
  }

  @Override
  public ComputeTarget updateCompute(String name, Map<String, String> changes) throws WorkspaceException {
    return delegate.updateCompute(name, changes);
  }

  @Override
  public void detachCompute(String name) throws WorkspaceException {
    delegate.detachCompute(name);
  }

  @Override
  public ConnectionTest testConnection(ComputeTarget target) {
    return delegate.testConnection(target);
  }

  @Override
  public Set<String> testedComputes() throws WorkspaceException {
    return delegate.testedComputes();
  }

  @Override
  public void setPasswordPrompt(PasswordPrompt prompt) {
    delegate.setPasswordPrompt(prompt);
  }

  @Override
  public Optional<Capacity> capacityOf(ComputeTarget target) {
    return delegate.capacityOf(target);
  }

  @Override
  public List<LinkedService> linkedServices() throws WorkspaceException {
    return delegate.linkedServices();
  }

  @Override
  public LinkedService addLinkedService(LinkedService service) throws WorkspaceException {
    return delegate.addLinkedService(service);
  }

  @Override
  public void removeLinkedService(String name) throws WorkspaceException {
    delegate.removeLinkedService(name);
  }

  @Override
  public List<Datastore> datastores() throws WorkspaceException {
    return delegate.datastores();
  }

  @Override
  public List<DatastoreEntry> browse(String datastore, String folder) throws WorkspaceException {
    return delegate.browse(datastore, folder);
  }

  @Override
  public DatasetVersion registerDataset(String name, DatasetKind kind, String datastore, String path, char delimiter)
      throws WorkspaceException {
    return delegate.registerDataset(name, kind, datastore, path, delimiter);
  }

  @Override
  public List<DatasetVersion> datasets() throws WorkspaceException {
    return delegate.datasets();
  }

  @Override
  public DatasetPreview previewDataset(String name, Integer version, int maxRows) throws WorkspaceException {
    return delegate.previewDataset(name, version, maxRows);
  }

  @Override
  public DatasetPreview previewDatastorePath(String datastore, String path, char delimiter, int maxRows)
      throws WorkspaceException {
    return delegate.previewDatastorePath(datastore, path, delimiter, maxRows);
  }

  @Override
  public RunHandle submit(Pipeline pipeline, SubmitOptions options) throws WorkspaceException {
    return delegate.submit(pipeline, options);
  }

  @Override
  public List<RunSummary> runs(int limit) throws WorkspaceException {
    return delegate.runs(limit);
  }

  @Override
  public Optional<RunSummary> run(String runId) throws WorkspaceException {
    return delegate.run(runId);
  }

  @Override
  public io.pipewright.workspace.RunPage runs(io.pipewright.workspace.RunQuery query) throws WorkspaceException {
    return delegate.runs(query);
  }

  @Override
  public List<io.pipewright.workspace.ExperimentSummary> experiments() throws WorkspaceException {
    return delegate.experiments();
  }

  @Override
  public Optional<String> recordedPipeline(String runId) throws WorkspaceException {
    return delegate.recordedPipeline(runId);
  }

  @Override
  public io.pipewright.workspace.StepDetails stepDetails(String runId, String stepId) throws WorkspaceException {
    return delegate.stepDetails(runId, stepId);
  }

  @Override
  public List<ChildRun> childRuns(String runId) throws WorkspaceException {
    return delegate.childRuns(runId);
  }

  @Override
  public List<String> logStreams(String runId, String stepId) throws WorkspaceException {
    return delegate.logStreams(runId, stepId);
  }

  @Override
  public LogStream log(String runId, String stepId, String stream) throws WorkspaceException {
    return delegate.log(runId, stepId, stream);
  }

  @Override
  public Optional<io.pipewright.workspace.WarmSpark> warmSpark() {
    return delegate.warmSpark();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
