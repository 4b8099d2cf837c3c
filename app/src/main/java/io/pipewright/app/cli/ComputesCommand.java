package io.pipewright.app.cli;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import io.pipewright.workspace.WorkspaceException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pipewright computes list|set|add|remove|test} ({@code attach} and {@code detach} are the older names). */
@Command(name = "computes", description = "Compute targets: list, set, add (attach), remove (detach), test.",
    subcommands = {ComputesCommand.ListComputes.class, ComputesCommand.SetCompute.class, ComputesCommand.AddCompute.class,
        ComputesCommand.RemoveCompute.class, ComputesCommand.TestCompute.class})
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

  @Command(name = "add", aliases = "attach", description = {
      "Attach a compute target, e.g. cluster1 spark-standalone masterUrl=spark://host:7077 restUrl=http://host:6066,"
          + " or livy1 livy url=http://host:8998 auth=basic user=alice (the password is never stored: the commands"
          + " that connect take it from $" + EnvironmentPasswordPrompt.VARIABLE + ").",
      "Kinds: local-spark, local-process, spark-standalone, livy, synapse-spark-pool, azureml."
          + " (KIND NAME, the order of the older 'attach', is understood too.)"})
  static final class AddCompute implements Callable<Integer> {
    @ParentCommand ComputesCommand computes;
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "NAME")
    String first;

    @picocli.CommandLine.Parameters(index = "1", paramLabel = "KIND")
    String second;

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
      // NAME KIND; KIND NAME (as 'attach' took them) when only the first is a kind.
      boolean kindFirst = isKind(first) && !isKind(second);
      String name = kindFirst ? second : first;
      String kind = kindFirst ? first : second;
      try (LocalWorkspace workspace = computes.root.openWorkspace()) {
        ComputeTarget target = workspace.attachCompute(name, kind, all);
        out.println("attached " + target.name() + " (" + target.kind() + ")");
        return PipewrightCommand.OK;
      }
    }

    private static boolean isKind(String word) {
      return ComputeKind.of(word).isPresent();
    }
  }

  @Command(name = "remove", aliases = "detach",
      description = "Detach a compute target (not the built-in local-spark and local-process).")
  static final class RemoveCompute implements Callable<Integer> {
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

  @Command(name = "test", description = {
      "Test the connection to a compute target and print one line: what answered (version, workers, cores and"
          + " memory free), or the address and why it failed. Exits 1 unless it answers; comes back within "
          + TestCompute.DEADLINE_SECONDS + " s.",
      "Targets with basic authentication take the password from $" + EnvironmentPasswordPrompt.VARIABLE + "."})
  static final class TestCompute implements Callable<Integer> {
    /** The whole test gives up after this, however slowly a host or its name server answers. */
    static final int DEADLINE_SECONDS = 12;

    @ParentCommand ComputesCommand computes;
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws WorkspaceException, InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      try (LocalWorkspace workspace = computes.root.openWorkspace()) {
        ComputeTarget target = workspace.computes().stream().filter(c -> c.name().equals(name)).findFirst()
            .orElseThrow(() -> new WorkspaceException("there is no compute target '" + name + "' (see: pipewright computes list)"));
        ConnectionTest test = withDeadline(workspace, target);
        String outcome = switch (test.outcome()) {
          case OK -> "ok";
          case FAILED -> "failed";
          case NOT_AVAILABLE_YET -> "not available yet";
        };
        String line = name + address(target).map(a -> " at " + a).orElse("") + ": " + outcome + ": " + test.message();
        if (!test.isOk()) {
          line += computes.root.passwords.hint().map(h -> " (" + h + ")").orElse("");
        }
        out.println(line);
        if (computes.root.verbose) {
          test.details().forEach(d -> spec.commandLine().getErr().println("  " + d));
        }
        return test.isOk() ? PipewrightCommand.OK : PipewrightCommand.FAILED;
      }
    }

    /** The test on a thread of its own, given up after {@link #DEADLINE_SECONDS} (a name server that never answers). */
    private static ConnectionTest withDeadline(LocalWorkspace workspace, ComputeTarget target) throws InterruptedException {
      ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pipewright-connection-test");
        t.setDaemon(true);
        return t;
      });
      try {
        Future<ConnectionTest> test = thread.submit(() -> workspace.testConnection(target));
        try {
          return test.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          test.cancel(true);
          return ConnectionTest.failed("no answer within " + DEADLINE_SECONDS + " s", List.of());
        } catch (ExecutionException e) {
          return ConnectionTest.failed("the test failed: " + e.getCause(), List.of());
        }
      } finally {
        thread.shutdownNow();
      }
    }
  }

  /** Where a target is reached, for messages: its URL ({@code url}, else {@code restUrl}, else {@code masterUrl}). */
  static Optional<String> address(ComputeTarget target) {
    return Stream.of("url", "restUrl", "masterUrl").map(target::setting).flatMap(Optional::stream).findFirst();
  }
}
