package io.pipewright.app.history;

import io.pipewright.app.context.AppContext;
import io.pipewright.workspace.ExperimentSummary;
import io.pipewright.workspace.RunPage;
import io.pipewright.workspace.RunQuery;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run history of the Runs view: the experiments with their run counts, and the runs of the
 * chosen one, filtered by status and searched, newest first. The list has one row per matching run
 * from the start ("1,234 runs"), but a run is read only when its row is shown: pages of {@link
 * #PAGE_SIZE} are read in the background as the table scrolls, so 10,000 runs list as fast as ten.
 */
public final class RunHistoryViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(RunHistoryViewModel.class);
  /** How many runs one read brings. */
  public static final int PAGE_SIZE = 100;
  static final Duration SEARCH_DELAY = Duration.ofMillis(250);

  private final AppContext context;
  private final ObservableList<ExperimentChoice> experiments = FXCollections.observableArrayList();
  private final ObjectProperty<ExperimentChoice> experiment = new SimpleObjectProperty<>(this, "experiment");
  private final StringProperty search = new SimpleStringProperty(this, "search", "");
  private final ObjectProperty<StatusFilter> status = new SimpleObjectProperty<>(this, "status", StatusFilter.ALL);
  private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
  private final IntegerProperty total = new SimpleIntegerProperty(this, "total", 0);
  private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading", false);
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
  private final StringBinding count;
  private final Set<Integer> pagesAsked = new HashSet<>();
  private final List<Consumer<List<RunRow>>> onFirstPage = new ArrayList<>();
  private long generation;
  private boolean choosingExperiment;

  public RunHistoryViewModel(AppContext context) {
    this.context = context;
    this.count = Bindings.createStringBinding(() -> runs(total.get()), total);
    experiment.addListener((o, a, b) -> {
      if (!choosingExperiment) {
        reload();
      }
    });
    status.addListener((o, a, b) -> reload());
    search.addListener((o, a, b) -> context.executor().debounce(this, SEARCH_DELAY, this::reload));
  }

  /** "1 run", "1,234 runs". */
  static String runs(int n) {
    return n == 1 ? "1 run" : String.format(Locale.ROOT, "%,d runs", n);
  }

  /** The experiments that have runs, "All experiments" first, with their run counts. */
  public ObservableList<ExperimentChoice> experiments() {
    return experiments;
  }

  /** The experiment listed; "All experiments" (or null before the first read) lists every run. */
  public ObjectProperty<ExperimentChoice> experimentProperty() {
    return experiment;
  }

  /** Text a run's id, experiment, pipeline, target, message or parameters must contain. */
  public StringProperty searchProperty() {
    return search;
  }

  public ObjectProperty<StatusFilter> statusProperty() {
    return status;
  }

  /** One row per matching run, newest first; a row's run is null until its page has been read. */
  public ObservableList<RunRow> rows() {
    return rows;
  }

  public ReadOnlyIntegerProperty totalProperty() {
    return total;
  }

  /** "1,234 runs": how many runs match. */
  public StringBinding countBinding() {
    return count;
  }

  /** True while the first page of a new list is being read. */
  public ReadOnlyBooleanProperty loadingProperty() {
    return loading;
  }

  /** Why the history could not be read; empty when it could. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  /** Runs {@code action} with the rows once the next first page is in (to select a run again after a refresh). */
  public void whenListed(Consumer<List<RunRow>> action) {
    onFirstPage.add(action);
  }

  /** Reads the experiments and the list again (Refresh, a run started or ended). */
  public void refresh() {
    Optional<Workspace> open = context.workspace();
    if (open.isEmpty()) {
      return;
    }
    Workspace workspace = open.get();
    context.executor().submit(workspace::experiments, this::showExperiments,
        e -> LOG.warn("Cannot read the experiments", e));
    reload();
  }

  private void showExperiments(List<ExperimentSummary> found) {
    String chosen = experiment.get() == null ? null : experiment.get().name();
    List<ExperimentChoice> choices = new ArrayList<>();
    choices.add(ExperimentChoice.all(found.stream().mapToInt(ExperimentSummary::runs).sum()));
    found.forEach(x -> choices.add(new ExperimentChoice(x.name(), x.runs())));
    choosingExperiment = true;
    try {
      experiments.setAll(choices);
      experiment.set(choices.stream().filter(c -> java.util.Objects.equals(c.name(), chosen)).findFirst()
          .orElse(choices.get(0)));
    } finally {
      choosingExperiment = false;
    }
  }

  /** The query of the list as chosen now, for rows from {@code offset}. */
  RunQuery query(int offset, int limit) {
    ExperimentChoice x = experiment.get();
    return new RunQuery(x == null ? null : x.name(), search.get(), status.get().statuses(), offset, limit);
  }

  /** Reads the list anew from its first page. */
  void reload() {
    Optional<Workspace> open = context.workspace();
    if (open.isEmpty()) {
      return;
    }
    Workspace workspace = open.get();
    long mine = ++generation;
    pagesAsked.clear();
    pagesAsked.add(0);
    loading.set(true);
    RunQuery first = query(0, PAGE_SIZE);
    context.executor().submit(() -> workspace.runs(first), page -> {
      if (mine != generation) {
        return;
      }
      loading.set(false);
      problem.set("");
      List<RunRow> fresh = new ArrayList<>(page.total());
      for (int i = 0; i < page.total(); i++) {
        fresh.add(new RunRow(i));
      }
      fill(fresh, 0, page);
      total.set(page.total());
      rows.setAll(fresh);
      List<Consumer<List<RunRow>>> waiting = List.copyOf(onFirstPage);
      onFirstPage.clear();
      waiting.forEach(w -> w.accept(rows));
    }, e -> {
      if (mine != generation) {
        return;
      }
      loading.set(false);
      LOG.warn("Cannot read the run history", e);
      problem.set("Cannot read the run history: " + e.getMessage());
    });
  }

  private static void fill(List<RunRow> target, int offset, RunPage page) {
    List<RunSummary> runs = page.runs();
    for (int i = 0; i < runs.size() && offset + i < target.size(); i++) {
      target.get(offset + i).set(runs.get(i));
    }
  }

  /** Reads the page of row {@code index} unless it is read or being read (the table shows the row). */
  public void show(int index) {
    int page = index / PAGE_SIZE;
    if (index < 0 || index >= rows.size() || !pagesAsked.add(page)) {
      return;
    }
    Optional<Workspace> open = context.workspace();
    if (open.isEmpty()) {
      return;
    }
    Workspace workspace = open.get();
    long mine = generation;
    RunQuery query = query(page * PAGE_SIZE, PAGE_SIZE);
    context.executor().submit(() -> workspace.runs(query), read -> {
      if (mine == generation) {
        fill(rows, page * PAGE_SIZE, read);
      }
    }, e -> {
      pagesAsked.remove(page);
      LOG.warn("Cannot read runs {} to {}", query.offset(), query.offset() + PAGE_SIZE, e);
    });
  }

  /** The row of a run among those read, if it is. */
  public Optional<RunRow> rowOf(String runId) {
    return rows.stream().filter(r -> r.run() != null && r.run().runId().equals(runId)).findFirst();
  }
}
