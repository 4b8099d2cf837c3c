package io.pipewright.azure;

import static io.pipewright.testing.SpecExamples.responseText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipewright.http.Cancellation;
import io.pipewright.model.Capacity;
import io.pipewright.testing.FakeArmServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Synapse Spark pools through Resource Manager, against the published 2021-06-01 examples. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SynapseSparkPoolsTest {
  private static final String SUB = "01234567-89ab-4def-0123-456789abcdef";
  private static final String WS = "/subscriptions/" + SUB
      + "/resourceGroups/ExampleResourceGroup/providers/Microsoft.Synapse/workspaces/ExampleWorkspace";
  private static final String LIST = "synapse/2021-06-01/ListBigDataPoolsInWorkspace.json";
  private static final String GET = "synapse/2021-06-01/GetBigDataPool.json";

  private final FakeArmServer server = new FakeArmServer();
  private final SynapseSparkPools pools = SynapseSparkPools.of(server.session());

  SynapseSparkPoolsTest() throws Exception {}

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsAWorkspacesPoolsWithNodesAutoscaleAutoPauseAndSparkVersion() throws Exception {
    server.json(200, responseText(LIST, 200));

    List<SynapseSparkPool> list = pools.list(SUB, "ExampleResourceGroup", "ExampleWorkspace", Cancellation.none());

    RecordedRequest request = server.take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo(WS + "/bigDataPools?api-version=2021-06-01");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer fake-token-1");
    assertThat(list).extracting(SynapseSparkPool::name).containsExactly("ExamplePool", "ExamplePool2");
    SynapseSparkPool pool = list.get(0);
    assertThat(pool.id()).isEqualTo(WS + "/bigDataPools/ExamplePool");
    assertThat(pool.nodeSize()).isEqualTo("Medium");
    assertThat(pool.nodeSizeFamily()).isEqualTo("MemoryOptimized");
    assertThat(pool.nodeCount()).isEqualTo(4);
    assertThat(pool.autoScale()).isTrue();
    assertThat(pool.minNodes()).isEqualTo(3);
    assertThat(pool.maxNodes()).isEqualTo(50);
    assertThat(pool.autoPause()).isTrue();
    assertThat(pool.autoPauseMinutes()).isEqualTo(15);
    assertThat(pool.sparkVersion()).isEqualTo("2.4");
    assertThat(pool.nodesInWords()).isEqualTo("Medium × 3–50 (autoscale)");
    assertThat(pool.autoPauseInWords()).isEqualTo("after 15 min");
    assertThat(pool.nodeInWords()).contains("8 cores, 64 GiB");
    assertThat(server.requestCount()).isEqualTo(1); // "nextLink": "" ends the list
  }

  @Test
  void aPoolsCapacityIsItsMostNodesOfItsNodeSize() throws Exception {
    server.json(200, responseText(GET, 200));

    SynapseSparkPool pool = pools.find(SUB, "ExampleResourceGroup", "ExampleWorkspace", "ExamplePool",
        Cancellation.none()).orElseThrow();

    assertThat(server.take().getTarget()).isEqualTo(WS + "/bigDataPools/ExamplePool?api-version=2021-06-01");
    Capacity capacity = pool.capacity().orElseThrow();
    assertThat(capacity.description()).isEqualTo("50 × Medium nodes");
    assertThat(capacity.cores()).isEqualTo(8 * 50);
    assertThat(capacity.memoryBytes()).isEqualTo(50L * (64L << 30));
    assertThat(capacity.node().cores()).isEqualTo(8);
    assertThat(capacity.localMode()).isFalse();
  }

  @Test
  void aPoolOfAnUnknownNodeSizeHasNoCapacity() {
    SynapseSparkPool pool = new SynapseSparkPool("p", "", "", "Succeeded", "3.4", "XXXLarge", "HardwareAcceleratedGPU",
        3, false, 0, 0, false, 0);

    assertThat(pool.capacity()).isEmpty();
    assertThat(pool.nodesInWords()).isEqualTo("XXXLarge × 3");
    assertThat(pool.autoPauseInWords()).isEqualTo("off");
  }

  @Test
  void aMissingPoolIsEmpty() throws Exception {
    server.json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"not found\"}}");

    assertThat(pools.find(SUB, "ExampleResourceGroup", "ExampleWorkspace", "nope", Cancellation.none())).isEmpty();
  }

  @Test
  void anErrorIsShownWithAzuresCodeAndMessage() throws Exception {
    // GetBigDataPool.json's "default" answer.
    server.json(400, io.pipewright.testing.SpecExamples.example(GET).path("responses").path("default").path("body")
        .toString());

    IOException e = catchThrowableOfType(IOException.class,
        () -> pools.list(SUB, "ExampleResourceGroup", "ExampleWorkspace", Cancellation.none()));

    assertThat(e).hasMessage("Could not list the Spark pools of Synapse workspace 'ExampleWorkspace': HTTP 400 Bad"
        + " Request: (Error code) Error message");
  }

  @Test
  void poolIdsAreResourceManagerIds() {
    assertThat(SynapseSparkPools.poolId(SUB, "ExampleResourceGroup", "ExampleWorkspace", "ExamplePool"))
        .isEqualTo(WS + "/bigDataPools/ExamplePool");
    ResourceId id = ResourceId.parse(WS.replace("resourceGroups", "resourcegroups") + "/bigDataPools/ExamplePool")
        .orElseThrow();
    assertThat(id).isEqualTo(new ResourceId(SUB, "ExampleResourceGroup", "Microsoft.Synapse", "workspaces",
        "ExampleWorkspace", "bigDataPools", "ExamplePool"));
    assertThat(id.is("microsoft.synapse", "Workspaces")).isTrue();
    assertThat(ResourceId.parse("/subscriptions/x")).isEmpty();
  }
}
