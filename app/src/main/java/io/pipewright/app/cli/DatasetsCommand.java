package io.pipewright.app.cli;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.WorkspaceException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pipewright datasets list}. */
@Command(name = "datasets", description = "Registered datasets.", subcommands = DatasetsCommand.ListDatasets.class)
final class DatasetsCommand {
  @ParentCommand PipewrightCommand root;

  @Command(name = "list", description = "Every registered dataset version.")
  static final class ListDatasets implements Callable<Integer> {
    @ParentCommand DatasetsCommand datasets;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws WorkspaceException {
      PrintWriter out = spec.commandLine().getOut();
      try (LocalWorkspace workspace = datasets.root.openWorkspace()) {
        List<DatasetVersion> list = workspace.datasets();
        if (list.isEmpty()) {
          out.println("no registered datasets yet in " + workspace.description());
          return PipewrightCommand.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (DatasetVersion d : list) {
          rows.add(List.of(d.name(), Integer.toString(d.version()), d.kind(), Tables.when(d.createdAt()),
              d.runId() == null ? "-" : d.runId(), d.location()));
        }
        Tables.print(out, List.of("NAME", "VERSION", "KIND", "CREATED", "RUN", "LOCATION"), rows);
        return PipewrightCommand.OK;
      }
    }
  }
}
