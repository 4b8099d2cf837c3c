package io.pipewright.model;

/** What a Spark step runs. Paths are relative to the step's source directory. */
public sealed interface SparkEntry permits SparkEntry.Python, SparkEntry.Jar, SparkEntry.Sql {

  /** The file the entry names (script, JAR or SQL file). */
  String file();

  /** A PySpark script. */
  record Python(String file) implements SparkEntry {}

  /** A JAR and the class whose {@code main} Spark calls. */
  record Jar(String file, String mainClass) implements SparkEntry {}

  /**
   * A SQL script run by Pipewright's SQL driver: each input is a temporary view named after its
   * port, each output is written from the view named after it.
   */
  record Sql(String file) implements SparkEntry {}
}
