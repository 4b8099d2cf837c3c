package io.pipewright.azure;

import io.pipewright.workspace.AzureSession;
import java.io.IOException;

/**
 * Run by {@link AzureSignInCliTest} in a child JVM (azure-identity runs {@code az} from the PATH
 * of the JVM's environment, which a test cannot change in its own JVM): signs in with the Azure CLI
 * method and prints the account, or the failure, never the token.
 */
public final class AzureCliProbe {
  private AzureCliProbe() {}

  public static void main(String[] args) {
    AzureSignIn signIn = new AzureSignIn();
    try {
      AzureSession.Account account = signIn.signIn(AzureSignIn.credential(AzureSignIn.Method.AZURE_CLI, null, null));
      String token = signIn.token(AzureSession.MANAGEMENT_SCOPE, false);
      System.out.println("account " + account.user() + " " + account.tenantId());
      System.out.println("token length " + token.length());
    } catch (IOException e) {
      System.out.println("failed " + e.getMessage());
      System.exit(1);
    }
  }
}
