package io.pipewright.livy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.http.RetryPolicy;
import io.pipewright.http.Timeouts;
import io.pipewright.testing.FakeAzure;
import io.pipewright.testing.FakeDataLake;
import io.pipewright.workspace.AzureSession;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging in ADLS Gen2 through its DFS REST API, against a fake DFS endpoint on loopback. */
class SynapseStorageTest {
  private static final URI ACCOUNT = URI.create("https://accountname.dfs.core.windows.net");
  @TempDir Path temp;
  private final FakeDataLake lake = new FakeDataLake();
  private final MockWebServer server = new MockWebServer();
  private FakeAzure azure;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(lake);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    azure = new FakeAzure("http://127.0.0.1:1");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SynapseStorage storage(int chunk) {
    return new SynapseStorage(ACCOUNT, URI.create("http://127.0.0.1:" + server.getPort()), "default",
        "pipewright/run1/prep", azure, Timeouts.DEFAULT, RetryPolicy.DEFAULT, chunk, io.pipewright.http.Cancellation.none());
  }

  @Test
  void aFileIsCreatedAppendedInChunksAndFlushedAtItsLength() throws Exception {
    Path jar = Files.write(temp.resolve("driver.jar"), "0123456789".getBytes(StandardCharsets.UTF_8));

    storage(4).upload(jar, "pipewright-spark-driver.jar");

    String file = "/default/pipewright/run1/prep/pipewright-spark-driver.jar";
    assertThat(lake.requests()).containsExactly(
        "PUT " + file + "?resource=file",
        "PATCH " + file + "?action=append&position=0",
        "PATCH " + file + "?action=append&position=4",
        "PATCH " + file + "?action=append&position=8",
        "PATCH " + file + "?action=flush&position=10");
    assertThat(new String(lake.file("default/pipewright/run1/prep/pipewright-spark-driver.jar"), StandardCharsets.UTF_8))
        .isEqualTo("0123456789");
    assertThat(lake.authorizations()).allMatch(a -> a.equals("Bearer fake-token-1"));
    assertThat(azure.scopes()).containsOnly(AzureSession.STORAGE_SCOPE);
  }

  @Test
  void anEmptyFileIsOnlyCreated() throws Exception {
    Path empty = Files.createFile(temp.resolve("_SUCCESS"));

    storage(4).upload(empty, "inputs/flag");

    assertThat(lake.requests()).containsExactly("PUT /default/pipewright/run1/prep/inputs/flag?resource=file");
    assertThat(lake.file("default/pipewright/run1/prep/inputs/flag")).isEmpty();
  }

  @Test
  void aFolderIsUploadedFileByFileUnderItsName() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("titanic"));
    Files.writeString(folder.resolve("Titanic.csv"), "Name,Survived\nAllen,1\n");
    Files.createDirectories(folder.resolve("more"));
    Files.writeString(folder.resolve("more/extra name.csv"), "Name,Survived\n");

    storage(SynapseStorage.CHUNK).upload(folder, "inputs/titanic");

    assertThat(lake.files().keySet()).containsExactly(
        "default/pipewright/run1/prep/inputs/titanic/Titanic.csv",
        "default/pipewright/run1/prep/inputs/titanic/more/extra name.csv");
    assertThat(lake.requests()).contains("PUT /default/pipewright/run1/prep/inputs/titanic/more/extra%20name.csv?resource=file");
  }

  @Test
  void theClusterNamesStagedFilesWithTheAccountsAbfssUri() {
    assertThat(storage(4).uri("outputs/prepared"))
        .isEqualTo("abfss://default@accountname.dfs.core.windows.net/pipewright/run1/prep/outputs/prepared");
    assertThat(storage(4).describe()).isEqualTo("abfss://default@accountname.dfs.core.windows.net/pipewright/run1/prep");
  }

  @Test
  void outputsAreListedPageByPageFollowingTheContinuationAndReadBack() throws Exception {
    lake.pageSize(1);
    lake.write("default/pipewright/run1/prep/outputs/prepared/_SUCCESS", "");
    lake.write("default/pipewright/run1/prep/outputs/prepared/part-00000.csv", "Name\nAllen\n");
    lake.write("default/pipewright/run1/prep/outputs/prepared/sub/part-00001.csv", "Name\nBob\n");
    lake.write("default/pipewright/run1/prep/outputs/other/x.csv", "not this one\n");
    Path local = temp.resolve("run/outputs/prepared");

    storage(4).download("outputs/prepared", local);

    assertThat(Files.readString(local.resolve("part-00000.csv"))).isEqualTo("Name\nAllen\n");
    assertThat(Files.readString(local.resolve("sub/part-00001.csv"))).isEqualTo("Name\nBob\n");
    assertThat(local.resolve("_SUCCESS")).exists();
    assertThat(temp.resolve("run/outputs/other")).doesNotExist();
    String list = "GET /default?resource=filesystem&recursive=true&directory=pipewright%2Frun1%2Fprep%2Foutputs%2Fprepared";
    assertThat(lake.requests()).filteredOn(r -> r.startsWith("GET /default?"))
        .containsExactly(list, list + "&continuation=1", list + "&continuation=2", list + "&continuation=3");
  }

  @Test
  void anOutputTheStepDidNotWriteIsNothingToCopy() throws Exception {
    Path local = temp.resolve("run/outputs/prepared");

    storage(4).download("outputs/prepared", local);

    assertThat(local).doesNotExist();
    assertThat(lake.requests()).hasSize(1);
  }
}
