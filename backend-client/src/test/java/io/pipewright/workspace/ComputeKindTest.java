package io.pipewright.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.model.Pipeline;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compute kinds describe their settings and check values field by field, never changing them. */
class ComputeKindTest {

  @TempDir Path temp;

  private static ComputeKind kind(String id) {
    return ComputeKind.of(id).orElseThrow();
  }

  @Test
  void everyKindTheDialogOffersIsDescribed() {
    assertThat(ComputeKind.all()).extracting(ComputeKind::id).containsExactly(
        "local-spark", "local-process", "spark-standalone", "livy", "synapse-spark-pool", "azureml",
        "azureml-cluster");
    assertThat(kind("spark-standalone").settings()).extracting(ComputeSetting::key).containsExactly("masterUrl", "restUrl", "webUrl", "stagingDir", "readTimeout");
  }

  @Test
  void anAzureMlClusterNeedsItsWorkspaceAndNodesInOrder() {
    ComputeKind cluster = kind("azureml-cluster");
    assertThat(cluster.check(java.util.Map.of("vmSize", "STANDARD_DS3_V2"))).extracting(FieldProblem::field)
        .containsExactly("workspace");
    assertThat(cluster.check(java.util.Map.of("workspace", "ml", "minNodes", "5", "maxNodes", "2")))
        .extracting(FieldProblem::message).containsExactly("Maximum nodes must be at least Minimum nodes");
    assertThat(cluster.check(java.util.Map.of("workspace", "ml", "minNodes", "0", "maxNodes", "4"))).isEmpty();
  }

  @Test
  void aMasterUrlWithoutAPortIsRefusedSayingWhatItShouldLookLike() {
    assertThat(kind("spark-standalone").check("masterUrl", "spark://cluster"))
        .contains("Master URL must look like spark://host:port: 'spark://cluster' has no port");
  }

  @Test
  void aMasterUrlWithTheWrongSchemeIsRefused() {
    assertThat(kind("spark-standalone").check("masterUrl", "http://cluster:7077"))
        .contains("Master URL must start with spark://, not 'http://cluster:7077'");
  }

  @Test
  void aRestUrlWithHostAndPortIsAccepted() {
    assertThat(kind("spark-standalone").check("restUrl", "http://127.0.0.1:6066")).isEmpty();
  }

  @Test
  void aValueIsCheckedAsTypedAndNotTrimmed() {
    assertThat(kind("spark-standalone").check("restUrl", " http://h:6066")).contains("REST URL must not start or end with spaces");
  }

  @Test
  void coresAboveThisMachinesAreRefused() {
    int machine = Runtime.getRuntime().availableProcessors();

    assertThat(kind("local-spark").check("cores", Integer.toString(machine + 1)))
        .contains("Cores must be a whole number from 1 to " + machine + ", not '" + (machine + 1) + "'");
    assertThat(kind("local-spark").check("cores", "1")).isEmpty();
  }

  @Test
  void aJavaHomeThatIsJava25IsRefusedWithTheRangeSparkNeeds() throws Exception {
    Path jdk = Files.createDirectories(temp.resolve("jdk25"));
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");

    assertThat(kind("local-spark").check("javaHome", jdk.toString()))
        .contains("Java home " + jdk + " is Java 25; Spark needs Java 17 to 21");
  }

  @Test
  void aSparkHomeWithoutSparkCoreIsRefused() throws Exception {
    Path home = Files.createDirectories(temp.resolve("spark/jars"));

    assertThat(kind("local-spark").check("sparkHome", home.getParent().toString()))
        .contains("Spark home " + home.getParent() + " is not a Spark home (jars/ has no spark-core jar)");
  }

  @Test
  void aMissingDirectoryIsRefused() {
    assertThat(kind("local-spark").check("pysparkHome", temp.resolve("none").toString()))
        .contains("PySpark home " + temp.resolve("none") + " is not an existing directory");
  }

  @Test
  void livyWithBasicAuthenticationNeedsAUser() {
    List<FieldProblem> problems = kind("livy").check(Map.of("url", "http://livy:8998", "auth", "basic"));

    assertThat(problems).containsExactly(new FieldProblem("user", "User is required with basic authentication"));
  }

