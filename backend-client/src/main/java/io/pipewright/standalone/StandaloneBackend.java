package io.pipewright.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.http.RestClient;
import io.pipewright.http.RetryPolicy;
import io.pipewright.http.Timeouts;
import io.pipewright.model.Capacity;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeLauncher;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import io.pipewright.workspace.RemoteBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Spark standalone backend: its connection test, live capacity and launcher. */
public final class StandaloneBackend implements RemoteBackend {
  private static final long MIB = 1024L * 1024;

  private final StandaloneConnectionTester tester = new StandaloneConnectionTester();

  @Override
  public String kind() {
    return ComputeKind.SPARK_STANDALONE;
  }

  /** The tester's checks, and when they pass, what the cluster has free ("1 worker, 2 of 2 cores …"). */
  @Override
  public ConnectionTest test(ComputeTarget target, Duration timeout) {
    ConnectionTest test = tester.test(target, timeout);
    if (!test.isOk()) {
      return test;
    }
    List<String> details = new ArrayList<>(test.details());
    Optional<Capacity> capacity = capacity(target, timeout);
    if (capacity.isEmpty()) {
      details.add("web UI " + StandaloneUrls.of(target).web() + ": no answer, so the cluster's capacity is not known");
      return ConnectionTest.ok(test.message(), details);
    }
    details.add("capacity: " + capacity.get().description());
    return ConnectionTest.ok(test.message() + "; " + capacity.get().description(), details);
  }

  @Override
  public String kill(ComputeTarget target, String jobId, Duration timeout, Context context) {
    StandaloneUrls urls = StandaloneUrls.of(target);
    RestClient rest = RestClient.to(urls.rest()).timeouts(new Timeouts(timeout, timeout, timeout.multipliedBy(2)))
        .retry(RetryPolicy.NONE).build();
    try {
      JsonNode answer = StandaloneJob.kill(rest, jobId, Cancellation.none());
      return answer.path("success").asBoolean(false) ? "killed its driver " + jobId + " on " + urls.master()
          : "its driver " + jobId + " on " + urls.master() + " was not killed: "
              + answer.path("message").asText("the master gave no reason");
    } catch (RemoteException e) {
      return "its driver " + jobId + " on " + urls.master() + " could not be killed: " + e.getMessage();
    }
  }

  @Override
  public ComputeLauncher launcher(Context context) {
    return new StandaloneLauncher(context);
  }

  /**
   * The cluster's alive workers from the master's {@code /json/}: cores and memory in all, and the
   * largest worker as the node an executor must fit in. The description says what is free now.
   */
  @Override
  public Optional<Capacity> capacity(ComputeTarget target, Duration timeout) {
    StandaloneUrls urls = StandaloneUrls.of(target);
    RestClient web = RestClient.to(urls.web()).timeouts(new Timeouts(timeout, timeout, timeout.multipliedBy(2)))
        .retry(RetryPolicy.NONE).build();
    try {
      return Optional.of(capacityOf(web.get("/json/", Cancellation.none())));
    } catch (RemoteException e) {
      return Optional.empty();
    }
  }

  static Capacity capacityOf(JsonNode master) {
    int workers = 0;
    int cores = 0;
    int coresFree = 0;
    long memory = 0;
    long memoryFree = 0;
    Capacity.Node largest = null;
    for (JsonNode worker : master.path("workers")) {
      if (!"ALIVE".equals(worker.path("state").asText())) {
        continue;
      }
      workers++;
      int c = worker.path("cores").asInt();
      long m = worker.path("memory").asLong() * MIB;
      cores += c;
      memory += m;
      coresFree += worker.path("coresfree").asInt(c - worker.path("coresused").asInt());
      memoryFree += worker.path("memoryfree").asLong(worker.path("memory").asLong() - worker.path("memoryused").asLong()) * MIB;
      if (largest == null || c > largest.cores() || (c == largest.cores() && m > largest.memoryBytes())) {
        largest = new Capacity.Node(worker.path("host").asText("worker"), c, m);
      }
    }
    String description = workers + (workers == 1 ? " worker" : " workers") + ", " + coresFree + " of " + cores
        + " cores and " + gib(memoryFree) + " of " + gib(memory) + " GiB free";
    return new Capacity(description, cores, memory, false, largest);
  }

  private static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * MIB));
  }
}
