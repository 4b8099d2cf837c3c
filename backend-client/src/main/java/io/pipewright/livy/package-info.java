/**
 * The Apache Livy backend: Spark steps as Livy batches (create, poll, page the log, delete), with
 * basic authentication whose password is asked once per session and kept in memory only.
 */
package io.pipewright.livy;
