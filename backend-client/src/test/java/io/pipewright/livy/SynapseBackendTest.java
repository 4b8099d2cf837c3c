package io.pipewright.livy;

import static io.pipewright.testing.FakeSynapse.BATCHES;
import static io.pipewright.testing.FakeSynapse.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.testing.FakeSynapse;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.Passwords;
import io.pipewright.workspace.RemoteBackend;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the Synapse backend does outside a run: kill a batch left by a Pipewright that died, and say what is missing. */
class SynapseBackendTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private final SynapseBackend backend = new SynapseBackend();
  private final ComputeTarget pool = new ComputeTarget("synapse-pool", "synapse-spark-pool",
      Map.of("linkedService", "synapse-link", "pool", FakeSynapse.POOL, "nodeSize", "Medium", "nodeCount", "4"));
  private FakeSynapse azure;
  private RemoteBackend.Context context;

  @BeforeEach
  void start() throws Exception {
    azure = new FakeSynapse();
    LinkedService link = FakeSynapse.linkedService("synapse-link");
    context = new RemoteBackend.Context(null, "unknown", new Passwords(), azure.session(),
        name -> name.equals(link.name()) ? Optional.of(link) : Optional.empty());
  }

  @AfterEach
  void stop() {
    azure.close();
  }

  @Test
  void aBatchLeftOnThePoolIsDeleted() {
    azure.batches(request -> request.getMethod().equals("DELETE")
        ? new MockResponse.Builder().code(200).build() : json(404, "{}"));

    String said = backend.kill(pool, "12", TIMEOUT, context);

    assertThat(said).isEqualTo("deleted its batch 12 on Synapse Spark pool mySparkPool of workspace1");
    assertThat(azure.batchRequests()).extracting(FakeSynapse.Request::line).containsExactly("DELETE " + BATCHES + "/12");
  }

  @Test
  void aBatchThePoolNoLongerHasHadEndedAlready() {
    azure.batches(request -> json(404, "{\"message\":\"batch 12 not found\"}"));

    assertThat(backend.kill(pool, "12", TIMEOUT, context))
        .isEqualTo("its batch 12 on Synapse Spark pool mySparkPool of workspace1 had ended already");
  }

  @Test
  void aTargetWhoseLinkedServiceIsGoneSaysSoWithoutCallingAzure() {
    ComputeTarget orphan = new ComputeTarget("old-pool", "synapse-spark-pool",
        Map.of("linkedService", "removed-link", "pool", FakeSynapse.POOL, "nodeSize", "Small", "nodeCount", "3"));

    ConnectionTest test = backend.test(orphan, TIMEOUT, context);

    assertThat(test.isOk()).isFalse();
    assertThat(test.message()).startsWith("compute 'old-pool' is reached through linked service 'removed-link', which"
        + " this workspace does not have");
    assertThat(azure.armRequests()).isEmpty();
  }

  @Test
  void withoutSigningInTheConnectionTestSaysToSignIn() {
    RemoteBackend.Context signedOut = new RemoteBackend.Context(null, "unknown", new Passwords(), AzureSession.NONE,
        context.linkedServices());

    ConnectionTest test = backend.test(pool, TIMEOUT, signedOut);

    assertThat(test.isOk()).isFalse();
    assertThat(test.message()).contains("Not signed in to Azure");
    assertThat(azure.armRequests()).isEmpty();
  }

  @Test
  void capacityComesFromTheNodeSizeAndCount() {
    assertThat(backend.capacity(pool, TIMEOUT)).hasValueSatisfying(c -> {
      assertThat(c.cores()).isEqualTo(32);
      assertThat(c.memoryBytes()).isEqualTo(256L << 30);
    });
  }
}
