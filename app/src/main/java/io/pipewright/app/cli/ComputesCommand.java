package io.pipewright.app.cli;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.WorkspaceException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pipewright computes list}. */
@Command(name = "computes", description = "Compute targets.", subcommands = {ComputesCommand.ListComputes.class, ComputesCommand.SetCompute.class})
final class ComputesCommand {
  @ParentCommand PipewrightCommand root;

  @Command(name = "list", description = "The compute targets steps can run on.")
  static final class ListComputes implements Callable<Integer> {
    @ParentCommand ComputesCommand computes;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws WorkspaceException {
      PrintWriter out = spec.commandLine().getOut();
      try (LocalWorkspace workspace = computes.root.openWorkspace()) {
        List<List<String>> rows = new ArrayList<>();
        for (ComputeTarget c : workspace.computes()) {
          List<String> settings = new ArrayList<>();
          c.settings().forEach((k, v) -> settings.add(k + "=" + v));
          rows.add(List.of(c.name(), c.kind(), settings.isEmpty() ? "-" : String.join(" ", settings)));
        }
        Tables.print(out, List.of("NAME", "KIND", "SETTINGS"), rows);
        return PipewrightCommand.OK;
      }
    }
  }

  @Command(name = "set", description = "Change settings of a compute target, e.g. local-spark cores=1 jvmOptions=\"\".")
  static final class SetCompute implements Callable<Integer> {
    @ParentCommand ComputesCommand computes;
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "NAME")
    String name;

    @picocli.CommandLine.Parameters(index = "1..*", paramLabel = "KEY=VALUE", arity = "1..*",
        description = "Settings to change; an empty value removes one.")
    java.util.Map<String, String> settings;

    @Override
    public Integer call() throws WorkspaceException {
      PrintWriter out = spec.commandLine().getOut();
      try (LocalWorkspace workspace = computes.root.openWorkspace()) {
        ComputeTarget updated = workspace.updateCompute(name, settings);
        List<String> shown = new ArrayList<>();
        updated.settings().forEach((k, v) -> shown.add(k + "=" + v));
        out.println(updated.name() + " (" + updated.kind() + "): " + (shown.isEmpty() ? "no settings" : String.join(" ", shown)));
        return PipewrightCommand.OK;
      }
    }
  }
}
