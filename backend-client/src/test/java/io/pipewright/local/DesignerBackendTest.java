package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.model.Capacity;
import io.pipewright.model.DatasetKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import io.pipewright.workspace.DatasetPreview;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.DatastoreEntry;
import io.pipewright.workspace.FieldProblem;
import io.pipewright.workspace.InvalidFieldsException;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.WorkspaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the designer's Compute, Linked services and Datasets views do through the workspace. */
class DesignerBackendTest {

  @TempDir Path temp;
  private LocalWorkspace workspace;

  private static final String SUBSCRIPTION = "6b5c4a3e-1111-2222-3333-444455556666";
  private static final LinkedService LINK1 = new LinkedService("link1", SUBSCRIPTION, "rg-ml", "contoso-synapse");
  private static final Map<String, String> STANDALONE =
      Map.of("masterUrl", "spark://127.0.0.1:7077", "restUrl", "http://127.0.0.1:6066");

  @BeforeEach
  void open() throws Exception {
    workspace = LocalWorkspace.open(temp.resolve("home"));
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  private Path data(String relative, String content) throws Exception {
    Path file = workspace.datastoreRoot("default").resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  // ---- compute targets ------------------------------------------------------------------------

  @Test
  void anAttachedTargetIsListedAndSurvivesReopening() throws Exception {
    workspace.attachCompute("cluster1", "spark-standalone", STANDALONE);
    workspace.close();
    workspace = LocalWorkspace.open(temp.resolve("home"));

    assertThat(workspace.computes()).extracting(ComputeTarget::name).containsExactly("local-spark", "local-process", "cluster1");
    assertThat(workspace.computes().get(2).settings()).isEqualTo(STANDALONE);
  }

  @Test
  void attachingATakenNameIsRefusedAtTheNameField() throws Exception {
    workspace.attachCompute("cluster1", "spark-standalone", STANDALONE);

    assertThatThrownBy(() -> workspace.attachCompute("cluster1", "spark-standalone", STANDALONE))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.problems()).containsExactly(
            new FieldProblem("name", "a compute target named 'cluster1' already exists: choose another name")));
  }

