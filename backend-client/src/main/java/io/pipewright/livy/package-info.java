/**
 * Livy-style batch backends: Apache Livy (Spark steps as Livy batches: create, poll, page the log,
 * delete, with basic authentication whose password is asked once per session and kept in memory
 * only) and Azure Synapse Spark pools (the same batches through Synapse's Livy-compatible API with
 * Azure AD tokens, the step's files staged in the Synapse workspace's ADLS Gen2 storage).
 */
package io.pipewright.livy;
