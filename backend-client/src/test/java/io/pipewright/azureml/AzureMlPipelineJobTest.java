package io.pipewright.azureml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.PipelineBackend;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.SubmitOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mapping of the step kinds the synapse-titanic sample does not have: a PySpark step with
 * py-files and dynamic allocation that must not be reused, reading a registered dataset, and a
 * script whose arguments need quoting.
 */
class AzureMlPipelineJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WS = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w";

  private static final String PIPELINE = """
      {"schemaVersion": 1, "id": "py", "name": "PySpark",
       "datasets": [{"id": "people", "name": "people", "kind": "file", "registered": {"name": "people", "version": 3}},
                    {"id": "raw", "name": "raw", "kind": "file", "datastore": "landing", "path": "raw/2024/"}],
       "steps": [
        {"id": "clean", "type": "spark", "compute": "pool", "allowReuse": false,
         "entry": {"python": "clean.py"},
         "spark": {"driverMemory": "2g", "driverCores": 1, "executorMemory": "4g", "executorCores": 2,
                   "dynamicAllocation": {"minExecutors": 1, "maxExecutors": 4}, "pyFiles": ["lib.zip"], "files": ["a.conf"]},
         "inputs": [{"name": "people"}, {"name": "raw"}], "outputs": [{"name": "cleaned"}],
         "arguments": ["--in", "{inputs.people}", "--out", "{outputs.cleaned}", "--note", "it's {parameters.note}"]},
        {"id": "score", "type": "script", "compute": "cluster", "command": "python score.py",
         "inputs": [{"name": "cleaned", "mode": "mount"}], "arguments": ["--data", "{inputs.cleaned}"]}],
       "parameters": [{"name": "note", "default": "a b"}],
       "edges": [{"id": "e1", "from": {"node": "people"}, "to": {"node": "clean", "port": "people"}},
                 {"id": "e2", "from": {"node": "raw"}, "to": {"node": "clean", "port": "raw"}},
                 {"id": "e3", "from": {"node": "clean", "port": "cleaned"}, "to": {"node": "score", "port": "cleaned"}}]}
      """;

  private AzureMlPipelineJob mapping(boolean regenerate) {
    LoadedPipeline loaded = PipelineFormat.parse(PIPELINE, "py.pipeline.json");
    assertThat(loaded.problems()).isEmpty();
    Pipeline pipeline = loaded.pipeline();
    Map<String, ComputeTarget> computes = new LinkedHashMap<>();
    computes.put("clean", new ComputeTarget("pool", "synapse-spark-pool", Map.of("linkedService", "l", "pool", "p")));
    computes.put("score", new ComputeTarget("cluster", "azureml-cluster", Map.of("workspace", "aml")));
    ComputeTarget aml = new ComputeTarget("aml", "azureml", Map.of("subscriptionId", "s", "resourceGroup", "rg",
        "workspaceName", "w"));
    PipelineBackend.Submission submission = new PipelineBackend.Submission("20261205-070000-abcd", "py", pipeline,
        new SubmitOptions(null, Path.of("py.pipeline.json"), Map.of(), regenerate, null), Map.of("note", "a b"),
        List.of("clean", "score"), computes, aml, Map.of(), List.of(), Path.of("run"),
        new RemoteBackend.Context(null, "3.5", null));
    return new AzureMlPipelineJob(submission, new AzureMlWorkspaceRef("s", "rg", "w"));
  }

  @Test
  void aPySparkStepRunsItsFileWithDynamicAllocationAndIsNotReusedWhenItMustNotBe() throws Exception {
    AzureMlPipelineJob mapping = mapping(false);
    Pipeline pipeline = PipelineFormat.parse(PIPELINE, "x").pipeline();

    JsonNode component = mapping.component(pipeline.step("clean").orElseThrow(), WS + "/codes/c/versions/1");
    JsonNode node = mapping.body(Map.of("clean", "C1", "score", "C2")).path("properties").path("jobs").path("clean");

    assertThat(component.path("is_deterministic").asBoolean()).isFalse();
    assertThat(component.path("entry")).isEqualTo(JSON.readTree("{\"file\":\"clean.py\"}"));
    assertThat(component.path("py_files")).isEqualTo(JSON.readTree("[\"lib.zip\"]"));
    assertThat(component.has("jars")).isFalse();
    assertThat(node.path("entry")).isEqualTo(JSON.readTree(
        "{\"file\":\"clean.py\",\"spark_job_entry_type\":\"SparkJobPythonEntry\"}"));
    assertThat(node.path("conf")).isEqualTo(JSON.readTree("""
        {"spark.driver.cores":1,"spark.driver.memory":"2g","spark.executor.cores":2,"spark.executor.memory":"4g",
         "spark.dynamicAllocation.enabled":true,"spark.dynamicAllocation.minExecutors":1,
         "spark.dynamicAllocation.maxExecutors":4}"""));
    assertThat(node.path("args").asText())
        .isEqualTo("--in ${{inputs.people}} --out ${{outputs.cleaned}} --note 'it'\\''s a b'");
    assertThat(node.path("inputs")).isEqualTo(JSON.readTree("""
        {"people":{"job_input_type":"uri_folder","uri":"azureml:people:3","mode":"Direct"},
         "raw":{"job_input_type":"uri_folder","uri":"azureml://datastores/landing/paths/raw/2024/","mode":"Direct"}}"""));
    assertThat(node.path("computeId").asText()).isEqualTo(WS + "/computes/pool");
  }

  @Test
  void aScriptStepsMountedInputIsReadOnlyMountAndRegeneratingForcesARerun() throws Exception {
    AzureMlPipelineJob mapping = mapping(true);
    Pipeline pipeline = PipelineFormat.parse(PIPELINE, "x").pipeline();

    JsonNode component = mapping.component(pipeline.step("score").orElseThrow(), WS + "/codes/c/versions/2");
    JsonNode body = mapping.body(Map.of("clean", "C1", "score", "C2")).path("properties");

    assertThat(component.path("command").asText()).isEqualTo("python score.py --data ${{inputs.cleaned}}");
    assertThat(component.path("inputs").path("cleaned").path("mode").asText()).isEqualTo("ro_mount");
    assertThat(body.path("jobs").path("score").path("inputs")).isEqualTo(JSON.readTree("""
        {"cleaned":{"job_input_type":"literal","value":"${{parent.jobs.clean.outputs.cleaned}}",
         "mode":"ReadOnlyMount"}}"""));
    assertThat(body.path("settings").path("force_rerun").asBoolean()).isTrue();
    assertThat(AzureMlPipelineJob.jobName("20261205-070000-ABCD")).isEqualTo("pipewright-20261205-070000-abcd");
  }
}
