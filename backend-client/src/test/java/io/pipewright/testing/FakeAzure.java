package io.pipewright.testing;

import io.pipewright.workspace.AzureSession;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A signed-in {@link AzureSession} for tests: tokens "fake-token-1", "fake-token-2", … (a new one
 * for each refresh), and Resource Manager at a local test server. It remembers which scopes were
 * asked for and whether each request was a refresh.
 */
public final class FakeAzure implements AzureSession {
  private final URI managementUrl;
  private final List<String> scopes = new CopyOnWriteArrayList<>();
  private final List<Boolean> refreshes = new CopyOnWriteArrayList<>();
  private volatile int issued;
  private volatile String current;

  /** A session whose Resource Manager is {@code managementUrl} ({@code http://127.0.0.1:port}). */
  public FakeAzure(String managementUrl) {
    this.managementUrl = AzureSession.managementUrlFrom(managementUrl);
  }

  @Override
  public synchronized String token(String scope, boolean refresh) throws IOException {
    scopes.add(scope);
    refreshes.add(refresh);
    if (current == null || refresh) {
      issued++;
      current = "fake-token-" + issued;
    }
    return current;
  }

  @Override
  public Optional<Account> account() {
    return Optional.of(new Account("ada@contoso.example", "00000000-0000-0000-0000-0000000000aa"));
  }

  @Override
  public URI managementUrl() {
    return managementUrl;
  }

  /** The scopes tokens were asked for, in order. */
  public List<String> scopes() {
    return List.copyOf(scopes);
  }

  /** For each token asked for, whether it was a refresh after a 401. */
  public List<Boolean> refreshes() {
    return List.copyOf(refreshes);
  }
}
