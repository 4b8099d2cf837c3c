package io.pipewright.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.AzureDeveloperCliCredentialBuilder;
import com.azure.identity.ChainedTokenCredentialBuilder;
import com.azure.identity.DeviceCodeCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.identity.InteractiveBrowserCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewright.http.Http;
import io.pipewright.io.Jackson;
import io.pipewright.workspace.AzureSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Signing in to Azure with azure-identity, its HTTP going through the app's one OkHttp ({@link
 * Http#shared()}, through azure-core-http-okhttp). Tokens are kept in this object's memory only and
 * forgotten on {@link #signOut()}; nothing is written, and the persistent token cache of
 * azure-identity is left off.
 *
 * <p>{@link #token} blocks while azure-identity asks Microsoft Entra ID (or the browser, or the
 * user with a device code): call it off the FX thread.
 */
public final class AzureSignIn implements AzureSession {
  /** Made at the first token read, not when the designer starts (Jackson takes a while to load). */
  private static final class Json {
    static final ObjectMapper MAPPER = Jackson.MAPPER;
  }

  /** A cached token is renewed this long before it expires. */
  private static final long EARLY_RENEWAL_SECONDS = 300;

  /** How to sign in. */
  public enum Method {
    /** Environment service principal, workload identity, Azure CLI, Azure Developer CLI, managed identity. */
    DEFAULT("Default credentials (environment, Azure CLI, managed identity)"),
    /** The system browser, at Microsoft's sign-in page. */
    BROWSER("Sign in with the browser"),
    /** A code to type at microsoft.com/devicelogin, from any device. */
    DEVICE_CODE("Sign in with a device code"),
    /** The Azure CLI's signed-in account ({@code az login}) only. */
    AZURE_CLI("Azure CLI (az login)");

    private final String label;

    Method(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** What a device-code sign-in shows: the code, where to type it, and Microsoft's own sentence. */
  public record DeviceCode(String userCode, String verificationUrl, String message) {}

  private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
  private volatile TokenCredential credential;
  private volatile Account account;

  /** Signed out: {@link #token} fails until {@link #use} or {@link #signIn}. */
  public AzureSignIn() {}

  /** Signed in with a credential built elsewhere. */
  public AzureSignIn(TokenCredential credential) {
    this.credential = Objects.requireNonNull(credential, "credential");
  }

  /** The command line's: the default chain, first used when a token is needed. */
  public static AzureSignIn defaultChain() {
    return new AzureSignIn(credential(Method.DEFAULT, null, null));
  }

  /** azure-core's HTTP client on the app's one OkHttp. */
  public static HttpClient httpClient() {
    return new OkHttpAsyncHttpClientBuilder(Http.shared()).build();
  }

  /**
   * The credential of a method.
   *
   * @param tenantId the directory to sign in to; null for the account's home tenant
   * @param deviceCodes shown the code of a device-code sign-in (on the thread that asks for a token)
   */
  public static TokenCredential credential(Method method, String tenantId, Consumer<DeviceCode> deviceCodes) {
    String tenant = tenantId == null || tenantId.isBlank() ? null : tenantId.strip();
    return switch (method) {
      case DEFAULT -> defaultChain(tenant);
      case BROWSER -> {
        InteractiveBrowserCredentialBuilder b = new InteractiveBrowserCredentialBuilder().httpClient(httpClient())
            .redirectUrl("http://localhost");
        yield (tenant == null ? b : b.tenantId(tenant)).build();
      }
      case DEVICE_CODE -> {
        DeviceCodeCredentialBuilder b = new DeviceCodeCredentialBuilder().httpClient(httpClient())
            .challengeConsumer(info -> {
              if (deviceCodes != null) {
                deviceCodes.accept(new DeviceCode(info.getUserCode(), info.getVerificationUrl(), info.getMessage()));
              }
            });
        yield (tenant == null ? b : b.tenantId(tenant)).build();
      }
      case AZURE_CLI -> {
        AzureCliCredentialBuilder b = new AzureCliCredentialBuilder();
        yield (tenant == null ? b : b.tenantId(tenant)).build();
      }
    };
  }

  /**
   * The default chain of a desktop tool: an environment service principal, a workload identity
   * (when configured), the Azure CLI's and the Azure Developer CLI's accounts, and last a managed
   * identity. Not DefaultAzureCredential's order, which asks the managed identity endpoint before the
   * CLI: on a network that answers 169.254.169.254 without being Azure (proxies, some VPNs) its
   * refusal ends that chain before the developer's own {@code az login} is tried.
   */
  private static TokenCredential defaultChain(String tenant) {
    ChainedTokenCredentialBuilder chain = new ChainedTokenCredentialBuilder()
        .addLast(new EnvironmentCredentialBuilder().httpClient(httpClient()).build());
    if (System.getenv("AZURE_FEDERATED_TOKEN_FILE") != null) {
      WorkloadIdentityCredentialBuilder workload = new WorkloadIdentityCredentialBuilder().httpClient(httpClient());
      chain.addLast((tenant == null ? workload : workload.tenantId(tenant)).build());
    }
    AzureCliCredentialBuilder cli = new AzureCliCredentialBuilder();
    AzureDeveloperCliCredentialBuilder azd = new AzureDeveloperCliCredentialBuilder();
    return chain.addLast((tenant == null ? cli : cli.tenantId(tenant)).build())
        .addLast((tenant == null ? azd : azd.tenantId(tenant)).build())
        .addLast(new ManagedIdentityCredentialBuilder().httpClient(httpClient()).build())
        .build();
  }

  /** Uses a credential from now on; the first token request signs in. Tokens of the last one are forgotten. */
  public void use(TokenCredential newCredential) {
    signOut();
    credential = Objects.requireNonNull(newCredential, "credential");
  }

  /** Uses the credential and gets a Resource Manager token at once, so that a failed sign-in says so now. Blocks. */
  public Account signIn(TokenCredential newCredential) throws IOException {
    use(newCredential);
    try {
      token(MANAGEMENT_SCOPE, false);
    } catch (IOException e) {
      signOut();
      throw e;
    }
    return account;
  }

  /** Forgets the credential, every token and the account. */
  public void signOut() {
    credential = null;
    account = null;
    tokens.clear();
  }

  public boolean isSignedIn() {
    return credential != null;
  }

  @Override
  public Optional<Account> account() {
    return Optional.ofNullable(account);
  }

  @Override
  public String token(String scope, boolean refresh) throws IOException {
    TokenCredential current = credential;
    if (current == null) {
      return NONE.token(scope, refresh);
    }
    AccessToken cached = tokens.get(scope);
    if (!refresh && cached != null
        && cached.getExpiresAt().isAfter(OffsetDateTime.now().plusSeconds(EARLY_RENEWAL_SECONDS))) {
      return cached.getToken();
    }
    AccessToken fresh;
    try {
      fresh = current.getTokenSync(new TokenRequestContext().addScopes(scope));
    } catch (RuntimeException e) {
      throw new IOException("Azure sign-in failed: " + firstLine(e), e);
    }
    if (fresh == null || fresh.getToken() == null) {
      throw new IOException("Azure sign-in failed: no token for " + scope);
    }
    if (credential == current) {
      tokens.put(scope, fresh);
      if (account == null) {
        account = accountOf(fresh.getToken());
      }
    }
    return fresh.getToken();
  }

  /** The user (or application) and tenant a token was issued to, from its claims; unknown parts are "unknown". */
  static Account accountOf(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length >= 2) {
      try {
        JsonNode claims = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(pad(parts[1])), StandardCharsets.UTF_8));
        String user = first(claims, "upn", "preferred_username", "unique_name", "email", "appid", "azp", "oid");
        String tenant = first(claims, "tid");
        return new Account(user == null ? "unknown" : user, tenant == null ? "unknown" : tenant);
      } catch (IOException | IllegalArgumentException e) {
        // Not a JWT (some test servers and proxies): fall through.
      }
    }
    return new Account("unknown", "unknown");
  }

  private static String pad(String base64) {
    return base64 + "===".substring(0, (4 - base64.length() % 4) % 4);
  }

  private static String first(JsonNode claims, String... names) {
    for (String name : names) {
      JsonNode value = claims.get(name);
      if (value != null && value.isTextual() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return null;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
