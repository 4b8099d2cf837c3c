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

/** {@code pipewright computes list|set|attach|detach|test}. */
@Command(name = "computes", description = "Compute targets.", subcommands = {ComputesCommand.ListComputes.class,
    ComputesCommand.SetCompute.class, ComputesCommand.AttachCompute.class, ComputesCommand.DetachCompute.class,
    ComputesCommand.TestCompute.class})
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

  @Command(name = "attach", description = "Attach a compute target, e.g. spark-standalone cluster1"
      + " masterUrl=spark://host:7077 restUrl=http://host:6066. Kinds: local-spark, local-process, spark-standalone,"
      + " livy, synapse-spark-pool, azureml.")
  static final class AttachCompute implements Callable<Integer> {
    @ParentCommand ComputesCommand computes;
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "KIND")
    String kind;

    @picocli.CommandLine.Parameters(index = "1", paramLabel = "NAME")
    String name;

    @picocli.CommandLine.Parameters(index = "2..*", paramLabel = "KEY=VALUE", arity = "0..*", description = "Settings.")
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

    @picocli.CommandLine.Option(names = "--config", paramLabel = "FILE",
        description = "An Azure ML config.json to take subscriptionId, resourceGroup and workspaceName from.")
    java.nio.file.Path config;

    @Override
    public Integer call() throws WorkspaceException {
      PrintWriter out = spec.commandLine().getOut();
      java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
      if (config != null) {
        all.putAll(io.pipewright.workspace.AzureMlConfig.read(config));
      }
      all.putAll(settings);
      try (LocalWorkspace workspace = computes.root.openWorkspace()) {
        ComputeTarget target = workspace.attachCompute(name, kind, all);
        out.println("attached " + target.name() + " (" + target.kind() + ")");
        return PipewrightCommand.OK;
      }
    }
  }

  @Command(name = "detach", description = "Detach a compute target (not the built-in local-spark and local-process).")
  static final class DetachCompute implements Callable<Integer> {
    @ParentCommand ComputesCommand computes;
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws WorkspaceException {
      try (LocalWorkspace workspace = computes.root.openWorkspace()) {
        workspace.detachCompute(name);
        spec.commandLine().getOut().println("detached " + name);
        return PipewrightCommand.OK;
      }
    }
  }

  @Command(name = "test", description = "Test the connection to a compute target; exits 1 unless it answers.")
  static final class TestCompute implements Callable<Integer> {
    @ParentCommand ComputesCommand computes;
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws WorkspaceException {
      PrintWriter out = spec.commandLine().getOut();
      try (LocalWorkspace workspace = computes.root.openWorkspace()) {
        ComputeTarget target = workspace.computes().stream().filter(c -> c.name().equals(name)).findFirst()
            .orElseThrow(() -> new WorkspaceException("there is no compute target '" + name + "' (see: pipewright computes list)"));
        io.pipewright.workspace.ConnectionTest test = workspace.testConnection(target);
        String outcome = switch (test.outcome()) {
          case OK -> "ok";
          case FAILED -> "failed";
          case NOT_AVAILABLE_YET -> "not available yet";
        };
        out.println(name + ": " + outcome + ": " + test.message());
        test.details().forEach(d -> out.println("  " + d));
        return test.isOk() ? PipewrightCommand.OK : PipewrightCommand.FAILED;
      }
    }
  }
}