  @Test
  void aPasswordIsNotASettingAndTheReasonSaysItIsAskedPerSession() {
    List<FieldProblem> problems = kind("livy").check(Map.of("url", "http://livy:8998", "auth", "basic", "user", "ada",
        "password", "secret"));

    assertThat(problems).extracting(FieldProblem::field).containsExactly("password");
    assertThat(problems.get(0).message()).contains("does not store passwords").contains("for the session only");
  }

  @Test
  void everyMissingRequiredSettingIsReportedAtItsField() {
    List<FieldProblem> problems = kind("synapse-spark-pool").check(Map.of("nodeSize", "Huge"));

    assertThat(problems).extracting(FieldProblem::field).containsExactly("linkedService", "pool", "nodeSize", "nodeCount");
    assertThat(problems.get(2).message()).isEqualTo("Node size must be one of Small, Medium, Large, XLarge, XXLarge, not 'Huge'");
  }

  @Test
  void anUnknownSettingIsNamedWithTheOnesTheKindHas() {
    assertThat(kind("spark-standalone").check("master", "x"))
        .contains("a spark-standalone compute has no setting 'master' (it has: masterUrl, readTimeout, restUrl, stagingDir, webUrl)");
  }

  @Test
  void aSubscriptionIdMustBeAGuid() {
    assertThat(kind("azureml").check("subscriptionId", "my-subscription"))
        .contains("Subscription id must be an id like 00000000-0000-0000-0000-000000000000, not 'my-subscription'");
  }

  @Test
  void targetNamesStartWithALetterAndHaveNoSpaces() {
    assertThat(ComputeKind.checkName("link1-spark01")).isEmpty();
    assertThat(ComputeKind.checkName("my pool")).isPresent();
    assertThat(ComputeKind.checkName("1pool")).isPresent();
  }

  @Test
  void anAzureMlConfigJsonGivesTheThreeSettings() throws Exception {
    Map<String, String> settings = AzureMlConfig.parse("""
        {"subscription_id": "6b5c4a3e-1111-2222-3333-444455556666", "resource_group": "rg-ml",
         "workspace_name": "ws-titanic"}""", "config.json");

    assertThat(settings).containsExactly(Map.entry("subscriptionId", "6b5c4a3e-1111-2222-3333-444455556666"),
        Map.entry("resourceGroup", "rg-ml"), Map.entry("workspaceName", "ws-titanic"));
    assertThat(kind("azureml").check(settings)).isEmpty();
  }

  @Test
  void aConfigJsonWithoutTheWorkspaceNameSaysWhichKeyIsMissing() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AzureMlConfig.parse(
            "{\"subscription_id\": \"x\", \"resource_group\": \"rg\"}", "config.json"))
        .isInstanceOf(WorkspaceException.class)
        .hasMessage("config.json is not an Azure ML config.json: it has no workspace_name");
  }

  @Test
  void theStepsUsingATargetAreThoseNamingItAndThoseOnThePipelineDefault() {
    SparkStep spark = new SparkStep(new SparkEntry.Sql("prep.sql"), SparkSettings.DEFAULTS);
    Step own = new Step("prep", "prep", null, spark, "link1-spark01", ".", null, null, null, null, true);
    Step byDefault = new Step("clean", "clean", null, spark, null, ".", null, null, null, null, true);
    Step elsewhere = new Step("train", "train", null, new ScriptStep("python3 train.py"), "local-process", ".", null,
        null, null, null, true);
    Pipeline pipeline = new Pipeline("p", "p", null, null, "link1-spark01", null, List.of(own, byDefault, elsewhere), null, null);

    assertThat(ComputeTarget.stepsUsing(pipeline, "link1-spark01")).extracting(Step::id).containsExactly("prep", "clean");
    assertThat(ComputeTarget.stepsUsing(pipeline, "local-process")).extracting(Step::id).containsExactly("train");
  }

  @Test
  void withoutAPipelineDefaultAStepRunsOnTheBuiltInTargetOfItsKind() {
    Step script = new Step("s", "s", null, new ScriptStep("echo"), null, ".", null, null, null, null, true);
    Pipeline pipeline = new Pipeline("p", "p", null, null, null, null, List.of(script), null, null);

    assertThat(ComputeTarget.stepsUsing(pipeline, "local-process")).hasSize(1);
  }
}