  @Test
  void attachingWithInvalidSettingsReportsEveryFieldAndSavesNothing() throws Exception {
    assertThatThrownBy(() -> workspace.attachCompute("cluster1", "spark-standalone",
            Map.of("masterUrl", "cluster:7077", "restUrl", "http://cluster")))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.problems())
            .extracting(FieldProblem::field).containsExactly("masterUrl", "restUrl"));
    assertThat(workspace.computes()).hasSize(2);
  }

  @Test
  void aSynapsePoolNeedsAnExistingLinkedService() {
    assertThatThrownBy(() -> workspace.attachCompute("link1-spark01", "synapse-spark-pool",
            Map.of("linkedService", "link1", "pool", "spark01", "nodeSize", "Small", "nodeCount", "3")))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.problems()).containsExactly(
            new FieldProblem("linkedService", "there is no linked service 'link1': add the Synapse workspace's linked service first")));
  }

  @Test
  void jvmOptionsTheJavaOfLocalSparkRefusesAreRefusedInItsWordsAndNothingIsSaved() throws Exception {
    String before = workspace.compute("local-spark").orElseThrow().settings().getOrDefault("jvmOptions", "");

    assertThatThrownBy(() -> workspace.updateCompute("local-spark", Map.of("jvmOptions", "-XX:TieredStopAtLevel=1 -XX:Bogus")))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(p -> {
              assertThat(p.field()).isEqualTo("jvmOptions");
              assertThat(p.message()).isEqualTo(
                  "JVM options are refused by the Java Spark runs on: Unrecognized VM option 'Bogus'");
            }));
    assertThatThrownBy(() -> workspace.attachCompute("spark-small", "local-spark", Map.of("jvmOptions", "-Xmx2")))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(p -> assertThat(p.message()).contains("Too small maximum heap")));

    assertThat(workspace.compute("local-spark").orElseThrow().settings().getOrDefault("jvmOptions", "")).isEqualTo(before);
    assertThat(workspace.compute("spark-small")).isEmpty();
    ComputeTarget accepted = workspace.updateCompute("local-spark", Map.of("jvmOptions", "-XX:TieredStopAtLevel=1 -Xss4m"));
    assertThat(accepted.settings()).containsEntry("jvmOptions", "-XX:TieredStopAtLevel=1 -Xss4m");
  }

  @Test
  void updatingATargetChecksOnlyWhatChangesAndRemovesEmptiedSettings() throws Exception {
    workspace.attachCompute("livy1", "livy", Map.of("url", "http://livy:8998", "auth", "basic", "user", "ada"));

    ComputeTarget updated = workspace.updateCompute("livy1", Map.of("url", "https://livy.example.com:8443"));

    assertThat(updated.settings()).containsEntry("url", "https://livy.example.com:8443").containsEntry("user", "ada");
    assertThatThrownBy(() -> workspace.updateCompute("livy1", Map.of("user", "")))
        .hasMessage("User is required with basic authentication");
  }

  @Test
  void theBuiltInTargetsCannotBeDetachedAndSaySo() {
    assertThatThrownBy(() -> workspace.detachCompute("local-spark"))
        .isInstanceOf(WorkspaceException.class)
        .hasMessage("'local-spark' is built in: it is how steps run on this machine with Spark, and cannot be detached"
            + " (change its settings instead)");
    assertThatThrownBy(() -> workspace.detachCompute("local-process")).hasMessageContaining("is built in");
  }

  @Test
  void anAttachedTargetCanBeDetached() throws Exception {
    workspace.attachCompute("cluster1", "spark-standalone", STANDALONE);

    workspace.detachCompute("cluster1");

    assertThat(workspace.computes()).extracting(ComputeTarget::name).doesNotContain("cluster1");
  }

  @Test
  void testingTheLocalSparkTargetReportsTheSparkAndJavaVersions() {
    ConnectionTest test = workspace.testConnection(new ComputeTarget("local-spark", "local-spark", Map.of()));

    assertThat(test.outcome()).as(test.toString()).isEqualTo(ConnectionTest.Outcome.OK);
    assertThat(test.message()).matches("Spark 4\\.\\S+ runs on Java (17|18|19|20|21)\\S*");
    assertThat(test.details()).anyMatch(d -> d.startsWith("Spark home: ")).anyMatch(d -> d.startsWith("Java for Spark: "));
  }

  @Test
  void testingALocalSparkTargetWithAMissingSparkHomeFailsSayingWhy() throws Exception {
    Path empty = Files.createDirectories(temp.resolve("not-spark"));

    ConnectionTest test = workspace.testConnection(new ComputeTarget("x", "local-spark", Map.of("sparkHome", empty.toString())));

    assertThat(test.outcome()).isEqualTo(ConnectionTest.Outcome.FAILED);
    assertThat(test.details()).containsExactly("Spark home " + empty + " is not a Spark home (it has no jars/ directory)");
  }

  @Test
  void testingALivyTargetNobodyListensAtFailsNamingTheAddressAndTheCause() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ConnectionTest test = workspace.testConnection(new ComputeTarget("livy1", "livy",
        Map.of("url", "http://127.0.0.1:" + port, "auth", "none")));

    assertThat(test.outcome()).isEqualTo(ConnectionTest.Outcome.FAILED);
    assertThat(test.message()).contains("127.0.0.1:" + port).contains("connection refused");
  }

  @Test
  void testingASynapsePoolSignedOutSaysToSignInRatherThanPretending() throws Exception {
    workspace.addLinkedService(new io.pipewright.workspace.LinkedService("synapse1",
        "00000000-0000-0000-0000-000000000000", "rg", "ws1"));
    ConnectionTest test = workspace.testConnection(new ComputeTarget("pool1", "synapse-spark-pool",
        Map.of("linkedService", "synapse1", "pool", "pool1", "nodeSize", "Small", "nodeCount", "3")));

    assertThat(test.outcome()).isEqualTo(ConnectionTest.Outcome.FAILED);
    assertThat(test.message()).contains("Not signed in to Azure");
  }

  @Test
  void theLocalCapacityIsTheComputesCoresAndThisMachinesMemory() throws Exception {
    workspace.updateCompute("local-spark", Map.of("cores", "1"));

    Capacity capacity = workspace.capacityOf(workspace.compute("local-spark").orElseThrow()).orElseThrow();

    assertThat(capacity.cores()).isEqualTo(1);
    assertThat(capacity.localMode()).isTrue();
    assertThat(capacity.memoryBytes()).isGreaterThan(256L << 20);
  }

  @Test
  void aSynapsePoolsCapacityIsItsNodeSizeTimesItsNodeCount() throws Exception {
    workspace.addLinkedService(LINK1);
    ComputeTarget pool = workspace.attachCompute("link1-spark01", "synapse-spark-pool",
        Map.of("linkedService", "link1", "pool", "spark01", "nodeSize", "Medium", "nodeCount", "4"));

    Capacity capacity = workspace.capacityOf(pool).orElseThrow();

    assertThat(capacity.cores()).isEqualTo(32);
    assertThat(capacity.memoryBytes()).isEqualTo(256L << 30);
  }

  // ---- linked services ------------------------------------------------------------------------

  @Test
  void aLinkedServiceIsKeptAcrossReopening() throws Exception {
    workspace.addLinkedService(LINK1);
    workspace.close();
    workspace = LocalWorkspace.open(temp.resolve("home"));

    assertThat(workspace.linkedServices()).containsExactly(LINK1);
  }

  @Test
  void aLinkedServiceWithInvalidValuesIsRefusedFieldByField() {
    assertThatThrownBy(() -> workspace.addLinkedService(new LinkedService("link 1", "abc", "rg", "Contoso_Synapse")))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.problems())
            .extracting(FieldProblem::field).containsExactly("name", "subscriptionId", "synapseWorkspace"));
  }

  @Test
  void aLinkedServiceInUseByAPoolCannotBeRemovedUntilThePoolIsDetached() throws Exception {
    workspace.addLinkedService(LINK1);
    workspace.attachCompute("link1-spark01", "synapse-spark-pool",
        Map.of("linkedService", "link1", "pool", "spark01", "nodeSize", "Small", "nodeCount", "3"));

    assertThatThrownBy(() -> workspace.removeLinkedService("link1"))
        .hasMessage("linked service 'link1' cannot be removed while Synapse pool target link1-spark01 uses it:"
            + " detach that target first");

    workspace.detachCompute("link1-spark01");
    workspace.removeLinkedService("link1");
    assertThat(workspace.linkedServices()).isEmpty();
  }

  // ---- datastores and datasets ----------------------------------------------------------------

  @Test
  void browsingADatastoreListsFoldersFirstWithRelativePaths() throws Exception {
    data("titanic/Titanic.csv", "a\n1\n");
    data("notes.txt", "hello");

    List<DatastoreEntry> root = workspace.browse("default", "");
    List<DatastoreEntry> titanic = workspace.browse("default", "titanic");

    assertThat(root).extracting(DatastoreEntry::path).containsExactly("titanic", "notes.txt");
    assertThat(root.get(1).size()).isEqualTo(5);
    assertThat(titanic).extracting(DatastoreEntry::path).containsExactly("titanic/Titanic.csv");
  }

  @Test
  void browsingUpOutOfTheDatastoreIsRefused() {
    assertThatThrownBy(() -> workspace.browse("default", "titanic/../.."))
        .hasMessage("'titanic/../..' is not a path inside datastore 'default': '..' is not allowed, paths cannot leave"
            + " the datastore");
  }

  @Test
  void anAbsolutePathIsRefused() {
    assertThatThrownBy(() -> workspace.browse("default", "/etc"))
        .hasMessageStartingWith("'/etc' is not a path inside datastore 'default': give it relative to the datastore");
  }

  @Test
  void aLinkLeadingOutOfTheDatastoreIsRefused() throws Exception {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.createSymbolicLink(workspace.datastoreRoot("default").resolve("escape"), outside);

    assertThatThrownBy(() -> workspace.browse("default", "escape"))
        .hasMessage("'escape' leads outside datastore 'default' through a link");
  }

  @Test
  void registeringANameTwiceMakesVersionOneThenTwo() throws Exception {
    data("titanic/Titanic.csv", "PassengerId,Name\n1,\"Braund, Mr. Owen Harris\"\n");
    data("titanic2/Titanic.csv", "PassengerId;Name\n1;Braund\n");

    DatasetVersion v1 = workspace.registerDataset("titanic", DatasetKind.TABULAR, "default", "titanic/Titanic.csv", ',');
    DatasetVersion v2 = workspace.registerDataset("titanic", DatasetKind.TABULAR, "default", "titanic2/Titanic.csv", ';');

    assertThat(v1.version()).isEqualTo(1);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(workspace.datasets()).extracting(DatasetVersion::version, DatasetVersion::delimiter)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ','), org.assertj.core.groups.Tuple.tuple(2, ';'));
  }

  @Test
  void aRegisteredTabularDatasetPreviewsWithItsOwnDelimiter() throws Exception {
    data("semi/data.csv", "a;b\n1;\"x;y\"\n");
    workspace.registerDataset("semi", DatasetKind.TABULAR, "default", "semi/data.csv", ';');

    DatasetPreview preview = workspace.previewDataset("semi", null, 100);

    assertThat(preview.header()).containsExactly("a", "b");
    assertThat(preview.rows()).containsExactly(List.of("1", "x;y"));
  }

  @Test
  void registeringAFileThatIsNotDelimitedTextAsTabularIsRefusedWithTheLine() throws Exception {
    data("bad.csv", "a,b\n\"open\n");

    assertThatThrownBy(() -> workspace.registerDataset("bad", DatasetKind.TABULAR, "default", "bad.csv", ','))
        .hasMessage("bad.csv line 2: a quoted field starts here and is never closed");
    assertThat(workspace.datasets()).isEmpty();
  }

  @Test
  void aFileDatasetIsRegisteredWithoutReadingItAndHasNoPreview() throws Exception {
    data("images/a.png", "not really a png");

    DatasetVersion images = workspace.registerDataset("images", DatasetKind.FILE, "default", "images", ',');

    assertThat(images.kind()).isEqualTo(DatasetKind.FILE);
    assertThat(images.delimiter()).isNull();
    assertThatThrownBy(() -> workspace.previewDataset("images", 1, 100))
        .hasMessage("dataset 'images' version 1 is a file dataset: only tabular datasets have rows to preview");
  }

  @Test
  void registeringAMissingPathIsRefusedAtThePathField() {
    assertThatThrownBy(() -> workspace.registerDataset("x", DatasetKind.FILE, "default", "nothing/here", ','))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.problems()).containsExactly(
            new FieldProblem("path", "datastore 'default' has no file or folder 'nothing/here'")));
  }

  @Test
  void aDatastorePathCanBePreviewedBeforeItIsRegistered() throws Exception {
    data("out/part-00000.csv", "n\n1\n");
    data("out/part-00001.csv", "n\n2\n");

    DatasetPreview preview = workspace.previewDatastorePath("default", "out", ',', 1);

    assertThat(preview.rows()).containsExactly(List.of("1"));
    assertThat(preview.more()).isTrue();
  }

  @Test
  void theDefaultDatastoreIsListedFirst() throws Exception {
    assertThat(workspace.datastores()).singleElement().satisfies(d -> {
      assertThat(d.name()).isEqualTo("default");
      assertThat(d.isDefault()).isTrue();
      assertThat(d.location()).isEqualTo(workspace.datastoreRoot("default").toString());
    });
  }
}
