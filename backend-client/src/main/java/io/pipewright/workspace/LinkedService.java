package io.pipewright.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A workspace's link to an Azure Synapse workspace; Synapse Spark pools are attached through one.
 *
 * @param synapseWorkspace the Synapse workspace's name ({@code contoso-synapse})
 */
public record LinkedService(String name, String subscriptionId, String resourceGroup, String synapseWorkspace) {

  public static final String KIND = "synapse";

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
  /** Synapse's rule: lowercase letters, digits and hyphens, 1–50, no hyphen at either end. */
  private static final Pattern SYNAPSE_WORKSPACE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?");

  /** Every problem of these values, field by field ({@code name}, {@code subscriptionId}, …). */
  public List<FieldProblem> problems() {
    List<FieldProblem> problems = new ArrayList<>();
    if (name == null || name.isBlank()) {
      problems.add(new FieldProblem(FieldProblem.NAME, "a linked service needs a name"));
    } else if (!NAME.matcher(name).matches()) {
      problems.add(new FieldProblem(FieldProblem.NAME, "linked service name '" + name + "' is not allowed: use 1 to 64"
          + " letters, digits, '-' or '_', starting with a letter"));
    }
    ComputeKind azureml = ComputeKind.of(ComputeKind.AZUREML).orElseThrow();
    azureml.check("subscriptionId", subscriptionId).ifPresent(m -> problems.add(new FieldProblem("subscriptionId", m)));
    azureml.check("resourceGroup", resourceGroup).ifPresent(m -> problems.add(new FieldProblem("resourceGroup", m)));
    if (synapseWorkspace == null || synapseWorkspace.isBlank()) {
      problems.add(new FieldProblem("synapseWorkspace", "Synapse workspace is required"));
    } else if (!SYNAPSE_WORKSPACE.matcher(synapseWorkspace).matches() || synapseWorkspace.contains("-ondemand")) {
      problems.add(new FieldProblem("synapseWorkspace", "Synapse workspace '" + synapseWorkspace + "' is not a Synapse"
          + " workspace name: 1 to 50 lowercase letters, digits or '-', no '-' at either end, without '-ondemand'"));
    }
    return problems;
  }
}
