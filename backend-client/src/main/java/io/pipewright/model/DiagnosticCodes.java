package io.pipewright.model;

/**
 * The stable codes of {@link Diagnostic}s. A code never changes meaning and is never reused;
 * docs/pipeline-format.md has the table. PW0xx: the file is not a pipeline of this format.
 * PW1xx: the pipeline is well formed but cannot run as it is, or will not run as written.
 */
public final class DiagnosticCodes {

  /** The text is not JSON. */
  public static final String MALFORMED_JSON = "PW001";
  /** {@code schemaVersion} is newer than this version reads. */
  public static final String NEWER_SCHEMA = "PW002";
  /** {@code schemaVersion} is missing or not a version this format ever had. */
  public static final String BAD_SCHEMA_VERSION = "PW003";
  /** A field the format does not have (or that does not apply there). */
  public static final String UNKNOWN_FIELD = "PW004";
  /** A field of the wrong JSON type. */
  public static final String WRONG_TYPE = "PW005";
  /** A required field is missing or empty. */
  public static final String MISSING_FIELD = "PW006";
  /** A value outside its allowed set (dataset kind, input mode, step type, entry shape). */
  public static final String INVALID_VALUE = "PW007";

  /** Steps form a cycle. */
  public static final String CYCLE = "PW101";
  /** A required input has no edge into it. */
  public static final String UNCONNECTED_INPUT = "PW102";
  /** An edge starts or ends at a node that does not exist. */
  public static final String DANGLING_EDGE = "PW103";
  /** An edge names a port its node does not have (or names none where one is needed). */
  public static final String UNKNOWN_PORT = "PW104";
  /** An edge runs the wrong way: from a step input, to a step output or to a dataset. */
  public static final String WRONG_DIRECTION = "PW105";
  /** Two edges end at the same input. */
  public static final String INPUT_TWICE = "PW106";
  /** Two steps, datasets or edges share an id (one namespace). */
  public static final String DUPLICATE_ID = "PW107";
  /** Two ports of one step share a name (inputs and outputs together). */
  public static final String DUPLICATE_PORT = "PW108";
  /** Two steps share a display name. */
  public static final String DUPLICATE_STEP_NAME = "PW109";
  /** {@code {inputs.X}} where the step has no input X. */
  public static final String UNKNOWN_INPUT_PLACEHOLDER = "PW110";
  /** {@code {outputs.X}} where the step has no output X. */
  public static final String UNKNOWN_OUTPUT_PLACEHOLDER = "PW111";
  /** {@code {parameters.X}} where the pipeline has no parameter X. */
  public static final String UNKNOWN_PARAMETER_PLACEHOLDER = "PW112";
  /** A memory size Spark would not accept. */
  public static final String INVALID_MEMORY = "PW113";
  /** Cores or executors below 1. */
  public static final String CORES_OUT_OF_RANGE = "PW114";
  /** Dynamic allocation bounds out of order or negative. */
  public static final String BAD_DYNAMIC_ALLOCATION = "PW115";
  /** A Spark step on a compute target that cannot run Spark. */
  public static final String COMPUTE_CANNOT_RUN_SPARK = "PW116";
  /** A compute target that does not exist. */
  public static final String UNKNOWN_COMPUTE = "PW117";
  /** A step's source directory does not exist. */
  public static final String MISSING_SOURCE_DIRECTORY = "PW118";
  /** A Spark step's entry file does not exist. */
  public static final String MISSING_ENTRY_FILE = "PW119";
  /** More executor cores than local mode on this machine has. */
  public static final String LOCAL_CORES_CAPPED = "PW120";
  /** Settings local mode does not honour (executor memory, number of executors). */
  public static final String LOCAL_SETTINGS_IGNORED = "PW121";
  /** A script step with an empty command. */
  public static final String EMPTY_COMMAND = "PW122";
  /** A step with no compute target and no pipeline default. */
  public static final String NO_COMPUTE = "PW123";
  /** Two pipeline parameters share a name. */
  public static final String DUPLICATE_PARAMETER = "PW124";
  /** A dataset names a datastore the workspace does not have. */
  public static final String UNKNOWN_DATASTORE = "PW125";
  /** A dataset's path is not in its datastore. */
  public static final String MISSING_DATASET_PATH = "PW126";
  /** A step runs on a remote compute target that has never passed a connection test. */
  public static final String UNTESTED_COMPUTE = "PW127";

  /** A remote target on another machine with no staging folder: its workers cannot see the workspace's files. */
  public static final String WORKSPACE_FILES_NOT_SHARED = "PW128";
  /** Driver or executor memory below the 450 MiB Spark needs to start (1.5 × the 300 MiB it reserves). */
  public static final String MEMORY_BELOW_SPARK_MINIMUM = "PW129";
  /** A value Spark would refuse for a conf key it knows (a number, size, duration, true or false), or no value. */
  public static final String BAD_CONF_VALUE = "PW130";
  /** A conf key the step has a field for ({@code spark.driver.memory} is Driver memory). */
  public static final String CONF_REPEATS_A_FIELD = "PW131";

  private DiagnosticCodes() {}
}
