package io.pipewright.workspace;

import java.time.Duration;

/**
 * Tests the connection to one kind of remote compute target. Backends that reach a cluster over the
 * network (standalone, Livy, Azure) provide one as a {@link java.util.ServiceLoader} service, so
 * that a workspace can test targets without depending on those backends.
 */
public interface ConnectionTester {

  /** The compute kind this tests ({@code spark-standalone}). */
  String kind();

  /**
   * Tests the target, whose settings are already valid for its kind. Never throws: every failure
   * is a {@link ConnectionTest.Outcome#FAILED} result with a message for the user. Each network
   * call gives up after {@code timeout}.
   */
  ConnectionTest test(ComputeTarget target, Duration timeout);

  /**
   * As {@link #test(ComputeTarget, Duration)}, with what the workspace hands its backends: the
   * session's passwords, its Azure sign-in, its linked services and compute targets.
   */
  default ConnectionTest test(ComputeTarget target, Duration timeout, RemoteBackend.Context context) {
    return test(target, timeout);
  }
}
