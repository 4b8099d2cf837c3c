package io.pipewright.workspace;

import io.pipewright.model.Capacity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A kind of compute target reached over the network (Spark standalone, Livy, Synapse): how to test
 * it, what it offers, and the launcher that runs steps there. Found as a {@link
 * java.util.ServiceLoader} service, so that a workspace runs steps remotely without depending on the
 * backends (docs/decisions/0006-remote-launchers.md).
 */
public interface RemoteBackend extends ConnectionTester {

  /** The workspace's linked services by name: a Synapse pool target names the one it is reached through. */
  @FunctionalInterface
  interface LinkedServices {
    LinkedServices NONE = name -> Optional.empty();

    Optional<LinkedService> find(String name) throws WorkspaceException;
  }

  /** The workspace's compute targets by name: an Azure ML cluster names the Azure ML workspace target it belongs to. */
  @FunctionalInterface
  interface Computes {
    Computes NONE = name -> Optional.empty();

    Optional<ComputeTarget> find(String name) throws WorkspaceException;
  }

  /** What the workspace hands a backend's launchers. */
  record Context(Path sqlDriverJar, String sparkVersion, Passwords passwords, AzureSession azure,
      LinkedServices linkedServices, Computes computes) {

    public Context {
      azure = azure == null ? AzureSession.NONE : azure;
      linkedServices = linkedServices == null ? LinkedServices.NONE : linkedServices;
      computes = computes == null ? Computes.NONE : computes;
    }

    /** Without compute targets. */
    public Context(Path sqlDriverJar, String sparkVersion, Passwords passwords, AzureSession azure,
        LinkedServices linkedServices) {
      this(sqlDriverJar, sparkVersion, passwords, azure, linkedServices, Computes.NONE);
    }

    /** Without linked services. */
    public Context(Path sqlDriverJar, String sparkVersion, Passwords passwords, AzureSession azure) {
      this(sqlDriverJar, sparkVersion, passwords, azure, LinkedServices.NONE);
    }

    /** Without Azure. */
    public Context(Path sqlDriverJar, String sparkVersion, Passwords passwords) {
      this(sqlDriverJar, sparkVersion, passwords, AzureSession.NONE);
    }
  }

  /** The launcher of this kind's steps; one per workspace. */
  ComputeLauncher launcher(Context context);

  /**
   * Kills a job this backend's launcher submitted ({@link LaunchedStep#remoteJob()}), found after
   * a Pipewright died mid-run. Best effort: a job that has ended already, or a server that does
   * not answer within {@code timeout}, is reported in the returned sentence, never thrown.
   */
  String kill(ComputeTarget target, String jobId, Duration timeout, Context context);

  /** Live capacity (workers, cores and memory free); empty when the target does not say. */
  default Optional<Capacity> capacity(ComputeTarget target, Duration timeout) {
    return Optional.empty();
  }
}
