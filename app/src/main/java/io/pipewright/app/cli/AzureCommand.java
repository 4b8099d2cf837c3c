package io.pipewright.app.cli;

import io.pipewright.workspace.AzureSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pipewright azure whoami}. */
@Command(name = "azure", description = "Azure sign-in of the command line.",
    subcommands = AzureCommand.WhoAmI.class)
final class AzureCommand {
  @ParentCommand PipewrightCommand root;

  @Command(name = "whoami",
      description = {
          "Who the command line is signed in to Azure as, and in which tenant; exit code 1 and the reason when it is not.",
          "",
          "Commands that reach Azure (Synapse Spark pools, Azure ML workspaces) sign in like this, with this"
              + " credential chain of azure-identity, first that works:",
          "  1. a service principal in the environment: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET"
              + " (or AZURE_CLIENT_CERTIFICATE_PATH);",
          "  2. workload identity (AZURE_FEDERATED_TOKEN_FILE, on Kubernetes);",
          "  3. the Azure CLI's account: run  az login  first;",
          "  4. the Azure Developer CLI's account (azd auth login);",
          "  5. the managed identity of an Azure VM, App Service or container.",
          "The developer's own accounts come before the managed identity: a network that answers the managed"
              + " identity endpoint without being Azure would otherwise end the chain.",
          "Tokens stay in memory; Pipewright writes none anywhere.",
          ""})
  static final class WhoAmI implements Callable<Integer> {
    @ParentCommand AzureCommand azure;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      LazyAzureSession session = azure.root.azure();
      try {
        session.token(AzureSession.MANAGEMENT_SCOPE, false);
      } catch (IOException e) {
        out.println("Not signed in to Azure. " + e.getMessage());
        String details = details(e);
        if (!details.isEmpty()) {
          out.println(details);
        }
        out.println("Sign in with  az login, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET"
            + " (see: pipewright azure whoami --help).");
        return PipewrightCommand.FAILED;
      }
      AzureSession.Account account = session.account().orElseThrow();
      out.println("Signed in to Azure as " + account.user() + " in tenant " + account.tenantId() + ".");
      return PipewrightCommand.OK;
    }

    /** The lines after the first of the chain's message: each credential's reason, indented. */
    private static String details(IOException e) {
      String message = e.getCause() == null || e.getCause().getMessage() == null ? "" : e.getCause().getMessage();
      StringBuilder lines = new StringBuilder();
      message.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty())
          .forEach(l -> lines.append(lines.length() == 0 ? "" : "\n").append("  ").append(l));
      return lines.toString();
    }
  }
}
