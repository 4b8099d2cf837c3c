package io.pipewright.remote;

import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.workspace.WorkspaceException;

/**
 * One Spark job on a remote engine, as its backend drives it. {@link RemoteStep} calls these from
 * one background thread, in order: submit once, then poll and tail until the job ends; kill on
 * cancel.
 */
public interface RemoteJob {

  /** Where the job runs, for messages ("Livy at http://127.0.0.1:8998"). */
  String where();

  /**
   * Submits the job and returns its id on the engine. Never submits twice: when a create call's
   * answer is lost, the backend looks the job up by the submission's tag before sending it again.
   */
  String submit(Cancellation cancel) throws RemoteException, WorkspaceException;

  /** The job's state now. */
  JobState poll(String id, Cancellation cancel) throws RemoteException;

  /** Appends what the driver wrote since the last call to the step's log files. */
  void tail(String id, Cancellation cancel) throws RemoteException;

  /**
   * The driver's Spark UI (its monitoring REST API is under {@code /api/v1}), once the engine says
   * where it is; null until then, or when it never says. Called while the job runs, after a poll.
   */
  default String sparkUiUrl(String id, Cancellation cancel) throws RemoteException {
    return null;
  }

  /** Stops the job and its executors. */
  void kill(String id, Cancellation cancel) throws RemoteException;

  /**
   * A job's state as the engine reports it.
   *
   * @param label the engine's own word ("RUNNING", "starting"), for the step's log
   * @param message why it failed, in the engine's words, or null
   */
  record JobState(Phase phase, String label, String message) {
    public boolean ended() {
      return phase == Phase.SUCCEEDED || phase == Phase.FAILED || phase == Phase.KILLED;
    }
  }

  /** Where a remote job is in its life. */
  enum Phase { WAITING, RUNNING, SUCCEEDED, FAILED, KILLED }
}
