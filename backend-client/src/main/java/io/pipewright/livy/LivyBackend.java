package io.pipewright.livy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.http.RetryPolicy;
import io.pipewright.http.Timeouts;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeLauncher;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import io.pipewright.workspace.Passwords;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.WorkspaceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The Apache Livy backend: its connection test and launcher. */
public final class LivyBackend implements RemoteBackend {

  @Override
  public String kind() {
    return ComputeKind.LIVY;
  }

  @Override
  public ComputeLauncher launcher(Context context) {
    return new LivyLauncher(context);
  }

  @Override
  public String kill(ComputeTarget target, String jobId, Duration timeout, Context context) {
    LivyConnection livy = new LivyConnection(target, context.passwords(),
        new Timeouts(timeout, timeout, timeout.multipliedBy(2)), RetryPolicy.NONE);
    try {
      return LivyJob.delete(livy, jobId, Cancellation.none())
          ? "deleted its batch " + jobId + " on Livy at " + livy.url()
          : "its batch " + jobId + " on Livy at " + livy.url() + " had ended already";
    } catch (RemoteException e) {
      return "its batch " + jobId + " on Livy at " + livy.url() + " could not be deleted: " + e.getMessage();
    } catch (WorkspaceException e) {
      return "its batch " + jobId + " on Livy at " + livy.url() + " could not be deleted: " + e.getMessage();
    }
  }

  @Override
  public ConnectionTest test(ComputeTarget target, Duration timeout) {
    return test(target, timeout, new Context(null, null, new Passwords()));
  }

  /** Lists the server's batches (which needs the password when it asks one) and reads its version when it tells. */
  @Override
  public ConnectionTest test(ComputeTarget target, Duration timeout, Context context) {
    LivyConnection livy = new LivyConnection(target, context.passwords(),
        new Timeouts(timeout, timeout, timeout.multipliedBy(2)), RetryPolicy.NONE);
    List<String> details = new ArrayList<>();
    try {
      JsonNode batches = livy.call(rest -> rest.get("/batches?from=0&size=1", Cancellation.none()));
      String version = version(livy);
      details.add("GET " + livy.url() + "/batches: " + batches.path("total").asInt() + " batches");
      return ConnectionTest.ok("Livy " + (version.isEmpty() ? "" : version + " ") + "at " + livy.url() + " answers ("
          + batches.path("total").asInt() + " batches)", details);
    } catch (RemoteException e) {
      return ConnectionTest.failed(e.getMessage(), details);
    } catch (WorkspaceException e) {
      return ConnectionTest.failed(e.getMessage(), details);
    }
  }

  private static String version(LivyConnection livy) {
    try {
      return livy.call(rest -> rest.get("/version", Cancellation.none())).path("version").asText("");
    } catch (RemoteException | WorkspaceException e) {
      return ""; // older servers have no /version
    }
  }
}
