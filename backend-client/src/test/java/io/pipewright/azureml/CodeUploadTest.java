package io.pipewright.azureml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a step's code asset uploads: its snapshot as Azure ML takes one. */
class CodeUploadTest {

  @TempDir Path src;

  @Test
  void theUploadLeavesOutWhatTheAmlignoreNamesHiddenFilesAndCaches() throws Exception {
    Files.writeString(src.resolve(".amlignore"), "*.ipynb\noutputs/\n");
    Files.writeString(src.resolve(".gitignore"), "*.py\n");
    Files.writeString(src.resolve("prep.py"), "print(1)");
    Files.writeString(src.resolve("explore.ipynb"), "{}");
    Files.writeString(src.resolve(".env"), "TOKEN=x");
    Files.writeString(Files.createDirectories(src.resolve("outputs")).resolve("model.pkl"), "m");
    Files.writeString(Files.createDirectories(src.resolve("lib/__pycache__")).resolve("u.pyc"), "c");
    Files.writeString(src.resolve("lib/util.py"), "x = 1");

    assertThat(CodeUpload.filesOf(src)).containsOnlyKeys("lib/util.py", "prep.py");
  }
}
