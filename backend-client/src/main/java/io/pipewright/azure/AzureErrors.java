package io.pipewright.azure;

import io.pipewright.http.RemoteException;

/** Azure's failed answers in words for people. */
public final class AzureErrors {
  private AzureErrors() {}

  /**
   * The exception's sentence without its "GET url: " prefix ("HTTP 403 Forbidden: (AuthorizationFailed)
   * …"), with what to do after a 401 or 403.
   */
  public static String inWords(RemoteException e) {
    String message = e.getMessage();
    String prefix = e.method() + " " + e.url() + ": ";
    String detail = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    return switch (e.status()) {
      case 401 -> detail + " (sign in to Azure again)";
      case 403 -> detail + " (the signed-in account lacks a role on this resource)";
      default -> detail;
    };
  }

  /** Azure's own message of a failed call when its answer had one, else the exception's sentence. */
  public static String serverMessage(java.io.IOException e) {
    if (e instanceof RemoteException r && r.serverMessage().isPresent()) {
      return r.serverMessage().get();
    }
    return e.getMessage();
  }
}
