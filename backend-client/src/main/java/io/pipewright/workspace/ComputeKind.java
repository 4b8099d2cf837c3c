package io.pipewright.workspace;

import io.pipewright.workspace.ComputeSetting.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A kind of compute target and the settings it takes, so that the attach dialog can build its
 * fields and check them as they are typed.
 *
 * <p>Livy passwords are deliberately not a setting: Pipewright does not write them to its SQLite
 * history, where anyone who can read the workspace directory could read them. The app asks for the
 * password once per session when it first connects, and keeps it in memory only. The place to
 * persist it, when that is wanted, is the operating system's keychain (Secret Service, macOS
 * Keychain, Windows Credential Manager), keyed by the target's name, not this table.
 *
 * @param id the kind as stored ({@code spark-standalone})
 * @param label for people ("Spark standalone cluster")
 * @param runsSpark whether Spark steps can run there
 * @param builtIn whether the workspace's own default target of this kind can never be detached
 */
public record ComputeKind(String id, String label, String description, boolean runsSpark, boolean builtIn,
    List<ComputeSetting> settings) {

  public static final String LOCAL_SPARK = ComputeTarget.LOCAL_SPARK;
  public static final String LOCAL_PROCESS = ComputeTarget.LOCAL_PROCESS;
  public static final String SPARK_STANDALONE = "spark-standalone";
  public static final String LIVY = "livy";
  public static final String SYNAPSE_SPARK_POOL = "synapse-spark-pool";
  public static final String AZUREML = "azureml";
  public static final String AZUREML_CLUSTER = "azureml-cluster";

  /** Names of compute targets: a letter first, then letters, digits, {@code -} or {@code _}; 2 to 32 in all. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{1,31}");

  public ComputeKind {
    Objects.requireNonNull(id, "id");
    settings = List.copyOf(settings);
  }

  /** Every kind, in the order a dialog lists them. */
  public static List<ComputeKind> all() {
    int machineCores = Runtime.getRuntime().availableProcessors();
    return List.of(
        new ComputeKind(LOCAL_SPARK, "Local Spark", "Apache Spark in local mode on this machine", true, true, List.of(
            ComputeSetting.of("cores", "Cores", Type.WHOLE_NUMBER, false,
                "Threads Spark may use at most (local[N]); this machine has " + machineCores + ".")
                .withRange(1, machineCores).withDefault(Integer.toString(machineCores)),
            ComputeSetting.of("sparkHome", "Spark home", Type.SPARK_HOME, false,
                "A Spark home with jars/; empty for the one that comes with Pipewright."),
            ComputeSetting.of("javaHome", "Java home", Type.JAVA_HOME, false,
                "A Java 17 to 21 for Spark; empty for this app's Java or one found on the machine."),
            ComputeSetting.of("pysparkHome", "PySpark home", Type.DIRECTORY, false,
                "A Spark with bin/spark-submit and PySpark, for Python steps; empty for SPARK_HOME."),
            ComputeSetting.of("jvmOptions", "JVM options", Type.TEXT, false,
                "Extra options of the Spark JVM, separated by spaces."),
            ComputeSetting.of("classDataSharing", "Class-data sharing", Type.CHOICE, false,
                "Whether Spark starts from a class-data archive (faster start).")
                .withChoices(List.of("true", "false")),
            ComputeSetting.of("warmDriver", "Warm driver", Type.CHOICE, false,
                "Whether the designer runs SQL steps in a long-lived Spark driver (reruns in about a second).")
                .withChoices(List.of("true", "false")).withDefault("true"),
            ComputeSetting.of("warmIdleMinutes", "Warm driver idle stop", Type.WHOLE_NUMBER, false,
                "Minutes a warm driver with nothing to run stays up; it also stops when the designer closes.")
                .withRange(1, 1440).withDefault("10"))),
        new ComputeKind(LOCAL_PROCESS, "Local process", "Script steps as processes on this machine", false, true,
            List.of()),
        new ComputeKind(SPARK_STANDALONE, "Spark standalone cluster",
            "A Spark standalone master; jobs are submitted to its REST server", true, false, List.of(
            ComputeSetting.of("masterUrl", "Master URL", Type.URL, true, "The master, as spark://host:7077.")
                .withChoices(List.of("spark")),
            ComputeSetting.of("restUrl", "REST URL", Type.URL, false,
                "The master's REST submission server (needs spark.master.rest.enabled=true); empty for"
                    + " http://<master host>:6066.")
                .withChoices(List.of("http", "https")),
            ComputeSetting.of("webUrl", "Web UI URL", Type.URL, false,
                "The master's web UI, for capacity and driver logs; empty for http://<master host>:8080.")
                .withChoices(List.of("http", "https")),
            stagingDir(),
            readTimeout())),
        new ComputeKind(LIVY, "Apache Livy", "A Livy server (EMR, HDInsight, on premises)", true, false, List.of(
            ComputeSetting.of("url", "URL", Type.URL, true, "The Livy server, as http://host:8998.")
                .withChoices(List.of("http", "https")),
            ComputeSetting.of("auth", "Authentication", Type.CHOICE, false,
                "none (when empty), or basic (user name here; the password is asked when connecting, never stored).")
                .withChoices(List.of("none", "basic")).withDefault("none"),
            ComputeSetting.of("user", "User", Type.TEXT, false, "The user name for basic authentication."),
            ComputeSetting.of("proxyUser", "Proxy user", Type.TEXT, false,
                "The user the batches run as (Livy's proxyUser); empty for the server's default."),
            stagingDir(),
            readTimeout())),
        new ComputeKind(SYNAPSE_SPARK_POOL, "Synapse Spark pool",
            "A Spark pool of an Azure Synapse workspace, reached through a linked service", true, false, List.of(
            ComputeSetting.of("linkedService", "Linked service", Type.TEXT, true,
                "The linked service of the pool's Synapse workspace."),
            ComputeSetting.of("pool", "Spark pool", Type.PATTERN, true,
                "letters and digits, a letter first, at most 15 characters (Synapse's rule for pool names).")
                .withPattern("[A-Za-z][A-Za-z0-9]{0,14}"),
            ComputeSetting.of("nodeSize", "Node size", Type.CHOICE, true, "The pool's node size.")
                .withChoices(List.of("Small", "Medium", "Large", "XLarge", "XXLarge")).withDefault("Small"),
            ComputeSetting.of("nodeCount", "Node count", Type.WHOLE_NUMBER, true,
                "The pool's nodes (3 to 200).").withRange(3, 200).withDefault("3"))),
        new ComputeKind(AZUREML, "Azure Machine Learning workspace",
            "An Azure ML workspace, usually imported from its config.json", true, false, List.of(
            ComputeSetting.of("subscriptionId", "Subscription id", Type.GUID, true, "The Azure subscription."),
            ComputeSetting.of("resourceGroup", "Resource group", Type.PATTERN, true,
                "1 to 90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.'.")
                .withPattern("[\\w().-]{0,89}[\\w()-]"),
            ComputeSetting.of("workspaceName", "Workspace", Type.PATTERN, true,
                "3 to 33 letters, digits, '-' or '_', a letter or digit first.")
                .withPattern("[A-Za-z0-9][A-Za-z0-9_-]{2,32}"))),
        new ComputeKind(AZUREML_CLUSTER, "Azure ML compute cluster",
            "A CPU or GPU cluster (AmlCompute) of an Azure ML workspace, for script steps; created when missing",
            false, false, List.of(
            ComputeSetting.of("workspace", "Azure ML workspace", Type.TEXT, true,
                "The Azure Machine Learning workspace target the cluster belongs to."),
            ComputeSetting.of("vmSize", "VM size", Type.PATTERN, false,
                "The nodes' virtual machine size, as STANDARD_DS3_V2; used when Pipewright creates the cluster.")
                .withPattern("[A-Za-z][A-Za-z0-9_]{2,63}").withDefault("STANDARD_DS3_V2"),
            ComputeSetting.of("minNodes", "Minimum nodes", Type.WHOLE_NUMBER, false,
                "Nodes kept running when idle (0 costs nothing while idle).").withRange(0, 1000).withDefault("0"),
            ComputeSetting.of("maxNodes", "Maximum nodes", Type.WHOLE_NUMBER, false,
                "Nodes the cluster may scale up to.").withRange(1, 1000).withDefault("4"))));
  }

  private static ComputeSetting stagingDir() {
    return ComputeSetting.of("stagingDir", "Staging folder", Type.TEXT, false,
        "A folder every worker can read and write (a shared mount), where Pipewright copies what a step needs"
            + " and collects its outputs; empty for the workspace's own folders (a cluster on this machine).");
  }

  private static ComputeSetting readTimeout() {
    return ComputeSetting.of("readTimeout", "Read timeout (s)", Type.WHOLE_NUMBER, false,
        "Seconds to wait for each answer of the server before trying again; empty for 30.").withRange(1, 3600);
  }

  public static Optional<ComputeKind> of(String id) {
    return all().stream().filter(k -> k.id.equals(id)).findFirst();
  }

  public Optional<ComputeSetting> setting(String key) {
    return settings.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /** What is wrong with a compute target name; empty when it is acceptable. Uniqueness is the workspace's to check. */
  public static Optional<String> checkName(String name) {
    if (name == null || name.isBlank()) {
      return Optional.of("a compute target needs a name");
    }
    if (!NAME.matcher(name).matches()) {
      return Optional.of("compute target name '" + name + "' is not allowed: use 2 to 32 letters, digits, '-' or '_',"
          + " starting with a letter");
    }
    return Optional.empty();
  }

  /** What is wrong with one value as typed ({@code key} unknown to this kind included). */
  public Optional<String> check(String key, String value) {
    Optional<ComputeSetting> setting = setting(key);
    if (setting.isEmpty()) {
      return Optional.of(unknownSetting(key));
    }
    return setting.get().check(value);
  }

  /**
   * Every problem of a complete set of settings: unknown keys, missing required ones, each value,
   * and rules between fields (basic authentication needs a user). Blank values count as not given.
   */
  public List<FieldProblem> check(Map<String, String> values) {
    List<FieldProblem> problems = new ArrayList<>();
    for (String key : new TreeSet<>(values.keySet())) {
      if (setting(key).isEmpty()) {
        problems.add(new FieldProblem(key, unknownSetting(key)));
      }
    }
    for (ComputeSetting s : settings) {
      s.check(values.get(s.key())).ifPresent(m -> problems.add(new FieldProblem(s.key(), m)));
    }
    if (AZUREML_CLUSTER.equals(id) && isWholeNumber(values.get("minNodes")) && isWholeNumber(values.get("maxNodes"))
        && Long.parseLong(values.get("minNodes").strip()) > Long.parseLong(values.get("maxNodes").strip())) {
      problems.add(new FieldProblem("maxNodes", "Maximum nodes must be at least Minimum nodes"));
    }
    if (LIVY.equals(id) && "basic".equals(values.get("auth"))
        && (values.get("user") == null || values.get("user").isBlank())) {
      problems.add(new FieldProblem("user", "User is required with basic authentication"));
    }
    return problems;
  }

  private static boolean isWholeNumber(String value) {
    return value != null && value.strip().matches("\\d{1,9}");
  }

  private String unknownSetting(String key) {
    if (key.equalsIgnoreCase("password") || key.equalsIgnoreCase("secret") || key.equalsIgnoreCase("token")) {
      return "Pipewright does not store " + key + "s: it asks for one when it connects and keeps it for the session only";
    }
    List<String> keys = settings.stream().map(ComputeSetting::key).toList();
    return "a " + id + " compute has no setting '" + key + "'"
        + (keys.isEmpty() ? "" : " (it has: " + String.join(", ", new TreeSet<>(keys)) + ")");
  }
}
