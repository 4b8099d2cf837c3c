package io.pipewright.model;

/**
 * What validation needs to know of a compute target.
 *
 * @param kind the target kind, for example {@code local-spark} or {@code local-process}
 * @param runsSpark whether Spark steps can run there
 * @param maxCores cores a step may use there; 0 when unknown (remote pools)
 * @param localMode true where Spark runs in local mode (executors are threads of the driver)
 * @param tested whether the target's last connection test passed; a step on a remote target that
 *     never passed one is warned about ({@link DiagnosticCodes#UNTESTED_COMPUTE}). The built-in local
 *     kinds count as tested.
 * @param seesWorkspaceFiles whether the target's Spark reads this workspace's folders: a local kind,
 *     a cluster on this machine, or one with a staging folder; warned about otherwise ({@link
 *     DiagnosticCodes#WORKSPACE_FILES_NOT_SHARED})
 */
public record ComputeProfile(String name, String kind, boolean runsSpark, int maxCores, boolean localMode,
    boolean tested, boolean seesWorkspaceFiles) {

  /** Kinds that run on this machine, which need no connection test. */
  public static final String LOCAL_SPARK = "local-spark";
  public static final String LOCAL_PROCESS = "local-process";

  /** Without knowing whether it passed a connection test: counts as tested (no warning). */
  public ComputeProfile(String name, String kind, boolean runsSpark, int maxCores, boolean localMode) {
    this(name, kind, runsSpark, maxCores, localMode, true);
  }

  /** Without knowing where its files are: counts as seeing the workspace's (no warning). */
  public ComputeProfile(String name, String kind, boolean runsSpark, int maxCores, boolean localMode, boolean tested) {
    this(name, kind, runsSpark, maxCores, localMode, tested, true);
  }

  /** Whether the target is reached over the network (any kind but local Spark and local processes). */
  public boolean isRemote() {
    return !LOCAL_SPARK.equals(kind) && !LOCAL_PROCESS.equals(kind);
  }
}
