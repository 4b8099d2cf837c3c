package io.pipewright.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A stand-in for Azure, by hand, for trying the designer's Azure screens without a subscription (and
 * for their screenshots): one local server answering as Resource Manager, Azure ML's Run History and
 * blob storage do, with the published examples ({@link AzureMlAnswers}), and a fake {@code az} that
 * prints a token for "ada@contoso.com", so that Azure ▸ Use the Azure CLI's account signs in.
 *
 * <pre>
 * java -cp "backend-client/target/test-classes:backend-client/target/classes:app/target/lib/*" \
 *      io.pipewright.testing.FakeAzureServer FOLDER
 * </pre>
 *
 * prints {@code azure: managementUrl=http://127.0.0.1:P az=FOLDER/bin subscription=… resourceGroup=test-rg
 * workspace=my-aml-workspace}; then start the designer with {@code PIPEWRIGHT_AZURE_MANAGEMENT_URL}
 * set to that URL and {@code FOLDER/bin} first on {@code PATH}. It answers: the Azure ML workspace
 * and its computes (synapse-pool, cpu-cluster), its linked Synapse workspace, the Synapse pools, the
 * region's VM sizes, and one run of the synapse-titanic sample that completes with logs. It keeps
 * serving until its standard input closes.
 */
public final class FakeAzureServer {
  private FakeAzureServer() {}

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir")).toAbsolutePath();
    try (FakeAzureMlServer server = new FakeAzureMlServer()) {
      String ml = AzureMlAnswers.WS;
      String synapse = "/subscriptions/" + AzureMlAnswers.SUB
          + "/resourceGroups/test-rg/providers/Microsoft.Synapse/workspaces/contoso-synapse";
      server.on("GET", ml + "/computes").json(200, "{\"value\":[" + AzureMlAnswers.SYNAPSE_COMPUTE + ","
          + SpecExamples.responseText(AzureMlAnswers.EXAMPLES + "Compute/get/AmlCompute.json", 200)
              .replace("compute123", "cpu-cluster") + "]}");
      server.on("GET", ml + "/linkedServices").json(200, "{\"value\":[{\"id\":\"" + ml + "/linkedServices/synapse-link\","
          + "\"name\":\"synapse-link\",\"type\":\"Microsoft.MachineLearningServices/workspaces/linkedServices\","
          + "\"location\":\"eastus\",\"properties\":{\"linkedServiceResourceId\":\"" + synapse + "\","
          + "\"linkType\":\"Synapse\"}}]}");
      server.on("GET", synapse + "/bigDataPools").json(200, SpecExamples.responseText(
          "synapse/2021-06-01/ListBigDataPoolsInWorkspace.json", 200));
      server.on("GET", synapse).json(200, "{\"id\":\"" + synapse + "\",\"name\":\"contoso-synapse\","
          + "\"type\":\"Microsoft.Synapse/workspaces\",\"location\":\"eastus\",\"properties\":{"
          + "\"connectivityEndpoints\":{\"dev\":\"" + server.url() + "\"},\"defaultDataLakeStorage\":{"
          + "\"accountUrl\":\"" + server.url() + "\",\"filesystem\":\"default\"},\"provisioningState\":\"Succeeded\"}}");
      server.on("GET", synapse + "/bigDataPools/[^/]+").json(200, SpecExamples.response(
          "synapse/2021-06-01/ListBigDataPoolsInWorkspace.json", 200).path("value").get(0).toString());
      server.on("GET", "/livyApi/versions/[^/]+/sparkPools/[^/]+/batches")
          .json(200, "{\"from\":0,\"total\":0,\"sessions\":[]}");
      server.on("GET", "/subscriptions/[^/]+/providers/Microsoft.MachineLearningServices/locations/[^/]+/vmSizes")
          .json(200, SpecExamples.responseText(AzureMlAnswers.EXAMPLES + "VirtualMachineSize/list.json", 200));
      AzureMlAnswers.acceptTheJob(server);
      AzureMlAnswers.completeTheRun(server);

      Path bin = FakeAz.printing(folder, AzureTokens.userToken("ada@contoso.com", AzureTokens.TENANT));

      System.out.println("azure: managementUrl=" + server.url() + " az=" + bin + " subscription=" + AzureMlAnswers.SUB
          + " resourceGroup=test-rg workspace=my-aml-workspace");
      System.out.flush();
      while (System.in.read() >= 0) {
        // keep serving until the caller closes our input
      }
    }
  }
}
