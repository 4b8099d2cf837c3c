package io.pipewright.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source directory's snapshot with .gitignore and .amlignore, as Azure ML takes it. */
class IgnoreFilesTest {

  @TempDir Path src;

  private void write(String relative, String content) throws Exception {
    Path file = src.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private List<String> snapshot() {
    return IgnoreFiles.files(src, (path, directory) -> false).stream()
        .map(p -> src.relativize(p).toString().replace('\\', '/')).toList();
  }

  private void files(String... relative) throws Exception {
    for (String r : relative) {
      write(r, r);
    }
  }

  @Test
  void withoutIgnoreFilesEveryFileIsInTheSnapshot() throws Exception {
    files("prep.sql", "lib/util.py");

    assertThat(snapshot()).containsExactly("lib/util.py", "prep.sql");
  }

  @Test
  void globsCommentsAndBlankLinesWorkAsInGit() throws Exception {
    write(".gitignore", "# notebooks and logs\n\n*.ipynb\nrun-?.log\n*.[co]ut\n");
    files("prep.sql", "explore.ipynb", "deep/er/x.ipynb", "run-1.log", "run-10.log", "a.out", "a.cut", "a.put");

    assertThat(snapshot()).containsExactly(".gitignore", "a.put", "prep.sql", "run-10.log");
  }

  @Test
  void aTrailingSlashMatchesOnlyDirectories() throws Exception {
    write(".gitignore", "logs/\n");
    files("logs/today.txt", "sub/logs/x.txt", "notes/logs");

    assertThat(snapshot()).containsExactly(".gitignore", "notes/logs");
  }

  @Test
  void aLeadingOrMiddleSlashAnchorsThePatternToItsDirectory() throws Exception {
    write(".gitignore", "/data.csv\nout/tmp\n");
    files("data.csv", "sub/data.csv", "out/tmp", "sub/out/tmp");

    assertThat(snapshot()).containsExactly(".gitignore", "sub/data.csv", "sub/out/tmp");
  }

  @Test
  void doubleStarsMatchAnyNumberOfDirectories() throws Exception {
    write(".gitignore", "**/cache\nbuild/**\na/**/z.txt\n");
    files("cache", "x/y/cache", "build/b/c.txt", "a/z.txt", "a/b/c/z.txt", "a/y.txt", "building.txt");

    assertThat(snapshot()).containsExactly(".gitignore", "a/y.txt", "building.txt");
  }

  @Test
  void negationReincludesAFileButNotOneInsideAnIgnoredDirectory() throws Exception {
    write(".gitignore", "*.log\n!keep.log\ntmp/\n!tmp/keep.txt\n");
    files("a.log", "keep.log", "tmp/keep.txt");

    assertThat(snapshot()).containsExactly(".gitignore", "keep.log");
  }

  @Test
  void amlignoreWinsOverGitignoreInTheSameDirectory() throws Exception {
    write(".gitignore", "*.csv\n");
    write(".amlignore", "*.ipynb\n");
    files("data.csv", "explore.ipynb");

    assertThat(snapshot()).containsExactly(".amlignore", ".gitignore", "data.csv");
  }

  @Test
  void anIgnoreFileInASubdirectoryAppliesUnderIt() throws Exception {
    write("sub/.gitignore", "*.tmp\n");
    files("top.tmp", "sub/x.tmp", "sub/deeper/y.tmp", "sub/keep.py");

    assertThat(snapshot()).containsExactly("sub/.gitignore", "sub/keep.py", "top.tmp");
  }

  @Test
  void escapedCharactersAreLiteral() throws Exception {
    write(".gitignore", "\\#notes\n\\!bang\nstar\\*\n");
    files("#notes", "!bang", "star*", "starx");

    assertThat(snapshot()).containsExactly(".gitignore", "starx");
  }

  @Test
  void whatTheCallerLeavesOutIsLeftOutToo() throws Exception {
    files("prep.sql", "target/x.class", "y.pyc");

    assertThat(IgnoreFiles.files(src, (path, directory) -> directory ? path.endsWith("target")
        : path.toString().endsWith(".pyc"))).containsExactly(src.resolve("prep.sql"));
  }
}
