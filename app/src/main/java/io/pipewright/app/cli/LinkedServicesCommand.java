package io.pipewright.app.cli;

import io.pipewright.azureml.AzureMlLinkedService;
import io.pipewright.azureml.AzureMlLinkedServices;
import io.pipewright.http.Cancellation;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pipewright linked-services list|add|remove}: the links to Synapse workspaces that Synapse pool targets go through. */
@Command(name = "linked-services",
    description = "Links to Azure Synapse workspaces, which Synapse Spark pool targets are reached through: list, add, remove.",
    subcommands = {LinkedServicesCommand.ListLinks.class, LinkedServicesCommand.AddLink.class,
        LinkedServicesCommand.RemoveLink.class})
final class LinkedServicesCommand {
  @ParentCommand PipewrightCommand root;

  /** The Azure ML workspace target named {@code name}, or a sentence saying why there is none. */
  static ComputeTarget azureMlWorkspace(LocalWorkspace workspace, String name) throws WorkspaceException {
    return workspace.computes().stream()
        .filter(c -> c.name().equals(name) && ComputeKind.AZUREML.equals(c.kind())).findFirst()
        .orElseThrow(() -> new WorkspaceException("there is no Azure Machine Learning workspace target '" + name
            + "': attach one with  pipewright computes add " + name + " azureml subscriptionId=… resourceGroup=…"
            + " workspaceName=…"));
  }

  /** The Synapse workspaces an Azure ML workspace target has linked, as Azure says. */
  static List<AzureMlLinkedService> linkedIn(LocalWorkspace workspace, PipewrightCommand root, String target)
      throws WorkspaceException {
    ComputeTarget ml = azureMlWorkspace(workspace, target);
    try {
      return AzureMlLinkedServices.of(root.azure(), ml.setting("subscriptionId").orElse(""),
          ml.setting("resourceGroup").orElse(""), ml.setting("workspaceName").orElse("")).list(Cancellation.none());
    } catch (IOException e) {
      throw new WorkspaceException(e.getMessage(), e);
    }
  }

  @Command(name = "list", description = {"The linked services of this workspace; with --azure, the Synapse"
      + " workspaces an Azure ML workspace target has linked in Azure."})
  static final class ListLinks implements Callable<Integer> {
    @ParentCommand LinkedServicesCommand links;
    @Spec CommandSpec spec;

    @Option(names = "--azure", paramLabel = "TARGET", description = "An Azure Machine Learning workspace target.")
    String azure;

    @Override
    public Integer call() throws WorkspaceException {
      PrintWriter out = spec.commandLine().getOut();
      try (LocalWorkspace workspace = links.root.openWorkspace()) {
        List<List<String>> rows = new ArrayList<>();
        if (azure != null) {
          for (AzureMlLinkedService link : linkedIn(workspace, links.root, azure)) {
            rows.add(List.of(link.name(), link.linkType(), link.linkedServiceResourceId()));
          }
          Tables.print(out, List.of("NAME", "TYPE", "LINKED RESOURCE"), rows);
        } else {
          for (LinkedService link : workspace.linkedServices()) {
            rows.add(List.of(link.name(), link.synapseWorkspace(), link.resourceGroup(), link.subscriptionId()));
          }
          Tables.print(out, List.of("NAME", "SYNAPSE WORKSPACE", "RESOURCE GROUP", "SUBSCRIPTION"), rows);
        }
        return PipewrightCommand.OK;
      }
    }
  }

  @Command(name = "add", description = {
      "Add a linked service: NAME subscriptionId=… resourceGroup=… synapseWorkspace=…, or NAME --from TARGET to take"
          + " the Synapse workspace that Azure ML workspace target TARGET has linked under NAME."})
  static final class AddLink implements Callable<Integer> {
    @ParentCommand LinkedServicesCommand links;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", arity = "0..*",
        description = "subscriptionId, resourceGroup and synapseWorkspace.")
    Map<String, String> values = Map.of();

    @Option(names = "--from", paramLabel = "TARGET", description = "An Azure Machine Learning workspace target.")
    String from;

    @Override
    public Integer call() throws WorkspaceException {
      PrintWriter out = spec.commandLine().getOut();
      try (LocalWorkspace workspace = links.root.openWorkspace()) {
        LinkedService link;
        if (from != null) {
          link = linkedIn(workspace, links.root, from).stream().filter(l -> l.name().equals(name)).findFirst()
              .flatMap(AzureMlLinkedService::toLinkedService)
              .orElseThrow(() -> new WorkspaceException("Azure ML workspace target '" + from + "' has no linked"
                  + " Synapse workspace named '" + name + "' (see: pipewright linked-services list --azure " + from + ")"));
        } else {
          List<String> unknown = values.keySet().stream()
              .filter(k -> !List.of("subscriptionId", "resourceGroup", "synapseWorkspace").contains(k)).toList();
          if (!unknown.isEmpty()) {
            throw new WorkspaceException("a linked service has no setting " + String.join(", ", unknown)
                + " (it has: subscriptionId, resourceGroup, synapseWorkspace)");
          }
          link = new LinkedService(name, values.get("subscriptionId"), values.get("resourceGroup"),
              values.get("synapseWorkspace"));
        }
        workspace.addLinkedService(link);
        out.println("added " + link.name() + " (Synapse workspace " + link.synapseWorkspace() + ", resource group "
            + link.resourceGroup() + ")");
        return PipewrightCommand.OK;
      }
    }
  }

  @Command(name = "remove", description = "Remove a linked service; refused while a Synapse pool target uses it.")
  static final class RemoveLink implements Callable<Integer> {
    @ParentCommand LinkedServicesCommand links;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws WorkspaceException {
      try (LocalWorkspace workspace = links.root.openWorkspace()) {
        workspace.removeLinkedService(name);
        spec.commandLine().getOut().println("removed " + name);
        return PipewrightCommand.OK;
      }
    }
  }
}
