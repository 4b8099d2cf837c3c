package io.pipewright.azure;

import io.pipewright.workspace.AzureSession;
import java.io.IOException;

/**
 * Run by {@link AzureSignInDeviceCodeTest} in a child JVM (azure-identity's authority host and the
 * JVM's trust come from its environment and options): signs in with a device code, printing the
 * code as the designer's dialog gets it, then the account; never the token.
 */
public final class DeviceCodeProbe {
  private DeviceCodeProbe() {}

  public static void main(String[] args) {
    AzureSignIn signIn = new AzureSignIn();
    try {
      AzureSession.Account account = signIn.signIn(AzureSignIn.credential(AzureSignIn.Method.DEVICE_CODE, null,
          code -> System.out.println("code " + code.userCode() + " at " + code.verificationUrl() + " | " + code.message())));
      System.out.println("account " + account.user() + " " + account.tenantId());
    } catch (IOException e) {
      System.out.println("failed " + e.getMessage());
      System.exit(1);
    }
  }
}
