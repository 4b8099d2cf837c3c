package io.pipewright.app.samples;

import io.pipewright.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The sample pipelines a first start opens, copied from the class path into the workspace. */
public final class Samples {
  private static final String ROOT = "/io/pipewright/samples/titanic/";
  private static final List<String> TITANIC = List.of("titanic.pipeline.json", "prep.sql", "train.py", "README.md");

  private Samples() {}

  /**
   * The Titanic sample under {@code <home>/samples/titanic}, copied there if it is not yet (files
   * the user changed are kept).
   */
  public static Path titanic(Path home) {
    Path dir = home.resolve("samples").resolve("titanic");
    try {
      Files.createDirectories(dir);
      for (String name : TITANIC) {
        Path target = dir.resolve(name);
        if (Files.exists(target)) {
          continue;
        }
        try (InputStream in = Samples.class.getResourceAsStream(ROOT + name)) {
          if (in == null) {
            continue;
          }
          AtomicFiles.copy(in, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the sample pipeline into " + dir, e);
    }
    return dir.resolve("titanic.pipeline.json");
  }
}
