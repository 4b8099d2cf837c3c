package io.pipewright.app.cli;

import io.pipewright.azure.AzureSignIn;
import io.pipewright.workspace.AzureSession;
import java.io.IOException;
import java.util.Optional;

/**
 * The command line's Azure session: Pipewright's default chain ({@code AzureSignIn.Method.DEFAULT}:
 * environment service principal, workload identity, Azure CLI, Azure Developer CLI, managed identity), made when
 * the first token is needed, so that commands that never reach Azure do not load azure-identity.
 */
final class LazyAzureSession implements AzureSession {
  private volatile AzureSignIn signIn;

  /** The default chain's sign-in, made now if it was not yet. */
  AzureSignIn signIn() {
    AzureSignIn current = signIn;
    if (current == null) {
      synchronized (this) {
        if (signIn == null) {
          signIn = AzureSignIn.defaultChain();
        }
        current = signIn;
      }
    }
    return current;
  }

  @Override
  public String token(String scope, boolean refresh) throws IOException {
    return signIn().token(scope, refresh);
  }

  @Override
  public Optional<Account> account() {
    AzureSignIn current = signIn;
    return current == null ? Optional.empty() : current.account();
  }
}
