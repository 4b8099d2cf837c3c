/** The JVM Spark job of the titanic-jvm sample. */
package io.pipewright.samples;
