package io.pipewright.remote;

import io.pipewright.http.Cancellation;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeLauncher;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LaunchedStep;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.StepLaunch;
import io.pipewright.workspace.WorkspaceException;
import io.pipewright.workspace.SparkProgressStep;
import io.pipewright.workspace.SparkUiMonitor;
import io.pipewright.workspace.StepProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.Map;

/**
 * A launcher of Spark steps on a remote engine: stages the step's files, describes it as a {@link
 * SparkSubmission} tagged with its run and step, and watches the backend's {@link RemoteJob} as a
 * {@link RemoteStep}. A backend says only how its engine runs a submission ({@link #job}).
 */
public abstract class RemoteLauncher implements ComputeLauncher {
  /** How often a remote job's status and log are read. */
  public static final Duration POLL_EVERY = Duration.ofSeconds(1);

  private final RemoteBackend.Context context;
  private final String engine;

  /** @param engine what the engine is called in messages ("a standalone cluster", "Livy") */
  protected RemoteLauncher(RemoteBackend.Context context, String engine) {
    this.context = context;
    this.engine = engine;
  }

  protected RemoteBackend.Context context() {
    return context;
  }

  /** The step runs on the cluster: it takes none of this machine's cores. */
  @Override
  public final int coresFor(Step step, ComputeTarget target) {
    return 0;
  }

  @Override
  public final LaunchedStep launch(StepLaunch launch) throws WorkspaceException {
    if (!(launch.step().kind() instanceof SparkStep spark)) {
      throw new WorkspaceException("step '" + launch.step().name() + "' is not a Spark step: " + engine
          + " runs Spark steps only");
    }
    check(launch, spark);
    CompletableFuture<SparkProgressStep> watched = new CompletableFuture<>();
    RemoteStep step = RemoteStep.start(cancel -> {
      Staging staging = staging(launch, cancel);
      SparkSubmission submission = staging.submission(launch, context.sqlDriverJar(),
          "pipewright-" + launch.runId() + "-" + launch.step().id(), Map.of("spark.ui.showConsoleProgress", "false"));
      RemoteJob job = job(launch, submission);
      launch.logs().note(job.where() + ": " + staging.describe());
      return new RemoteStep.Prepared(job, staging);
    }, launch.logs(), POLL_EVERY, new RemoteStep.Reports() {
      @Override
      public void state(String label) {
        // What the target reports until the driver's UI does: its state, no figures.
        watched.thenAccept(w -> w.report(new StepProgress(launch.runId(), launch.step().id(), 0, 0, 0, 0, 0, label,
            progressSource(), Instant.now())));
      }

      @Override
      public void sparkUi(String url) {
        watched.thenAccept(w -> w.start(SparkUiMonitor.find(), new SparkUiMonitor.Target(launch.runId(),
            launch.step().id(), url, sparkUiAppName(launch), "Spark UI")));
      }
    });
    watched.complete(SparkProgressStep.later(step));
    return watched.join();
  }

  /** The engine as a progress's source: "Livy", "Standalone cluster". */
  private String progressSource() {
    String name = engine.startsWith("a ") ? engine.substring(2) : engine;
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * The application name the driver's UI lists for this step (to tell it from another driver's UI
   * at the same address), or null to take any.
   */
  protected String sparkUiAppName(StepLaunch launch) {
    return null;
  }

  /**
   * Where the step's files go for the cluster: the target's staging folder ({@code stagingDir}), or
   * the workspace's own folders without one. A backend with its own store overrides this. Called
   * on the step's background thread; {@code cancel} is canceled when the step is stopped.
   */
  protected Staging staging(StepLaunch launch, Cancellation cancel) throws WorkspaceException {
    return Staging.of(launch, launch.target().setting("stagingDir"));
  }

  /** Refuses, with the reason, a Spark step this engine cannot run. */
  protected void check(StepLaunch launch, SparkStep spark) throws WorkspaceException {}

  /** The job that runs {@code submission} on this engine. */
  protected abstract RemoteJob job(StepLaunch launch, SparkSubmission submission) throws WorkspaceException;
}
