package io.pipewright.app.problems;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.document.ValidationContexts;
import io.pipewright.model.Diagnostic;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineValidator;
import io.pipewright.model.Severity;
import io.pipewright.model.ValidationContext;
import io.pipewright.workspace.ComputeTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Problems tab: the open pipeline validated as the user edits, debounced and off the FX thread.
 * Run is possible only while there are no errors, and {@link #runBlockedReasonBinding()} says why not.
 */
public final class ProblemsViewModel {
  static final Duration DEBOUNCE = Duration.ofMillis(250);

  private final AppContext context;
  private final ObservableList<Diagnostic> problems = FXCollections.observableArrayList();
  private final ObjectProperty<List<ComputeTarget>> computes = new SimpleObjectProperty<>(List.of());
  /** The workspace's datastores and their roots; null until read (their checks are skipped then). */
  private Map<String, Path> datastores;
  /** The targets that passed a connection test; null until read (no target is warned about then). */
  private Set<String> tested;
  private final ChangeListener<Pipeline> edited = (o, a, b) -> schedule();
  private final ChangeListener<Path> moved = (o, a, b) -> schedule();
  private final BooleanBinding hasErrors = Bindings.createBooleanBinding(
      () -> problems.stream().anyMatch(Diagnostic::isError), problems);
  private final StringBinding runBlockedReason = Bindings.createStringBinding(() -> {
    List<Diagnostic> errors = problems.stream().filter(Diagnostic::isError).toList();
    if (errors.isEmpty()) {
      return "";
    }
    String first = errors.get(0).message();
    return errors.size() == 1 ? "1 error: " + first : errors.size() + " errors, first: " + first;
  }, problems);
  private final StringBinding summary = Bindings.createStringBinding(() -> {
    long errors = problems.stream().filter(d -> d.severity() == Severity.ERROR).count();
    long notes = problems.stream().filter(d -> d.severity() == Severity.INFO).count();
    long warnings = problems.size() - errors - notes;
    if (problems.isEmpty()) {
      return "No problems";
    }
    // Notes (what local mode does not honour, say) are no warnings: counted apart, and only when there are some.
    return errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings")
        + (notes == 0 ? "" : notes == 1 ? ", 1 note" : ", " + notes + " notes");
  }, problems);
  private long generation;

  public ProblemsViewModel(AppContext context) {
    this.context = context;
    context.documentProperty().addListener((o, a, b) -> {
      if (a != null) {
        a.pipelineProperty().removeListener(edited);
        a.fileProperty().removeListener(moved);
      }
      watch(b);
    });
    watch(context.document());
    context.workspaceProperty().addListener((o, a, b) -> refreshComputes());
  }

  private void watch(PipelineDocument document) {
    document.pipelineProperty().addListener(edited);
    document.fileProperty().addListener(moved);
    schedule();
  }

  /**
   * Reads the workspace's compute targets, which of them passed a connection test, and its
   * datastores again (after attaching, detaching or testing a target).
   */
  public void refreshComputes() {
    context.workspace().ifPresent(ws -> context.executor().submit(
        () -> new Known(ws.computes(), Set.copyOf(ws.testedComputes()), ValidationContexts.datastoreRoots(ws.datastores())),
        known -> {
          datastores = known.datastores();
          tested = known.tested();
          computes.set(known.computes());
          schedule();
        }, e -> context.statusProperty().set("Could not list compute targets: " + e.getMessage())));
  }

  private record Known(List<ComputeTarget> computes, Set<String> tested, Map<String, Path> datastores) {}

  private void schedule() {
    context.executor().debounce(this, DEBOUNCE, this::validateNow);
  }

  /** Validates the current pipeline in the background; results older than the newest are dropped. */
  public void validateNow() {
    validateNow(result -> { });
  }

  /** The same, then gives {@code done} the problems found (on the FX thread) unless a newer validation came. */
  public void validateNow(Consumer<List<Diagnostic>> done) {
    PipelineDocument document = context.document();
    Pipeline pipeline = document.pipeline();
    Path base = document.file().map(f -> f.toAbsolutePath().getParent()).orElse(null);
    List<ComputeTarget> targets = computes.get();
    Map<String, Path> roots = datastores;
    Set<String> testedTargets = tested;
    boolean workspaceKnown = context.workspace().isPresent();
    long mine = ++generation;
    context.executor().submit(() -> {
      ValidationContext vc = workspaceKnown ? ValidationContexts.of(base, targets, testedTargets, roots)
          : new ValidationContext(base, null);
      return PipelineValidator.validate(pipeline, vc);
    }, result -> {
      if (mine == generation) {
        problems.setAll(result);
        done.accept(result);
      }
    }, e -> context.statusProperty().set("Validation failed: " + e.getMessage()));
  }

  public ObservableList<Diagnostic> problems() {
    return problems;
  }

  public BooleanBinding hasErrorsBinding() {
    return hasErrors;
  }

  /** Empty when the pipeline can run, else "2 errors, first: Prepare data: driver memory …". */
  public StringBinding runBlockedReasonBinding() {
    return runBlockedReason;
  }

  public StringBinding summaryBinding() {
    return summary;
  }
}
