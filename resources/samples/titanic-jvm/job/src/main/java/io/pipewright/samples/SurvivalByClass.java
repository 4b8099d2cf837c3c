package io.pipewright.samples;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The titanic-jvm sample's Spark job: survival by passenger class, sex and age band.
 *
 * <pre>SurvivalByClass --input PATH --output DIR</pre>
 *
 * Reads the Titanic CSV (with header) at PATH, shows it, computes passengers, survivors and the
 * survival rate per class, sex and age band with the Dataset API, shows that, and writes it to DIR
 * as one CSV file with a header (overwriting DIR).
 */
public final class SurvivalByClass {

  private static final String USAGE = "usage: SurvivalByClass --input PATH --output DIR";

  private SurvivalByClass() {}

  public static void main(String[] args) {
    String input = null;
    String output = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (!option.equals("--input") && !option.equals("--output")) {
        usage("unknown argument '" + option + "'");
      }
      if (i + 1 >= args.length || args[i + 1].isBlank()) {
        usage(option + " needs a value");
      }
      if (option.equals("--input")) {
        input = args[++i];
      } else {
        output = args[++i];
      }
    }
    if (input == null || output == null) {
      usage((input == null ? "--input" : "--output") + " is required");
    }

    SparkSession.Builder builder = SparkSession.builder().appName("titanic-survival-by-class");
    if (System.getProperty("spark.master") == null) {
      builder.master("local[*]");
    }
    SparkSession spark = builder.getOrCreate();
    try {
      Dataset<Row> passengers =
          spark.read().option("header", "true").option("inferSchema", "true").csv(input);
      passengers.show();

      Column age = col("Age");
      Column ageBand =
          when(age.isNull(), lit("unknown"))
              .when(age.lt(13), lit("0-12 child"))
              .when(age.lt(20), lit("13-19 teen"))
              .when(age.lt(40), lit("20-39 adult"))
              .when(age.lt(60), lit("40-59 middle"))
              .otherwise(lit("60+ senior"));

      Dataset<Row> survival =
          passengers
              .withColumn("AgeBand", ageBand)
              .groupBy(col("Pclass"), col("Sex"), col("AgeBand"))
              .agg(
                  count(lit(1)).as("passengers"),
                  sum(col("Survived")).as("survived"),
                  round(avg(col("Survived")), 3).as("survival_rate"))
              .orderBy(col("Pclass"), col("Sex"), col("AgeBand"));
      survival.show(50, false);

      survival.coalesce(1).write().mode(SaveMode.Overwrite).option("header", "true").csv(output);
      System.out.println("wrote " + survival.count() + " groups to " + output);
    } finally {
      spark.stop();
    }
  }

  private static void usage(String problem) {
    System.err.println("SurvivalByClass: " + problem);
    System.err.println(USAGE);
    System.exit(2);
  }
}
