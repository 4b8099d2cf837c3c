package io.pipewright.local;

import io.pipewright.model.ScriptStep;
import io.pipewright.workspace.ComputeLauncher;
import io.pipewright.workspace.LaunchedStep;
import io.pipewright.workspace.StepLaunch;
import io.pipewright.workspace.WorkspaceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs script steps ({@code python3 train.py …}) as processes in their source directory. Python
 * output is unbuffered so that stdout reaches the log as it is printed.
 */
final class LocalProcessLauncher implements ComputeLauncher {

  @Override
  public LaunchedStep launch(StepLaunch launch) throws WorkspaceException {
    if (!(launch.step().kind() instanceof ScriptStep script)) {
      throw new WorkspaceException("step '" + launch.step().name() + "' is a Spark step; the compute '"
          + launch.target().name() + "' (" + launch.target().kind() + ") runs only script steps");
    }
    List<String> command = new ArrayList<>();
    try {
      command.addAll(io.pipewright.model.ShellWords.split(script.command()));
    } catch (IllegalArgumentException e) {
      throw new WorkspaceException("step '" + launch.step().name() + "': " + e.getMessage());
    }
    if (command.isEmpty()) {
      throw new WorkspaceException("step '" + launch.step().name() + "' has an empty command");
    }
    command.addAll(launch.arguments());
    if (!launch.step().environment().pipPackages().isEmpty()) {
      launch.logs().note("note: pip packages are not installed by the " + launch.target().kind()
          + " compute; this step expects them in its Python already: "
          + String.join(", ", launch.step().environment().pipPackages()));
    }
    Map<String, String> env = new HashMap<>(launch.step().environment().variables());
    env.put("PYTHONUNBUFFERED", "1");
    env.put("PIPEWRIGHT_RUN_ID", launch.runId());
    env.put("PIPEWRIGHT_STEP_ID", launch.step().id());
    return ProcessStep.start(command, launch.sourceDirectory(), env, launch.logs(), command.get(0));
  }
}
