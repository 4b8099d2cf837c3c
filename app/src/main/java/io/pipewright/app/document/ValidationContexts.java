package io.pipewright.app.document;

import io.pipewright.model.ComputeProfile;
import io.pipewright.model.ValidationContext;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.Datastore;
import io.pipewright.workspace.Workspace;
import io.pipewright.workspace.WorkspaceException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What validation needs to know about a workspace: its compute targets and which of them passed a
 * connection test, this machine's cores, its datastores.
 */
public final class ValidationContexts {
  private ValidationContexts() {}

  /** Reads the workspace (its history: call it in the background). */
  public static ValidationContext of(Path baseDirectory, Workspace workspace) throws WorkspaceException {
    return of(baseDirectory, workspace.computes(), workspace.testedComputes(), datastoreRoots(workspace.datastores()));
  }

  /** The datastores by name with their root folder (a local one's location), null for the others. */
  public static Map<String, Path> datastoreRoots(List<Datastore> datastores) {
    Map<String, Path> roots = new LinkedHashMap<>();
    for (Datastore d : datastores) {
      roots.put(d.name(), rootOf(d).orElse(null));
    }
    return roots;
  }

  /** A datastore's root folder when it is a folder of this machine (kind {@code local}). */
  public static Optional<Path> rootOf(Datastore datastore) {
    return "local".equals(datastore.kind()) ? Optional.of(Path.of(datastore.location())) : Optional.empty();
  }

  /** Without the datastores (their checks are skipped), and with every target counted as tested. */
  public static ValidationContext of(Path baseDirectory, List<ComputeTarget> targets) {
    return of(baseDirectory, targets, null, null);
  }

  /**
   * @param tested the names of the targets that passed a connection test ({@link
   *     Workspace#testedComputes()}); null when not known, which counts every target as tested
   * @param datastores as {@link #datastoreRoots}; null skips the datastore checks
   */
  public static ValidationContext of(Path baseDirectory, List<ComputeTarget> targets, Set<String> tested,
      Map<String, Path> datastores) {
    Map<String, ComputeProfile> computes = new LinkedHashMap<>();
    int machineCores = Runtime.getRuntime().availableProcessors();
    for (ComputeTarget target : targets) {
      boolean localSpark = ComputeTarget.LOCAL_SPARK.equals(target.kind());
      int cores = target.setting("cores").map(ValidationContexts::parseCores)
          .orElse(localSpark ? machineCores : 0);
      computes.put(target.name(),
          new ComputeProfile(target.name(), target.kind(), target.runsSpark(), cores, localSpark,
              tested == null || tested.contains(target.name()), target.seesWorkspaceFiles()));
    }
    return new ValidationContext(baseDirectory, computes, datastores);
  }

  private static int parseCores(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
