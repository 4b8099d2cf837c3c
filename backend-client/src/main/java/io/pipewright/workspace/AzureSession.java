package io.pipewright.workspace;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Who this session is signed in to Azure as, and tokens for Azure's APIs, in memory only: no token
 * is ever written anywhere. The app signs in through {@code io.pipewright.azure.AzureSignIn}; the command line
 * uses the default credential chain (environment service principal, Azure CLI, managed identity).
 */
public interface AzureSession {

  /** Azure Resource Manager: workspaces, computes, jobs, Synapse pools. */
  String MANAGEMENT_SCOPE = "https://management.azure.com/.default";
  /** Synapse's data plane: Spark batch jobs, linked services of a Synapse workspace. */
  String SYNAPSE_SCOPE = "https://dev.azuresynapse.net/.default";
  /** Azure Storage: ADLS Gen2 and blobs. */
  String STORAGE_SCOPE = "https://storage.azure.com/.default";

  /** Environment variable overriding the Resource Manager URL (a sovereign cloud, a private endpoint, a test server). */
  String MANAGEMENT_URL_VARIABLE = "PIPEWRIGHT_AZURE_MANAGEMENT_URL";

  /** The signed-in account, shown in the status bar. */
  record Account(String user, String tenantId) {
    @Override
    public String toString() {
      return user + " (tenant " + tenantId + ")";
    }
  }

  /**
   * A token for {@code scope}. Cached; {@code refresh} asks for a new one (the server answered 401
   * to the cached one). Throws with a sentence for people when not signed in or the sign-in failed.
   */
  String token(String scope, boolean refresh) throws IOException;

  /** The account signed in, once a token has been got; empty before, and after signing out. */
  Optional<Account> account();

  /** The Resource Manager endpoint, {@code https://management.azure.com} unless overridden. */
  default URI managementUrl() {
    return managementUrlFrom(System.getenv(MANAGEMENT_URL_VARIABLE));
  }

  /**
   * Where to reach a data-plane endpoint that Azure names in a resource (a Synapse workspace's
   * {@code connectivityEndpoints.dev}, its storage account's {@code accountUrl}): that endpoint
   * itself, unless something stands in for it (a test server, a proxy). The names Spark sees, such
   * as {@code abfss://fs@account.dfs.core.windows.net/...}, stay the documented ones.
   */
  default URI endpoint(URI documented) {
    return documented;
  }

  /** {@code override} when given, else the public cloud's endpoint. */
  static URI managementUrlFrom(String override) {
    String url = override == null || override.isBlank() ? "https://management.azure.com" : override.strip();
    return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  /** No Azure: every token request fails with a sentence saying to sign in. */
  AzureSession NONE = new AzureSession() {
    @Override
    public String token(String scope, boolean refresh) throws IOException {
      throw new IOException("Not signed in to Azure: sign in first (Azure ▸ Sign in, or az login for the command line)");
    }

    @Override
    public Optional<Account> account() {
      return Optional.empty();
    }
  };
}
