package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.PipelineFormat;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunPage;
import io.pipewright.workspace.RunQuery;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.SubmitOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many `pipewright run` processes on one workspace at once, as a CI job running pipelines in
 * parallel does, and the designer's workspace recording runs while the command line runs others:
 * real JVMs running the command line's main class, one real SQLite history.
 *
 * <p>Twenty JVMs on two cores take about half a minute a round: this is what the issue asks for
 * (twenty together broke half the runs; five broke two), and fewer processes would not meet the
 * races (the first open of a fresh history, the schema's creation, a run id drawn twice).
 */
class ConcurrentRunsTest {

  private static final int PROCESSES = 20;
  private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path temp;
  private Path workspace;
  private Path pipeline;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void oneStepScriptPipeline() throws IOException {
    workspace = temp.resolve("ws");
    pipeline = Files.writeString(temp.resolve("one.pipeline.json"), """
        {"schemaVersion": 1, "id": "one", "defaultCompute": "local-process",
         "steps": [{"id": "write", "type": "script", "command": "sh",
                    "arguments": ["-c", "echo written > {outputs.out}/file"],
                    "allowReuse": false, "outputs": [{"name": "out"}]}]}
        """);
  }

  @AfterEach
  void killWhatIsLeft() {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /** Starts {@code count} `pipewright run` JVMs at once; their output goes to {@code round-I.log}. */
  private List<Process> startRuns(String round, int count) throws IOException {
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> command = List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
          "-cp", System.getProperty("java.class.path"),
          "io.pipewright.app.Launcher", "run", pipeline.toString(), "--workspace", workspace.toString(), "--verbose");
      Process p = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log(round, i).toFile())
          .start();
      started.add(p);
      processes.add(p);
    }
    return processes;
  }

  private Path log(String round, int i) {
    return temp.resolve(round + "-" + i + ".log");
  }

  /**
   * Waits (bounded) for every process of a round to end; asserts each completed its run and returns
   * the run ids they printed.
   */
  private List<String> completedRuns(String round, List<Process> processes) throws Exception {
    long deadline = System.nanoTime() + ROUND_TIMEOUT.toNanos();
    List<String> runIds = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      Process p = processes.get(i);
      long left = Math.max(0, deadline - System.nanoTime());
      boolean ended = p.waitFor(left, TimeUnit.NANOSECONDS);
      String output = Files.readString(log(round, i), StandardCharsets.UTF_8);
      assertThat(ended).as("%s process %d still running after %s:%n%s", round, i, ROUND_TIMEOUT, output).isTrue();
      assertThat(p.exitValue()).as("%s process %d:%n%s", round, i, output).isZero();
      String last = output.strip().lines().reduce((a, b) -> b).orElse("");
      assertThat(last).as("%s process %d:%n%s", round, i, output)
          .matches("run \\d{8}-\\d{6}-[0-9a-f]{4} Completed in \\d+\\.\\ds");
      runIds.add(last.split(" ")[1]);
    }
    return runIds;
  }

  private static String integrityOf(Path database) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      StringBuilder result = new StringBuilder();
      while (rs.next()) {
        result.append(rs.getString(1)).append('\n');
      }
      return result.toString().strip();
    }
  }

  /** The run's one step completed and its output is the file its own process wrote. */
  private static void assertOwnOutput(LocalWorkspace ws, String runId) throws Exception {
    List<ChildRun> children = ws.childRuns(runId);
    assertThat(children).extracting(ChildRun::status).as(runId).containsExactly(RunStatus.COMPLETED);
    Path out = Path.of(children.get(0).outputs().get("out"));
    assertThat(out).startsWith(ws.home().resolve("runs").resolve(runId));
    assertThat(out.resolve("file")).hasContent("written");
  }

  @Test
  void twentyRunsAtOnceIntoAFreshWorkspaceThenTwentyIntoTheSameAllCompleteAndTheHistoryIsIntact() throws Exception {
    assertThat(workspace).doesNotExist();
    List<String> fresh = completedRuns("fresh", startRuns("fresh", PROCESSES));
    List<String> again = completedRuns("again", startRuns("again", PROCESSES));

    Set<String> ids = new HashSet<>(fresh);
    ids.addAll(again);
    assertThat(ids).as("a run id printed twice").hasSize(2 * PROCESSES);
    assertThat(integrityOf(workspace.resolve("history.db"))).isEqualTo("ok");
    try (LocalWorkspace ws = LocalWorkspace.open(workspace)) {
      List<RunSummary> runs = ws.runs(RunQuery.newest(100)).runs();
      assertThat(runs).hasSize(2 * PROCESSES);
      assertThat(runs).extracting(RunSummary::runId).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(runs).extracting(RunSummary::status).containsOnly(RunStatus.COMPLETED);
      assertThat(ws.experiments()).hasSize(1);
      for (String id : ids) {
        assertOwnOutput(ws, id);
      }
    }
    Cli list = Cli.run("runs", "list", "--limit", "100", "--workspace", workspace.toString());
    assertThat(list.exitCode()).as(list.toString()).isZero();
    List<String> rows = list.out().lines().filter(l -> l.matches("\\d{8}-\\d{6}-[0-9a-f]{4} .*")).toList();
    assertThat(rows).as(list.out()).hasSize(2 * PROCESSES).allMatch(l -> l.contains(" Completed "));
    assertThat(list.out()).contains("showing 1–40 of 40");
    assertThat(workspace.resolve("datastores/default/titanic/Titanic.csv")).exists();
    try (var leftovers = Files.walk(workspace.resolve("datastores"))) {
      assertThat(leftovers.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp") || n.endsWith(".partial"))
          .toList()).as("partial copies of the sample data left behind").isEmpty();
    }
  }

  @Test
  void theDesignerRecordsRunsWhileTheCommandLineRunsOthersOnTheSameWorkspace() throws Exception {
    int processes = PROCESSES / 2;
    List<String> designerRuns = new ArrayList<>();
    List<String> cliRuns;
    // The designer opens the fresh workspace first and keeps it open, as it does.
    try (LocalWorkspace designer = LocalWorkspace.open(workspace)) {
      List<Process> cli = startRuns("cli", processes);
      // Runs from the designer, one after another, for as long as the command lines run (at least 3).
      long deadline = System.nanoTime() + ROUND_TIMEOUT.toNanos();
      while ((designerRuns.size() < 3 || cli.stream().anyMatch(Process::isAlive)) && System.nanoTime() < deadline) {
        RunHandle run = designer.submit(PipelineFormat.read(pipeline).pipeline(),
            new SubmitOptions("designer", pipeline, Map.of(), false));
        assertThat(run.await(Duration.ofMinutes(1))).as(run.runId()).contains(RunStatus.COMPLETED);
        designerRuns.add(run.runId());
        // The designer's history view reads while the others write.
        assertThat(designer.runs(RunQuery.newest(50)).total()).isGreaterThanOrEqualTo(designerRuns.size());
      }
      cliRuns = completedRuns("cli", cli);

      RunPage page = designer.runs(RunQuery.newest(100));
      assertThat(page.total()).isEqualTo(processes + designerRuns.size());
      assertThat(page.runs()).extracting(RunSummary::status).containsOnly(RunStatus.COMPLETED);
      assertThat(page.runs()).extracting(RunSummary::runId)
          .containsAll(cliRuns).containsAll(designerRuns).doesNotHaveDuplicates();
      for (String id : designerRuns) {
        assertOwnOutput(designer, id);
      }
      for (String id : cliRuns) {
        assertOwnOutput(designer, id);
      }
    }
    assertThat(integrityOf(workspace.resolve("history.db"))).isEqualTo("ok");
  }
}
