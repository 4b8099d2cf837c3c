/**
 * The Spark standalone backend: a master's REST submission server. For now, the connection test of
 * {@code spark-standalone} compute targets; the launcher comes with the remote backends.
 */
package io.pipewright.standalone;
