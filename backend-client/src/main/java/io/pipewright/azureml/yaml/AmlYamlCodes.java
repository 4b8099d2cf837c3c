package io.pipewright.azureml.yaml;

/**
 * The stable codes of what importing or exporting Azure ML pipeline YAML reports (docs/azureml-yaml.md
 * and docs/pipeline-format.md have the table). PW30x: reading YAML; PW32x: writing it. A code never
 * changes meaning and is never reused.
 */
public final class AmlYamlCodes {

  /** The text is not YAML (error, with the parser's line and column). */
  public static final String MALFORMED_YAML = "PW301";
  /** The YAML is not a pipeline job: no {@code jobs}, another {@code type}, not a mapping (error). */
  public static final String NOT_A_PIPELINE = "PW302";
  /** A field Pipewright has no place for; it is left out of the pipeline. */
  public static final String NOT_MAPPED = "PW303";
  /** A job type Pipewright has no step for (sweep, parallel, AutoML, a nested pipeline); the job is left out. */
  public static final String UNSUPPORTED_JOB = "PW304";
  /** A {@code component:} that cannot be read here (a registered component, a missing file). */
  public static final String COMPONENT_NOT_READ = "PW305";
  /** A {@code ${{...}}} binding to a job, output or input that does not exist. */
  public static final String UNRESOLVED_BINDING = "PW306";
  /** Data Pipewright cannot read as a dataset (a web URL, a local folder, a data asset of another kind). */
  public static final String DATA_NOT_MAPPED = "PW307";
  /** Where a job runs, as Pipewright cannot say it: serverless resources, an Azure ML environment. */
  public static final String COMPUTE_NOT_MAPPED = "PW308";
  /** A value of the wrong form (cores that are not whole numbers, a memory size Spark would not take). */
  public static final String BAD_VALUE = "PW309";

  /** A name changed to one Azure ML accepts (job, input and output names are identifiers there). */
  public static final String RENAMED = "PW321";
  /** An input mode the Azure ML examples do not use for Spark jobs (they read inputs directly). */
  public static final String SPARK_INPUT_MODE = "PW322";
  /** Something of the step that was not copied into its code folder (a file that does not exist). */
  public static final String NOT_COPIED = "PW323";

  private AmlYamlCodes() {}
}
