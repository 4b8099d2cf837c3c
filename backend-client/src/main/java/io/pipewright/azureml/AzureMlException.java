package io.pipewright.azureml;

import io.pipewright.azure.AzureErrors;
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
    super(doing + ": " + AzureErrors.inWords(cause), cause);
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
}
