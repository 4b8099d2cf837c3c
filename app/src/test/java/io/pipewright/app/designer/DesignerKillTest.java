package io.pipewright.app.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.files.Journal;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.testing.FileWatch;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The designer killed ({@code kill -9}) at random points while it edits a pipeline and runs it, 20
 * times, each time started again on the same workspace (a real process: {@link KillableDesigner}).
 * After each start no run of an earlier session is left unfinished, and the step processes the
 * killed designer had started are gone; after each kill the history database passes SQLite's
 * integrity check and the autosave journal holds every edit made 5 s or more before the kill.
 *
 * <p>20 cycles of a designer start (2-4 s) and 0.25-4 s of work, every fourth 6-8 s: about 2
 * minutes, 3-6 while other builds load the machine (a start of the whole designer per kill is the
 * point). The kill points are spread by a seeded random (system property
 * {@code pipewright.kill.seed}) over the start, the edits and the runs.
 */
class DesignerKillTest {
  private static final int CYCLES = Integer.getInteger("pipewright.kill.cycles", 20);
  private static final long SEED = Long.getLong("pipewright.kill.seed", 14);
  /** The most edit time a kill may lose (the journal is written every few seconds). */
  private static final Duration EDITS_LOST_AT_MOST = Duration.ofSeconds(5);
  private static final List<String> FINAL = List.of("Completed", "Failed", "Canceled", "Reused");

  @TempDir Path temp;
  private final List<ProcessHandle> started = new ArrayList<>();

