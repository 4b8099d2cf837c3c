package io.pipewright.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real servers the remote launchers' tests use: the titanic-jvm sample's job, submitted by
 * hand, runs on {@link SparkCluster} through its REST server and on {@link LivyServer} as a batch.
 */
class RealServersTest {

  private static final String MAIN_CLASS = "io.pipewright.samples.SurvivalByClass";
  /** Pclass × Sex × AgeBand groups in Titanic.csv (the job prints "wrote 35 groups to <dir>"). */
  private static final int GROUPS = 35;
  /** One of them, as the job's show() prints it and as its CSV holds it. */
  private static final String SHOWN_GROUP = "|3     |male  |20-39 adult |155       |24      |0.155        |";
  private static final String WRITTEN_GROUP = "3,male,20-39 adult,155,24,0.155";
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(180);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path temp;

  private static Path samples() {
    return Path.of(System.getProperty("pipewright.samples"));
  }

  private static Path jobJar() {
    Path jar = samples().resolve("titanic-jvm/job/target/titanic-jvm-job.jar").toAbsolutePath();
    assertThat(jar).as("the titanic-jvm sample's job jar (module resources/samples/titanic-jvm/job)").isRegularFile();
    return jar;
  }

  private static Path titanicCsv() {
    return samples().resolve("datastore/titanic/Titanic.csv").toAbsolutePath();
  }

  @Test
  void theClusterRunsTheSampleJobSubmittedThroughItsRestServerAndItsWorkerServesTheDriverStdout() throws Exception {
    SparkCluster cluster = SparkCluster.shared();
    Path output = temp.resolve("survival");
    ObjectNode request = ServerProcesses.JSON.createObjectNode()
        .put("action", "CreateSubmissionRequest")
        .put("appResource", jobJar().toUri().toString())
        .put("mainClass", MAIN_CLASS)
        .put("clientSparkVersion", cluster.sparkVersion());
    request.putArray("appArgs").add("--input").add(titanicCsv().toString()).add("--output").add(output.toString());
    request.putObject("environmentVariables");
    request.putObject("sparkProperties")
        .put("spark.master", cluster.masterUrl())
        .put("spark.submit.deployMode", "cluster")
        .put("spark.app.name", "titanic-survival-by-class")
        .put("spark.driver.memory", "1g")
        .put("spark.executor.memory", "1g")
        .put("spark.executor.cores", "1")
        .put("spark.cores.max", "1")
        .put("spark.jars", jobJar().toUri().toString())
        .put("spark.sql.shuffle.partitions", "4")
        .put("spark.ui.port", "0"); // a free port for the driver's UI, not 4040

    JsonNode created = json(send(post(cluster.restUrl() + "/v1/submissions/create", request.toString())));
    assertThat(created.path("success").asBoolean()).as(created + cluster.logTails()).isTrue();
    String driverId = created.path("submissionId").asText();

    JsonNode status = awaitTerminal(() -> json(send(get(cluster.restUrl() + "/v1/submissions/status/" + driverId))),
        s -> !List.of("SUBMITTED", "RUNNING", "RELAUNCHING", "").contains(s.path("driverState").asText()),
        () -> "driver " + driverId + " of " + cluster + cluster.logTails() + driverStderr(cluster, driverId));
    assertThat(status.path("driverState").asText()).as(status + cluster.logTails() + driverStderr(cluster, driverId))
        .isEqualTo("FINISHED");

    String workerUi = null;
    for (JsonNode worker : json(send(get(cluster.webUrl() + "/json/"))).path("workers")) {
      if (worker.path("id").asText().equals(status.path("workerId").asText())) {
        workerUi = worker.path("webuiaddress").asText();
      }
    }
    assertThat(workerUi).as("the worker " + status.path("workerId") + " in the master's /json/").isNotNull();
    HttpResponse<String> stdout = send(get(workerUi + "/log/?driverId=" + driverId
        + "&logType=stdout&offset=0&byteLength=1000000"));
    assertThat(stdout.statusCode()).isEqualTo(200);
    assertThat(stdout.body())
        .startsWith("==== Bytes 0-")
        .contains("|Pclass|Sex   |AgeBand     |passengers|survived|survival_rate|", SHOWN_GROUP)
        .contains("wrote " + GROUPS + " groups to " + output);
    assertWritten(output);
  }

