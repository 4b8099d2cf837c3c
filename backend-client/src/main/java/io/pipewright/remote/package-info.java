/**
 * What every remote Spark launcher shares (standalone, Livy, later Synapse): a step as a backend-neutral
 * {@link io.pipewright.remote.SparkSubmission}, the {@link io.pipewright.remote.Staging} of its files where
 * the cluster can read them, and {@link io.pipewright.remote.RemoteStep}, the life of one remote job
 * (submit once, poll, tail logs by offset, cancel, collect outputs). See
 * docs/decisions/0006-remote-launchers.md.
 */
package io.pipewright.remote;
