package io.pipewright.app.warm;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.samples.SampleData;
import io.pipewright.app.samples.Samples;
import io.pipewright.app.testing.ForwardingWorkspace;
import io.pipewright.app.testing.UiThreadTaskExecutor;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepSelection;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.WarmSpark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status bar's warm Spark item on the real embedded workspace: the Titanic sample's SQL step
 * runs in a real warm Spark driver, and Stop warm Spark stops it.
 */
class WarmSparkViewModelTest {
  @TempDir Path home;
  private LocalWorkspace workspace;
  /** The model hears the drivers on their threads: its UI thread is one thread, as in the designer. */
  private final UiThreadTaskExecutor executor = new UiThreadTaskExecutor();
  private AppContext context;
  private Path file;

  @BeforeEach
  void open() throws Exception {
    workspace = LocalWorkspace.open(home);
    SampleData.seed(workspace);
    file = Samples.titanic(home);
    // no dialog service: the item asks nothing and shows its outcome in the status line
    context = new AppContext(executor, null, new PipelineDocument(PipelineFormat.read(file).pipeline(), file));
  }

  @AfterEach
  void close() {
    workspace.close();
    executor.close();
  }

  /** Shows {@code workspace} in the context and makes the item's model, on the UI thread. */
  private WarmSparkViewModel model(java.util.function.Supplier<WarmSparkViewModel> make) {
    return executor.call(() -> {
      context.workspaceProperty().set(workspace);
      return make.get();
    });
  }

  /** A value of the model, read on the UI thread. */
  private <T> T read(ObservableValue<T> value) {
    return executor.call(value::getValue);
  }

  /** Runs the sample's SQL step, as the designer does (warm Spark), to its end. */
  private RunStatus runPrep() throws Exception {
    Pipeline pipeline = PipelineFormat.read(file).pipeline();
    RunHandle run = workspace.submit(pipeline, new SubmitOptions("warm", file, Map.of(), true, null,
        StepSelection.only("prep")).withWarmSpark(true));
    return run.await(Duration.ofMinutes(5)).orElseThrow(() -> new AssertionError("the run did not end in 5 minutes"));
  }

  /** Waits, bounded, for {@code value} to satisfy {@code wanted}, told by its own changes. */
  private <T> T await(ObservableValue<T> value, Predicate<T> wanted, String what) throws InterruptedException {
    CountDownLatch reached = new CountDownLatch(1);
    ChangeListener<T> listener = (o, a, b) -> {
      if (wanted.test(b)) {
        reached.countDown();
      }
    };
    boolean already = executor.call(() -> {
      value.addListener(listener);
      return wanted.test(value.getValue());
    });
    try {
      if (!already && !reached.await(2, TimeUnit.MINUTES)) {
        throw new AssertionError("timed out waiting for " + what + "; it is '" + read(value) + "'");
      }
      return read(value);
    } finally {
      executor.run(() -> value.removeListener(listener));
    }
  }

  @Test
  void theItemAppearsWithTheWarmDriverAfterARunAndStopWarmSparkMakesItGo() throws Exception {
    WarmSparkViewModel model = model(() -> new WarmSparkViewModel(context));
    assertThat(read(model.shownProperty())).as("no warm driver before the first run").isFalse();

    assertThat(runPrep()).isEqualTo(RunStatus.COMPLETED);

    String text = await(model.textProperty(), t -> t.matches("Spark warm · .*idle .*"), "the idle warm driver");
    assertThat(read(model.shownProperty())).isTrue();
    assertThat(read(model.startingProperty())).isFalse();
    assertThat(text).matches("Spark warm · \\d+ MB of \\d+(\\.\\d)? (MB|GB) · idle <1 min|Spark warm · idle <1 min");
    WarmSpark.Driver driver = read(model.driversProperty()).get(0);
    assertThat(read(model.detailProperty())).contains("Warm Spark driver: " + driver.key())
        .contains("pid " + driver.pid() + " · started ").contains(": stops at ");
    assertThat(ProcessHandle.of(driver.pid()).map(ProcessHandle::isAlive)).contains(true);

    executor.run(model::stopAll);

    await(model.shownProperty(), shown -> !shown, "the item to go");
    assertThat(read(model.textProperty())).isEmpty();
    assertThat(read(context.statusProperty())).isEqualTo("Stopped warm Spark: the next run starts it again");
    ProcessHandle.of(driver.pid()).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    assertThat(workspace.warmSpark().orElseThrow().drivers()).isEmpty();
  }

  /** A clock the test moves. */
  private static final class MovingClock extends java.time.Clock {
    private volatile java.time.Instant now = java.time.Instant.now();

    void set(java.time.Instant to) {
      now = to;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }

  @Test
  void theIdleTimeAdvancesEachMinuteWhileTheDriverWaits() throws Exception {
    MovingClock clock = new MovingClock();
    WarmSparkViewModel model = model(() -> new WarmSparkViewModel(context, clock));
    assertThat(runPrep()).isEqualTo(RunStatus.COMPLETED);
    await(model.textProperty(), t -> t.endsWith("idle <1 min"), "the idle warm driver");

    clock.set(read(model.driversProperty()).get(0).idleSince().plus(Duration.ofMinutes(3)).plusSeconds(1));
    executor.tick();

    assertThat(read(model.textProperty())).endsWith(" · idle 3 min");
    assertThat(read(model.detailProperty())).contains("idle 3 min: stops at ");
  }

  @Test
  void aDriverAlreadyUpWhenTheWorkspaceIsSetShowsAtOnce() throws Exception {
    assertThat(runPrep()).isEqualTo(RunStatus.COMPLETED);

    WarmSparkViewModel model = model(() -> new WarmSparkViewModel(context));

    assertThat(read(model.shownProperty())).as("shown at once; the workspace's warm drivers: %s; what the step's"
        + " log says of where it ran: %s", workspace.warmSpark().orElseThrow().drivers(), whereStepsRan()).isTrue();
    assertThat(read(model.textProperty())).startsWith("Spark warm");
  }

  /** The lines of the steps' own logs that say where they ran (warm or in a JVM of their own, and why). */
  private String whereStepsRan() throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(home)) {
      return files.filter(f -> f.getFileName().toString().equals("log") && f.getParent().endsWith("pipewright"))
          .flatMap(f -> {
            try {
              return java.nio.file.Files.readAllLines(f).stream();
            } catch (java.io.IOException e) {
              return java.util.stream.Stream.of(f + ": " + e);
            }
          })
          .filter(l -> l.contains("warm") || l.contains("JVM of its own")).toList().toString();
    }
  }

  @Test
  void theItemStaysHiddenOnAWorkspaceWithoutWarmSpark() {
    WarmSparkViewModel model = executor.call(() -> {
      context.workspaceProperty().set(new ForwardingWorkspace(workspace) {
        @Override
        public Optional<WarmSpark> warmSpark() {
          return Optional.empty(); // a remote workspace
        }
      });
      return new WarmSparkViewModel(context);
    });

    assertThat(read(model.shownProperty())).isFalse();
    executor.run(model::stopAll);
    assertThat(read(context.statusProperty())).isEmpty();
  }
}
