/** Pipewright's code that runs inside Spark: the SQL step driver. */
package io.pipewright.spark;
