package io.pipewright.azureml;

import io.pipewright.http.RemoteException;
import java.io.IOException;

/**
 * An Azure call that failed, in words for people: what we were doing, then what Azure answered
 * ("Could not list the computes of Azure ML workspace 'ws': HTTP 403 Forbidden: (AuthorizationFailed)
 * …"). The {@link RemoteException} underneath is its cause, with the status and Azure's error body.
 */
public final class AzureMlException extends IOException {
  private static final long serialVersionUID = 1L;

  AzureMlException(String doing, RemoteException cause) {
    super(doing + ": " + detail(cause) + advice(cause), cause);
  }

  /** The HTTP status Azure answered, 0 when there was no answer (network, timeout, canceled). */
  public int status() {
    return remote().status();
  }

  /** Whether trying again later could help (429, 5xx, the network). */
  public boolean retryable() {
    return remote().retryable();
  }

  public boolean canceled() {
    return remote().canceled();
  }

  public RemoteException remote() {
    return (RemoteException) getCause();
  }

  /** The exception's message without its "GET url: " prefix. */
  private static String detail(RemoteException e) {
    String message = e.getMessage();
    String prefix = e.method() + " " + e.url() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static String advice(RemoteException e) {
    return switch (e.status()) {
      case 401 -> " (sign in to Azure again)";
      case 403 -> " (the signed-in account lacks a role on this resource)";
      default -> "";
    };
  }
}
