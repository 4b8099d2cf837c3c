package io.pipewright.azureml;

import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.WorkspaceException;

/** An Azure ML workspace as a compute target of kind {@code azureml} names it, and its Resource Manager paths. */
record AzureMlWorkspaceRef(String subscriptionId, String resourceGroup, String workspaceName) {

  static AzureMlWorkspaceRef of(ComputeTarget target) throws WorkspaceException {
    String sub = target.setting("subscriptionId").orElse(null);
    String rg = target.setting("resourceGroup").orElse(null);
    String ws = target.setting("workspaceName").orElse(null);
    if (sub == null || rg == null || ws == null) {
      throw new WorkspaceException("Azure ML workspace target '" + target.name()
          + "' needs its Subscription, Resource group and Workspace: edit it in the Compute tab");
    }
    return new AzureMlWorkspaceRef(sub, rg, ws);
  }

  /** {@code /subscriptions/…/workspaces/NAME}, the workspace's Resource Manager id. */
  String path() {
    return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
        + "/providers/Microsoft.MachineLearningServices/workspaces/" + workspaceName;
  }

  String compute(String name) {
    return path() + "/computes/" + name;
  }
}