  @Test
  void livyRunsTheSampleJobAsABatchAndItsLogHoldsTheJobsOutput() throws Exception {
    LivyServer livy = LivyServer.shared();
    Path output = temp.resolve("survival");
    ObjectNode request = ServerProcesses.JSON.createObjectNode()
        .put("file", jobJar().toString())
        .put("className", MAIN_CLASS)
        .put("name", "titanic-survival-by-class")
        .put("driverMemory", "1g")
        .put("executorMemory", "1g");
    request.putArray("args").add("--input").add(titanicCsv().toString()).add("--output").add(output.toString());
    request.putObject("conf").put("spark.sql.shuffle.partitions", "4");

    HttpResponse<String> created = send(post(livy.url() + "/batches", request.toString()));
    assertThat(created.statusCode()).as(created.body() + livy.logTail()).isEqualTo(201);
    int id = json(created).path("id").asInt();

    JsonNode state = awaitTerminal(() -> json(send(get(livy.url() + "/batches/" + id + "/state"))),
        s -> List.of("success", "dead", "killed", "error").contains(s.path("state").asText()),
        () -> "batch " + id + " of " + livy + batchLog(livy, id) + livy.logTail());
    assertThat(state.path("state").asText()).as(state + batchLog(livy, id) + livy.logTail()).isEqualTo("success");

    JsonNode log = json(send(get(livy.url() + "/batches/" + id + "/log?from=0&size=2000")));
    assertThat(log.path("log").toString())
        .contains("|Pclass|Sex   |AgeBand     |passengers|survived|survival_rate|", SHOWN_GROUP)
        .contains("wrote " + GROUPS + " groups to " + output);
    assertWritten(output);
  }

  @Test
  void livyRefusesAPostWithoutXRequestedByForItsCsrfProtection() throws Exception {
    LivyServer livy = LivyServer.shared();
    HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(livy.url() + "/batches"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"file\":\"" + jobJar() + "\"}")).build());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("Missing Required Header for CSRF protection.");
  }

  @Test
  void aLivyServerWithBasicAuthenticationAnswersOnlyToItsUserAndPassword() throws Exception {
    try (LivyServer livy = LivyServer.builder().folder(temp.resolve("livy")).basicAuth("ada", "s3cret").start()) {
      HttpResponse<String> anonymous = send(get(livy.url() + "/batches"));
      HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(livy.url() + "/batches"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ada:guess".getBytes(UTF_8)))
          .GET().build());
      HttpResponse<String> right = send(HttpRequest.newBuilder(URI.create(livy.url() + "/batches"))
          .header("Authorization", livy.authorization().orElseThrow()).GET().build());

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"livy\"");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
      assertThat(json(right).path("total").asInt()).isZero();

      HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(livy.url() + "/batches"))
          .header("Authorization", livy.authorization().orElseThrow())
          .header("X-Requested-By", "pipewright")
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"file\":\"" + temp.resolve("absent.jar") + "\"}")).build());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(json(created).path("owner").asText()).isEqualTo("ada");
    }
  }

  private static void assertWritten(Path output) throws IOException {
    assertThat(output.resolve("_SUCCESS")).isRegularFile();
    try (Stream<Path> files = Files.list(output)) {
      List<Path> parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).toList();
      assertThat(parts).hasSize(1);
      List<String> lines = Files.readAllLines(parts.get(0));
      assertThat(lines.get(0)).isEqualTo("Pclass,Sex,AgeBand,passengers,survived,survival_rate");
      assertThat(lines).hasSize(GROUPS + 1).contains(WRITTEN_GROUP);
    }
  }

  private static JsonNode awaitTerminal(Supplier<JsonNode> poll, Predicate<JsonNode> terminal,
      Supplier<String> context) {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    JsonNode last = poll.get();
    while (!terminal.test(last)) {
      assertThat(System.nanoTime()).as("still not done after " + JOB_TIMEOUT.toSeconds() + " s: " + last + "\n"
          + context.get()).isLessThan(deadline);
      ServerProcesses.pause(Duration.ofMillis(500));
      last = poll.get();
    }
    return last;
  }

  private static String driverStderr(SparkCluster cluster, String driverId) {
    return ServerProcesses.tails(40, cluster.workerWorkDir().resolve(driverId).resolve("stderr"));
  }

  private static String batchLog(LivyServer livy, int id) {
    try {
      StringBuilder text = new StringBuilder("\n---- batch " + id + " log ----\n");
      json(send(get(livy.url() + "/batches/" + id + "/log?from=0&size=2000"))).path("log")
          .forEach(line -> text.append(line.asText()).append('\n'));
      return text.toString();
    } catch (RuntimeException e) {
      return "\n(batch log unreadable: " + e + ")";
    }
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
  }

  private static HttpRequest post(String url, String json) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("X-Requested-By", "pipewright")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return ServerProcesses.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (HTTP " + response.statusCode() + "): " + response.body(), e);
    }
  }
}
