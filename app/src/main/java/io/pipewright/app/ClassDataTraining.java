package io.pipewright.app;

import io.pipewright.app.cli.PipewrightCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the installed package's class-data archive is written from (installer/debian/write-class-data,
 * run with {@code -XX:ArchiveClassesAtExit} by the package's postinst): in one JVM, what a command's
 * start and the designer's first frame load, so that one archive serves both, as the package's
 * launcher maps one archive whatever it is asked to do. The command line validates and runs a
 * one-step pipeline (read, validate, record in the history, launch a process, watch it); the
 * designer then starts until its first frame, on a workspace under {@code PIPEWRIGHT_HOME}, which
 * the caller points at a scratch directory: headless (JavaFX's Monocle), as a package's postinst has
 * no display, or with {@code --window} on the display, which also archives the classes that draw
 * on this desktop (bench/install compares the two).
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  /** {@code SCRATCH_DIRECTORY [--window]}: where the pipeline and the workspace go; headless or not. */
  public static void main(String[] args) throws IOException {
    boolean window = args.length == 2 && args[1].equals("--window");
    if (args.length != 1 && !window) {
      System.err.println("usage: ClassDataTraining SCRATCH_DIRECTORY [--window]");
      System.exit(2);
    }
    Path scratch = Files.createDirectories(Path.of(args[0]));
    Path pipeline = Files.writeString(scratch.resolve("training.pipeline.json"), """
        {"schemaVersion": 1, "id": "class-data-training", "defaultCompute": "local-process",
         "datasets": [{"id": "titanic", "kind": "tabular", "datastore": "default", "path": "titanic/Titanic.csv"}],
         "steps": [{"id": "copy", "type": "script", "command": "cp", "arguments": ["{inputs.titanic}", "{outputs.copy}"],
                    "allowReuse": false, "inputs": [{"name": "titanic"}], "outputs": [{"name": "copy"}]}],
         "edges": [{"id": "e1", "from": {"node": "titanic"}, "to": {"node": "copy", "port": "titanic"}}]}
        """, StandardCharsets.UTF_8);
    String workspace = scratch.resolve("workspace").toString();
    StringWriter output = new StringWriter();
    PrintWriter out = new PrintWriter(output);
    PipewrightCommand.execute(out, out, "validate", pipeline.toString(), "--workspace", workspace);
    if (PipewrightCommand.execute(out, out, "run", pipeline.toString(), "--workspace", workspace) != 0) {
      // The archive is still worth writing (most classes loaded); say why the run did not complete.
      System.err.println("class-data training: the training run did not complete:\n" + output);
    }

    if (!window) {
      System.setProperty("glass.platform", "Monocle");
      System.setProperty("monocle.platform", "Headless");
      System.setProperty("prism.order", "sw");
      System.setProperty("java.awt.headless", "true");
    }
    System.setProperty("pipewright.startup.report", scratch.resolve("startup.txt").toString());
    DesignerApp.launchDesigner(Optional.empty());
    System.exit(0);
  }
}