  @AfterEach
  void killWhatIsLeft() {
    for (ProcessHandle p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Test
  void aDesignerKilledAtRandomPointsLeavesNoRunningRunNoCorruptHistoryAndItsRecentEditsInTheJournal() throws Exception {
    Path home = temp.resolve("home");
    Path pipelineDir = Files.createDirectories(home.resolve("samples/titanic"));
    // Each step takes about a second, so that kills land before, in and between steps.
    Files.writeString(pipelineDir.resolve("step.py"), """
        import os, sys, time
        os.makedirs(sys.argv[1], exist_ok=True)
        time.sleep(0.8)
        open(os.path.join(sys.argv[1], 'done'), 'w').write('ok')
        """);
    Files.writeString(pipelineDir.resolve("titanic.pipeline.json"), """
        {"schemaVersion": 1, "id": "killed", "name": "Killed at random", "defaultCompute": "local-process",
         "steps": [
           {"id": "first", "type": "script", "compute": "local-process", "command": "python3 step.py",
            "arguments": ["{outputs.out}"], "outputs": [{"name": "out"}]},
           {"id": "second", "type": "script", "compute": "local-process", "command": "python3 step.py",
            "arguments": ["{outputs.out}"], "inputs": [{"name": "in"}], "outputs": [{"name": "out"}]}
         ],
         "edges": [{"id": "e1", "from": {"node": "first", "port": "out"}, "to": {"node": "second", "port": "in"}}]}
        """);
    Random random = new Random(SEED);
    List<Long> leftBehind = List.of();
    int journalChecks = 0;
    for (int cycle = 1; cycle <= CYCLES; cycle++) {
      String where = "cycle " + cycle + " (seed " + SEED + ")";
      Map<String, String> before = runs(home);
      Path edits = temp.resolve("edits-" + cycle + ".txt");
      long startedAt = System.currentTimeMillis();
      Process designer = start(home, edits, temp.resolve("designer-" + cycle + ".log"));

      // Started: it has opened the workspace (which finishes the runs of a designer that died) and edits.
      FileWatch.until(temp, Duration.ofSeconds(120), "the designer to start (" + where + ")",
          () -> !designer.isAlive() || lines(edits).size() >= 1);
      assertThat(designer.isAlive()).as("%s: the designer is running: %s", where, log(cycle)).isTrue();
      Map<String, String> after = runs(home);
      for (String runId : before.keySet()) {
        assertThat(after.get(runId)).as("%s: run %s of an earlier session after the designer started", where, runId)
            .isIn(FINAL);
      }
      for (long pid : leftBehind) {
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            .as("%s: process %d started by the killed designer is still running", where, pid).isFalse();
      }

      // Killed after a random number of edits (one every 250 ms or so): anywhere in its start and runs;
      // every fourth cycle edits for more than 5 s, so that the journal must hold an edit.
      int editsBeforeKill = cycle % 4 == 0 ? 24 + random.nextInt(8) : 1 + random.nextInt(16);
      FileWatch.until(temp, Duration.ofSeconds(120), editsBeforeKill + " edits (" + where + ")",
          () -> !designer.isAlive() || lines(edits).size() >= editsBeforeKill);
      assertThat(designer.isAlive()).as("%s: the designer is running: %s", where, log(cycle)).isTrue();
      List<ProcessHandle> children = designer.descendants().toList();
      designer.destroyForcibly();
      long killedAt = System.currentTimeMillis();
      assertThat(designer.waitFor(30, TimeUnit.SECONDS)).as("%s: killed", where).isTrue();
      leftBehind = children.stream().map(ProcessHandle::pid).toList();
      System.out.printf("DesignerKillTest %s: killed after %d edits, %d processes of its own, %.1f s since started%n",
          where, lines(edits).size(), children.size(), (killedAt - startedAt) / 1000.0);

      assertThat(integrityCheck(home)).as("%s: the history's integrity check", where).isEqualTo("ok");
      int mustBeKept = lines(edits).stream().map(l -> l.split(" "))
          .filter(l -> Long.parseLong(l[2]) <= killedAt - EDITS_LOST_AT_MOST.toMillis())
          .mapToInt(l -> Integer.parseInt(l[1])).max().orElse(0);
      List<Journal.Entry> journals = Journal.leftovers(home);
      if (mustBeKept > 0) {
        journalChecks++;
        assertThat(journals).as("%s: a journal after edit %d", where, mustBeKept).hasSize(1);
        String description = journals.get(0).read().pipeline().description();
        assertThat(Integer.parseInt(description.substring("edit ".length())))
            .as("%s: the journal's edit (edits: %s)", where, lines(edits)).isGreaterThanOrEqualTo(mustBeKept);
      }
      // The next start would offer to recover it; the user discards it.
      for (Journal.Entry journal : journals) {
        journal.discard();
      }
    }

    int interrupted = 0;
    try (LocalWorkspace reopened = LocalWorkspace.open(home)) {
      List<RunSummary> all = reopened.runs(1000);
      for (RunSummary run : all) {
        assertThat(run.status().isFinal()).as("run %s: %s", run.runId(), run.status()).isTrue();
        if (run.status() != RunStatus.COMPLETED) {
          assertThat(run.message()).as("why run %s is %s", run.runId(), run.status()).isNotBlank();
        }
        if (run.message() != null && run.message().contains("stopped while the run was in progress")) {
          interrupted++;
        }
        for (ChildRun child : reopened.childRuns(run.runId())) {
          assertThat(child.status().isFinal() || child.status() == RunStatus.NOT_STARTED && child.message() != null)
              .as("run %s step %s: %s %s", run.runId(), child.stepId(), child.status(), child.message()).isTrue();
        }
      }
    }
    for (long pid : leftBehind) {
      ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("process %d started by the last killed designer is still running", pid).isFalse();
    }
    assertThat(integrityCheck(home)).isEqualTo("ok");
    // The kills did land in runs and after enough editing to test the journal.
    assertThat(interrupted).as("runs the kills interrupted").isGreaterThanOrEqualTo(CYCLES / 4);
    assertThat(journalChecks).as("cycles long enough to check the journal").isGreaterThanOrEqualTo(CYCLES / 4);
  }

  private Process start(Path home, Path edits, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
        "-Djava.awt.headless=true", "-Dheadless.geometry=1600x1000-32",
        KillableDesigner.class.getName(), home.toString(), edits.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("PIPEWRIGHT_HOME", home.toString());
    Process process = builder.start();
    started.add(process.toHandle());
    return process;
  }

  private static List<String> lines(Path file) throws IOException {
    // Only whole lines: the designer may be writing the last one.
    if (!Files.exists(file)) {
      return List.of();
    }
    String text = Files.readString(file);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : text.substring(0, end).lines().toList();
  }

  private String log(int cycle) throws IOException {
    Path log = temp.resolve("designer-" + cycle + ".log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Each run's status, read from the history as another process would (without recovering anything). */
  private static Map<String, String> runs(Path home) throws Exception {
    Map<String, String> runs = new LinkedHashMap<>();
    if (!Files.exists(home.resolve("history.db"))) {
      return runs;
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("history.db"));
         Statement s = db.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      try (ResultSet r = s.executeQuery("SELECT id, status FROM runs")) {
        while (r.next()) {
          runs.put(r.getString(1), r.getString(2));
        }
      }
    }
    return runs;
  }

  private static String integrityCheck(Path home) throws Exception {
    if (!Files.exists(home.resolve("history.db"))) {
      return "ok";
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("history.db"));
         Statement s = db.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
        StringBuilder result = new StringBuilder();
        while (r.next()) {
          result.append(result.length() == 0 ? "" : "\n").append(r.getString(1));
        }
        return result.toString();
      }
    }
  }
}
