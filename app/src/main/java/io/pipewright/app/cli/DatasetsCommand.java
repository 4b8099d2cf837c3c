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

/** {@code pipewright datasets list|register|preview}. */
@Command(name = "datasets", description = "Registered datasets.", subcommands = {DatasetsCommand.ListDatasets.class,
    DatasetsCommand.RegisterDataset.class, DatasetsCommand.PreviewDataset.class})
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
          rows.add(List.of(d.name(), Integer.toString(d.version()), d.kind().wireName(), Tables.when(d.createdAt()),
              d.runId() == null ? "-" : d.runId(), d.location()));
        }
        Tables.print(out, List.of("NAME", "VERSION", "KIND", "CREATED", "RUN", "LOCATION"), rows);
        return PipewrightCommand.OK;
      }
    }
  }

  /** A delimiter as typed: one character, or {@code tab} / {@code \t}. */
  static char delimiter(String text) {
    if (text.equals("tab") || text.equals("\\t")) {
      return '\t';
    }
    if (text.length() != 1) {
      throw new PipewrightCommand.UserException("the delimiter must be one character (or tab), not '" + text + "'",
          PipewrightCommand.USAGE);
    }
    return text.charAt(0);
  }

  @Command(name = "register", description = "Register a file or folder of a datastore as a dataset (a new version"
      + " when the name exists), e.g. titanic titanic/Titanic.csv.")
  static final class RegisterDataset implements Callable<Integer> {
    @ParentCommand DatasetsCommand datasets;
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "NAME")
    String name;

    @picocli.CommandLine.Parameters(index = "1", paramLabel = "PATH", description = "Relative to the datastore's root.")
    String path;

    @picocli.CommandLine.Option(names = "--datastore", defaultValue = "default", description = "Default: ${DEFAULT-VALUE}.")
    String datastore;

    @picocli.CommandLine.Option(names = "--kind", defaultValue = "tabular", description = "tabular or file. Default: ${DEFAULT-VALUE}.")
    String kind;

    @picocli.CommandLine.Option(names = "--delimiter", defaultValue = ",", description = "Of tabular data. Default: ${DEFAULT-VALUE}.")
    String delimiter;

    @Override
    public Integer call() throws WorkspaceException {
      io.pipewright.model.DatasetKind datasetKind;
      if (kind.equals("tabular") || kind.equals("file")) {
        datasetKind = io.pipewright.model.DatasetKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
      } else {
        throw new PipewrightCommand.UserException("--kind must be tabular or file, not '" + kind + "'", PipewrightCommand.USAGE);
      }
      try (LocalWorkspace workspace = datasets.root.openWorkspace()) {
        DatasetVersion v = workspace.registerDataset(name, datasetKind, datastore, path, delimiter(delimiter));
        spec.commandLine().getOut().println("registered " + v.name() + " version " + v.version() + " (" + v.kind().wireName() + "): "
            + v.location());
        return PipewrightCommand.OK;
      }
    }
  }

  @Command(name = "preview", description = "The header and first rows of a tabular dataset, as CSV.")
  static final class PreviewDataset implements Callable<Integer> {
    @ParentCommand DatasetsCommand datasets;
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "NAME")
    String name;

    @picocli.CommandLine.Option(names = "--version", description = "Default: the latest.")
    Integer version;

    @picocli.CommandLine.Option(names = "--rows", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
    int rows;

    @Override
    public Integer call() throws WorkspaceException {
      PrintWriter out = spec.commandLine().getOut();
      try (LocalWorkspace workspace = datasets.root.openWorkspace()) {
        io.pipewright.workspace.DatasetPreview preview = workspace.previewDataset(name, version, rows);
        out.println(csvLine(preview.header()));
        preview.rows().forEach(row -> out.println(csvLine(row)));
        if (preview.more()) {
          spec.commandLine().getErr().println("(first " + preview.rows().size() + " rows; there are more)");
        }
        return PipewrightCommand.OK;
      }
    }

    private static String csvLine(List<String> fields) {
      List<String> quoted = new ArrayList<>();
      for (String f : fields) {
        boolean quote = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r");
        quoted.add(quote ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
      }
      return String.join(",", quoted);
    }
  }
}
