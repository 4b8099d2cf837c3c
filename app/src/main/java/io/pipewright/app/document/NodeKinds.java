package io.pipewright.app.document;

import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;

/** The canvas node kinds of a pipeline: they choose a node's colour, icon and skin. */
public final class NodeKinds {
  public static final String DATASET = "dataset";
  public static final String SPARK_PYTHON = "spark-python";
  public static final String SPARK_JAR = "spark-jar";
  public static final String SPARK_SQL = "spark-sql";
  public static final String SCRIPT = "script";

  private NodeKinds() {}

  public static String of(Step step) {
    if (step.kind() instanceof ScriptStep) {
      return SCRIPT;
    }
    SparkEntry entry = ((SparkStep) step.kind()).entry();
    if (entry instanceof SparkEntry.Sql) {
      return SPARK_SQL;
    }
    return entry instanceof SparkEntry.Jar ? SPARK_JAR : SPARK_PYTHON;
  }

  /** "Spark SQL", "Script", … for labels and tool tips. */
  public static String label(String kind) {
    switch (kind) {
      case DATASET: return "Dataset";
      case SPARK_PYTHON: return "Spark · Python";
      case SPARK_JAR: return "Spark · JAR";
      case SPARK_SQL: return "Spark · SQL";
      case SCRIPT: return "Script";
      default: return kind;
    }
  }
}
