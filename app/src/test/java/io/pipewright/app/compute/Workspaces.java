package io.pipewright.app.compute;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.DialogService;
import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.app.samples.SampleData;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.model.Step;
import java.nio.file.Path;
import java.util.Map;

/** A real workspace in a temporary directory, seeded with the sample data, and a context around it. */
public final class Workspaces {
  private Workspaces() {}

  public static LocalWorkspace seeded(Path home) throws Exception {
    LocalWorkspace workspace = LocalWorkspace.open(home);
    SampleData.seed(workspace);
    return workspace;
  }

  public static AppContext context(TaskExecutor executor, DialogService dialogs, LocalWorkspace workspace) {
    AppContext context = new AppContext(executor, dialogs, PipelineDocument.empty());
    context.workspaceProperty().set(workspace);
    return context;
  }

  /** The Titanic sample, with each step moved to the compute named for its id (others unchanged). */
  public static Pipeline titanic(Map<String, String> computeByStep) throws Exception {
    Path file = Path.of(System.getProperty("pipewright.samples", "../resources/samples"), "titanic",
        "titanic.pipeline.json");
    Pipeline p = PipelineFormat.read(file).pipeline();
    return p.withSteps(p.steps().stream().map(s -> computeByStep.containsKey(s.id()) ? new Step(s.id(), s.name(),
        s.description(), s.kind(), computeByStep.get(s.id()), s.sourceDirectory(), s.inputs(), s.outputs(),
        s.arguments(), s.environment(), s.allowReuse()) : s).toList());
  }
}
