package io.pipewright.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a fake Azure ML ({@link FakeAzureMlServer}) answers when the synapse-titanic sample is
 * submitted to workspace {@code my-aml-workspace} of the published examples: the 2024-10-01
 * examples (see the README of {@code azure-rest-api-specs/}) with the fake server's addresses put in,
 * and Run History's answers, which have no published example, written from azure-ai-ml's Run
 * History models ({@code Run}: runId, displayName, status, tags, error; {@code RunDetails}:
 * logFiles).
 */
public final class AzureMlAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String SUB = "00000000-1111-2222-3333-444444444444";
  public static final String WS = "/subscriptions/" + SUB
      + "/resourceGroups/test-rg/providers/Microsoft.MachineLearningServices/workspaces/my-aml-workspace";
  public static final String HISTORY = "/history/v1.0" + WS;
  public static final String EXAMPLES = "machinelearningservices/2024-10-01/";
  public static final String STUDIO = "https://ml.azure.com/runs/pipewright-job?wsid=" + WS;
  public static final String POOL_ID = "/subscriptions/" + SUB
      + "/resourceGroups/test-rg/providers/Microsoft.Synapse/workspaces/contoso-synapse/bigDataPools/sparkpool1";
  /**
   * The attached pool as Resource Manager returns it: no SynapseSpark example is published for
   * 2024-10-01; this follows mfe.json's SynapseSpark definition (as AzureMlComputesTest does).
   */
  public static final String SYNAPSE_COMPUTE = """
      {"id":"%s/computes/synapse-pool","type":"Microsoft.MachineLearningServices/workspaces/computes",
       "name":"synapse-pool","location":"eastus2euap",
       "properties":{"computeType":"SynapseSpark","provisioningState":"Succeeded","resourceId":"%s",
        "properties":{"nodeCount":3,"nodeSize":"Medium","sparkVersion":"3.4","poolName":"sparkpool1"}}}"""
      .formatted(WS, POOL_ID);

  private AzureMlAnswers() {}

  /** The workspace, with its discovery URL (where Run History is) on the fake server. */
  public static String workspace(FakeAzureMlServer server) {
    ObjectNode body = (ObjectNode) SpecExamples.response(EXAMPLES + "Workspace/get.json", 200);
    ((ObjectNode) body.path("properties")).put("discoveryUrl", server.url() + "/discovery");
    return body.toString();
  }

  /** Everything up to and including the accepted job: workspace, computes, code, components, the job. */
  public static void acceptTheJob(FakeAzureMlServer server) {
    server.on("GET", WS).json(200, workspace(server));
    server.on("GET", WS + "/computes/synapse-pool").json(200, SYNAPSE_COMPUTE);
    server.on("GET", WS + "/computes/cpu-cluster")
        .json(200, SpecExamples.responseText(EXAMPLES + "Compute/get/AmlCompute.json", 200));
    server.on("POST", WS + "/codes/[^/]+/versions/[^/]+/startPendingUpload")
        .json(200, SpecExamples.responseText(EXAMPLES + "Workspace/CodeVersion/createOrGetStartPendingUpload.json", 200)
            .replace("\"sasUri\":\"https://www.contoso.com/example\"",
                "\"sasUri\":\"" + server.url() + "/blobs/code?sv=2022-11-02&sr=c&sig=fake-sas-signature\"")
            .replace("https://www.contoso.com/example", server.url() + "/blobs/code"));
    server.on("PUT", "/blobs/code/.+").empty(201);
    server.on("PUT", WS + "/codes/[^/]+/versions/[^/]+")
        .json(201, SpecExamples.responseText(EXAMPLES + "Workspace/CodeVersion/createOrUpdate.json", 201));
    server.on("PUT", WS + "/components/azureml_anonymous/versions/[^/]+")
        .json(201, SpecExamples.responseText(EXAMPLES + "Workspace/ComponentVersion/createOrUpdate.json", 201));
    server.on("PUT", WS + "/jobs/pipewright-[^/]+").json(201, job(null));
  }

  /**
   * A whole run that completes: the job Running three polls then Completed; Prepare data running,
   * then Train model; both children's logs; the output registered as titanic_prepared version 1.
   */
  public static void completeTheRun(FakeAzureMlServer server) {
    server.on("GET", WS + "/jobs/pipewright-[^/]+")
        .json(200, job("Running")).json(200, job("Running")).json(200, job("Running")).json(200, job("Completed"));
    String prepRunning = child("prep_run_1", "prep", "Prepare data", "Running", null);
    String prepDone = child("prep_run_1", "prep", "Prepare data", "Completed", null);
    server.on("GET", HISTORY + "/runs/pipewright-[^/]+/children")
        .json(200, children(prepRunning))
        .json(200, children(prepDone, child("train_run_1", "train", "Train model", "Running", null)))
        .json(200, children(prepDone, child("train_run_1", "train", "Train model", "Completed", null)));
    server.on("GET", HISTORY + "/runs/prep_run_1/details").json(200,
        details(server, "prep_run_1", "Running", "logs/azureml/driver/stdout", "logs/azureml/driver/stderr",
            "logs/azureml/executionlogs.txt"));
    server.on("GET", HISTORY + "/runs/train_run_1/details").json(200,
        details(server, "train_run_1", "Running", "user_logs/std_log.txt"));
    server.file("/logs/prep_run_1/logs/azureml/driver/stdout", "+---+\n| wrote output 'prepared': 891 rows\n");
    server.file("/logs/prep_run_1/logs/azureml/driver/stderr", "INFO SparkContext: Running Spark version 3.4\n");
    server.file("/logs/train_run_1/user_logs/std_log.txt", "train accuracy 0.80, log loss 0.45\n");
    server.on("GET", WS + "/data/titanic_prepared/versions")
        .json(404, "{\"error\":{\"code\":\"UserError\",\"message\":\"Not found\"}}");
    server.on("PUT", WS + "/data/titanic_prepared/versions/1")
        .json(201, SpecExamples.responseText(EXAMPLES + "Workspace/DataVersionBase/createOrUpdate.json", 201));
  }

  /** The published PipelineJob answer, with a status (null: as published) and a Studio service. */
  public static String job(String status) {
    ObjectNode body = (ObjectNode) SpecExamples.response(EXAMPLES + "Job/PipelineJob/get.json", 200);
    ObjectNode properties = (ObjectNode) body.path("properties");
    if (status != null) {
      properties.put("status", status);
    }
    properties.putObject("services").putObject("Studio").put("jobServiceType", "Studio").put("endpoint", STUDIO);
    return body.toString();
  }

  /** A Run History child run; {@code error} null for none. */
  public static String child(String runId, String step, String displayName, String status, String error) {
    ObjectNode run = JSON.createObjectNode();
    run.put("runId", runId).put("displayName", displayName).put("status", status);
    run.putObject("tags").put("pipewright.step", step);
    if (error != null) {
      run.putObject("error").putObject("error").put("code", "UserError").put("message", error);
    }
    return run.toString();
  }

  public static String children(String... runs) {
    return "{\"value\":[" + String.join(",", runs) + "]}";
  }

  /** RunDetails with logFiles: name → SAS URL under {@code /logs/RUN/} of the fake server. */
  public static String details(FakeAzureMlServer server, String runId, String status, String... names) {
    ObjectNode details = JSON.createObjectNode().put("runId", runId).put("status", status);
    ObjectNode logFiles = details.putObject("logFiles");
    for (String name : names) {
      logFiles.put(name, server.url() + "/logs/" + runId + "/" + name + "?sv=2022-11-02&sr=b&sig=fake-log-signature");
    }
    return details.toString();
  }
}
