package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.model.Environment;
import io.pipewright.model.InputMode;
import io.pipewright.model.InputPort;
import io.pipewright.model.OutputPort;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reuse explained field by field: the fingerprint detail of a step taken twice, from real files,
 * with one kind of change in between, and the line that change reads as.
 */
class ReuseChangesTest {

  @TempDir Path temp;
  private HistoryStore store;
  private FileHashes hashes;
  private Path src;
  private Path data;

  @BeforeEach
  void filesAndHistory() throws Exception {
    store = HistoryStore.open(temp.resolve("history.db"));
    hashes = new FileHashes(store);
    src = Files.createDirectories(temp.resolve("src"));
    Files.writeString(src.resolve("prep.sql"), "SELECT * FROM titanic;");
    data = Files.createDirectories(temp.resolve("data"));
    Files.writeString(data.resolve("Titanic.csv"), "PassengerId,Survived\n1,0\n");
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Step sparkStep(SparkSettings settings, Map<String, String> variables) {
    return new Step("prep", "prep", null, new SparkStep(new SparkEntry.Sql("prep.sql"), settings), "local-spark", ".",
        List.of(new InputPort("titanic", InputMode.DIRECT, false)), List.of(new OutputPort("prepared", null)),
        List.of(), new Environment(List.of(), variables), true);
  }

  private static SparkSettings settings(String executorMemory, Map<String, String> conf) {
    return new SparkSettings("7g", 4, executorMemory, 2, 1, null, conf, List.of(), List.of(), List.of(), List.of());
  }

  /** The detail LocalRun keeps, taken from the files as they are now. */
  private Map<String, Map<String, String>> details(Step step, Map<String, String> parameters) {
    Map<String, Map<String, String>> details = new LinkedHashMap<>();
    details.put(ReuseChanges.DEFINITION, Fingerprints.definitionFields(step, "local-spark", parameters));
    Map<String, String> sources = new LinkedHashMap<>();
    Fingerprints.sources(src, List.of(), hashes, sources);
    details.put(ReuseChanges.SOURCES, sources);
    Map<String, String> files = new LinkedHashMap<>();
    Fingerprints.content(data, hashes, files);
    Map<String, String> inputs = new LinkedHashMap<>();
    files.forEach((file, detail) -> inputs.put("titanic" + ReuseChanges.FILE_OF + file, detail));
    details.put(ReuseChanges.INPUTS, inputs);
    details.put(ReuseChanges.ENVIRONMENT, Fingerprints.environmentFields(step));
    return details;
  }

  private Map<String, Map<String, String>> details(Step step) {
    return details(step, Map.of());
  }

  /** Writes a file and moves its time on, as an edit a second later does. */
  private static void edit(Path file, String content) throws Exception {
    FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 1000));
  }

  @Test
  void nothingChangedSaysNothing() {
    Step step = sparkStep(settings("7g", Map.of()), Map.of());

    assertThat(ReuseChanges.between(details(step), details(step))).isEmpty();
  }

  @Test
  void aSparkSettingReadsAsItsSparkNameWithBothValues() {
    Map<String, Map<String, String>> before = details(sparkStep(settings("7g", Map.of()), Map.of()));

    assertThat(ReuseChanges.between(before, details(sparkStep(settings("8g", Map.of()), Map.of()))))
        .containsExactly("spark.executor.memory 7g → 8g");
  }

  @Test
  void aConfSettingAddedOrRemovedReadsAsNotSetAndASecretOneHidesItsValues() {
    Map<String, Map<String, String>> before = details(sparkStep(settings("7g",
        Map.of("spark.sql.shuffle.partitions", "200", "spark.hadoop.fs.s3a.secret.key", "old")), Map.of()));
    Map<String, Map<String, String>> after = details(sparkStep(settings("7g",
        Map.of("spark.sql.adaptive.enabled", "true", "spark.hadoop.fs.s3a.secret.key", "new")), Map.of()));

    assertThat(ReuseChanges.between(before, after)).containsExactly(
        "spark.hadoop.fs.s3a.secret.key changed",
        "spark.sql.adaptive.enabled (not set) → true",
        "spark.sql.shuffle.partitions 200 → (not set)");
  }

  @Test
  void aScriptsCommandArgumentAndParameterReadAsTheyAreWritten() {
    Step before = new Step("train", "train", null, new ScriptStep("python3 train.py"), "local-process", ".",
        List.of(), List.of(), List.of("--rate", "{parameters.rate}"), Environment.EMPTY, true);
    Step after = new Step("train", "train", null, new ScriptStep("python3 train2.py"), "local-process", ".",
        List.of(), List.of(), List.of("--rate", "{parameters.rate}"), Environment.EMPTY, true);

    assertThat(ReuseChanges.between(details(before, Map.of("rate", "0.1")), details(after, Map.of("rate", "0.2"))))
        .containsExactly("command python3 train.py → python3 train2.py", "parameter rate 0.1 → 0.2");
  }

  @Test
  void anEditedSourceFileIsNamed() throws Exception {
    Step step = sparkStep(settings("7g", Map.of()), Map.of());
    Map<String, Map<String, String>> before = details(step);
    edit(src.resolve("prep.sql"), "SELECT Survived FROM titanic;");

    assertThat(ReuseChanges.between(before, details(step))).containsExactly("source file prep.sql changed");
  }

  @Test
  void anAddedAndARemovedSourceFileAreNamed() throws Exception {
    Files.writeString(src.resolve("old.sql"), "SELECT 1;");
    Step step = sparkStep(settings("7g", Map.of()), Map.of());
    Map<String, Map<String, String>> before = details(step);
    Files.writeString(src.resolve("notes.txt"), "why prep does what it does");
    Files.delete(src.resolve("old.sql"));

    assertThat(ReuseChanges.between(before, details(step)))
        .containsExactly("source file notes.txt added", "source file old.sql removed");
  }

  @Test
  void aModifiedInputFileIsNamedWithItsInput() throws Exception {
    Step step = sparkStep(settings("7g", Map.of()), Map.of());
    Map<String, Map<String, String>> before = details(step);
    edit(data.resolve("Titanic.csv"), "PassengerId,Survived\n1,0\n2,1\n");

    assertThat(ReuseChanges.between(before, details(step))).containsExactly("input titanic changed: Titanic.csv modified");
  }

  @Test
  void anInputFileTouchedButNotChangedIsNoChange() throws Exception {
    Step step = sparkStep(settings("7g", Map.of()), Map.of());
    Map<String, Map<String, String>> before = details(step);
    edit(data.resolve("Titanic.csv"), Files.readString(data.resolve("Titanic.csv")));

    assertThat(ReuseChanges.between(before, details(step))).isEmpty();
  }

  @Test
  void manyChangedInputFilesAreCountedAfterTheFirstThree() throws Exception {
    for (int i = 0; i < 6; i++) {
      Files.writeString(data.resolve("part-" + i + ".csv"), "a\n" + i + "\n");
    }
    Step step = sparkStep(settings("7g", Map.of()), Map.of());
    Map<String, Map<String, String>> before = details(step);
    for (int i = 0; i < 6; i++) {
      edit(data.resolve("part-" + i + ".csv"), "a\n" + (i + 10) + "\n");
    }

    assertThat(ReuseChanges.between(before, details(step))).containsExactly(
        "input titanic changed: part-0.csv modified, part-1.csv modified, part-2.csv modified and 3 more files");
  }

  @Test
  void anInputFedByAStepSaysThatStepHasANewResult() {
    Map<String, Map<String, String>> before = Map.of(ReuseChanges.INPUTS, Map.of("prepared", "step prep/out aaa"));
    Map<String, Map<String, String>> after = Map.of(ReuseChanges.INPUTS, Map.of("prepared", "step prep/out bbb"));

    assertThat(ReuseChanges.between(before, after)).containsExactly("input prepared changed: step 'prep' has a new result");
  }

  @Test
  void anEnvironmentVariableAndTheRuntimeAreNamed() {
    Map<String, Map<String, String>> before = new LinkedHashMap<>(details(sparkStep(settings("7g", Map.of()),
        Map.of("MODE", "fast"))));
    before.put(ReuseChanges.RUNTIME, Map.of("identity", "jars=[spark-core_2.13-4.1.2.jar]"));
    Map<String, Map<String, String>> after = new LinkedHashMap<>(details(sparkStep(settings("7g", Map.of()),
        Map.of("MODE", "exact"))));
    after.put(ReuseChanges.RUNTIME, Map.of("identity", "jars=[spark-core_2.13-4.1.3.jar]"));

    assertThat(ReuseChanges.between(before, after))
        .containsExactly("environment variable MODE fast → exact", "the Spark runtime changed");
  }

  @Test
  void aFileIgnoredByGitignoreNextToTheSourcesIsNoChange() throws Exception {
    Files.writeString(src.resolve(".gitignore"), "*.ipynb\nlogs/\n");
    Step step = sparkStep(settings("7g", Map.of()), Map.of());
    Map<String, Map<String, String>> before = details(step);
    Files.writeString(src.resolve("explore.ipynb"), "{}");
    Files.writeString(Files.createDirectories(src.resolve("logs")).resolve("run.log"), "INFO");

    assertThat(ReuseChanges.between(before, details(step))).isEmpty();
  }

  @Test
  void detailsSurviveTheirJsonInTheHistory() throws Exception {
    Map<String, Map<String, String>> before = details(sparkStep(settings("7g", Map.of()), Map.of()));
    Map<String, Map<String, String>> readBack = Json.nestedMap(Json.write(before));
    edit(data.resolve("Titanic.csv"), "PassengerId,Survived\n9,9\n");

    assertThat(ReuseChanges.between(readBack, details(sparkStep(settings("8g", Map.of()), Map.of()))))
        .containsExactly("spark.executor.memory 7g → 8g", "input titanic changed: Titanic.csv modified");
  }

  @Test
  void anInputOfThousandsOfFilesIsComparedByItsContentAsAWhole() {
    Map<String, Map<String, String>> before = Map.of(ReuseChanges.INPUTS,
        Map.of("events", ReuseChanges.manyFiles(5000, "aaa")));
    Map<String, Map<String, String>> after = Map.of(ReuseChanges.INPUTS,
        Map.of("events", ReuseChanges.manyFiles(5001, "bbb")));

    assertThat(ReuseChanges.between(before, after)).containsExactly("input events changed: the content of its 5001 files");
    assertThat(ReuseChanges.between(before, before)).isEmpty();
  }

  @Test
  void aSourceSnapshotOfThousandsOfFilesIsComparedAsAWhole() {
    Map<String, Map<String, String>> before = Map.of(ReuseChanges.SOURCES,
        Map.of(ReuseChanges.ALL_FILES, ReuseChanges.manyFiles(2000, "aaa")));
    Map<String, Map<String, String>> after = Map.of(ReuseChanges.SOURCES,
        Map.of(ReuseChanges.ALL_FILES, ReuseChanges.manyFiles(2000, "bbb")));

    assertThat(ReuseChanges.between(before, after)).containsExactly("source files changed (2000 files)");
  }
}
