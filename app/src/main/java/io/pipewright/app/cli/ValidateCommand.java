package io.pipewright.app.cli;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.WorkspaceException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pipewright validate FILE}: one line per diagnostic; exit 1 when there are errors. */
@Command(name = "validate", description = "Check a pipeline file: FILE:LINE:COL: SEVERITY CODE message per problem.")
final class ValidateCommand implements Callable<Integer> {

  @ParentCommand PipewrightCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A *.pipeline.json file.")
  Path file;

  @Override
  public Integer call() throws WorkspaceException {
    PrintWriter out = spec.commandLine().getOut();
    try (LocalWorkspace workspace = root.openWorkspace()) {
      PipelineLoading.Checked checked = PipelineLoading.check(file, workspace);
      PipelineLoading.print(checked, file, out);
      if (checked.diagnostics().isEmpty()) {
        out.println(file + ": no problems");
      }
      return checked.hasErrors() ? PipewrightCommand.FAILED : PipewrightCommand.OK;
    }
  }
}
