package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the sources and content parts of a fingerprint see, and what they leave out. */
class FingerprintsTest {

  @TempDir Path temp;
  private HistoryStore store;
  private FileHashes hashes;
  private Path src;

  @BeforeEach
  void storeAndSourceDirectory() throws Exception {
    store = HistoryStore.open(temp.resolve("history.db"));
    hashes = new FileHashes(store);
    src = Files.createDirectories(temp.resolve("src"));
    Files.writeString(src.resolve("prep.sql"), "SELECT 1;");
  }

  @AfterEach
  void close() {
    store.close();
  }

  private String sources() {
    return Fingerprints.sources(src, List.of(), hashes);
  }

  @Test
  void editingASourceFileChangesTheSources() throws Exception {
    String before = sources();
    FileTime time = Files.getLastModifiedTime(src.resolve("prep.sql"));
    Files.writeString(src.resolve("prep.sql"), "SELECT 2;");
    Files.setLastModifiedTime(src.resolve("prep.sql"), FileTime.fromMillis(time.toMillis() + 1000));

    assertThat(sources()).isNotEqualTo(before);
  }

  @Test
  void aWorkspaceBuildOutputAndPipelineFilesInTheSourceDirectoryAreLeftOut() throws Exception {
    String before = sources();
    Path workspace = Files.createDirectories(src.resolve("my-workspace"));
    Files.writeString(workspace.resolve("history.db"), "db");
    Files.writeString(Files.createDirectories(workspace.resolve("runs/r1")).resolve("out.csv"), "a,b");
    Files.writeString(Files.createDirectories(src.resolve("target")).resolve("x.class"), "x");
    Files.writeString(Files.createDirectories(src.resolve("__pycache__")).resolve("x.pyc"), "x");
    Files.writeString(src.resolve("p.pipeline.json"), "{}");

    assertThat(sources()).isEqualTo(before);
  }

  @Test
  void aFileIsReadOnceAndRememberedAcrossWorkspaceOpenings() throws Exception {
    Path big = Files.writeString(src.resolve("data.csv"), "n\n1\n");
    String first = Fingerprints.content(big, hashes);
    hashes.save();

    FileHashes reopened = new FileHashes(store);
    assertThat(store.fileHash(big.toAbsolutePath().toString())).isPresent();
    assertThat(Fingerprints.content(big, reopened)).isEqualTo(first);
  }

  @Test
  void sparkChecksumFilesDoNotChangeTheContentOfAnOutput() throws Exception {
    Path out = Files.createDirectories(temp.resolve("out"));
    Files.writeString(out.resolve("part-00000.csv"), "a\n1\n");
    String before = Fingerprints.content(out, hashes);
    Files.writeString(out.resolve(".part-00000.csv.crc"), "crc");

    assertThat(Fingerprints.content(out, hashes)).isEqualTo(before);
  }

  @Test
  void aNotebookAndALogIgnoredByGitignoreLeaveTheSourcesAsTheyWere() throws Exception {
    Files.writeString(src.resolve(".gitignore"), "*.ipynb\n*.log\n.ipynb_checkpoints/\n");
    String before = sources();
    Files.writeString(src.resolve("explore.ipynb"), "{\"cells\": []}");
    Files.writeString(src.resolve("spark.log"), "INFO");
    Files.writeString(Files.createDirectories(src.resolve(".ipynb_checkpoints")).resolve("x.ipynb"), "{}");

    assertThat(sources()).isEqualTo(before);
  }

  @Test
  void aFileAnAmlignoreDoesNotNameChangesTheSourcesEvenIfTheGitignoreNamesIt() throws Exception {
    Files.writeString(src.resolve(".gitignore"), "*.txt\n");
    Files.writeString(src.resolve(".amlignore"), "*.ipynb\n");
    String before = sources();
    Files.writeString(src.resolve("notes.txt"), "read me");

    assertThat(sources()).isNotEqualTo(before);
  }
}
