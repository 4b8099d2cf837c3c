package io.pipewright.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.util.Context;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.pipewright.http.Http;
import io.pipewright.testing.AzureTokens;
import io.pipewright.testing.LoopbackTls;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.AzureSession.Account;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * azure-identity's real ClientSecretCredential (MSAL underneath) signing in against a local
 * Microsoft Entra ID token endpoint, over HTTPS because azure-identity refuses an http authority
 * host ("Authority host must use https scheme."), through the app's OkHttp. Everything logged
 * meanwhile, at every level of every logger, is captured and searched for the token and the secret.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AzureSignInEntraTest {
  private static final String CLIENT_ID = "4a1aa1d5-c567-49d0-ad0b-cd957a47f842";
  private static final String SECRET = "qWgdYAmab0YSkuL1qKv5bPX";

  @TempDir static Path temp;
  private final MockWebServer server = new MockWebServer();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private Level rootLevel;
  private ch.qos.logback.core.Appender<ILoggingEvent> console;
  private static LoopbackTls tls;

  @BeforeAll
  static void certificate() throws Exception {
    tls = LoopbackTls.create(temp);
  }

  @BeforeEach
  void start() throws Exception {
    server.useHttps(tls.serverSockets());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    rootLevel = root.getLevel();
    console = root.getAppender("STDERR"); // logback-test.xml's: kept out of the build's output meanwhile
    if (console != null) {
      root.detachAppender(console);
    }
    log.start();
    root.addAppender(log);
    root.setLevel(Level.TRACE); // the worst case: someone debugging with everything on
  }

  @AfterEach
  void stop() {
    root.setLevel(rootLevel);
    root.detachAppender(log);
    if (console != null) {
      root.addAppender(console);
    }
    server.close();
  }

  private String authority() {
    return "https://127.0.0.1:" + server.getPort();
  }

  /** The shared client, trusting the test certificate ({@code newBuilder} keeps its pool, dispatcher and logging). */
  private OkHttpClient sharedTrustingTheTestServer() throws Exception {
    return Http.shared().newBuilder().sslSocketFactory(tls.clientSockets(), tls.trustManager()).build();
  }

  private TokenCredential clientSecretCredential() throws Exception {
    return new ClientSecretCredentialBuilder()
        .authorityHost(authority())
        .tenantId(AzureTokens.TENANT)
        .clientId(CLIENT_ID)
        .clientSecret(SECRET)
        .disableInstanceDiscovery() // no https://login.microsoftonline.com/common/discovery/instance
        .httpClient(new OkHttpAsyncHttpClientBuilder(sharedTrustingTheTestServer()).build())
        .build();
  }

  private static String tokenResponse(String accessToken) throws IOException {
    try (InputStream in = AzureSignInEntraTest.class.getResourceAsStream("/azure/token-client-credentials.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("ACCESS_TOKEN", accessToken);
    }
  }

  private static Map<String, String> form(RecordedRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : request.getBody().utf8().split("&")) {
      String[] nameValue = pair.split("=", 2);
      form.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
          nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
    }
    return form;
  }

  private String logText() {
    return log.list.stream()
        .map(e -> e.getLoggerName() + " " + e.getLevel() + " " + e.getFormattedMessage()
            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
        .collect(Collectors.joining("\n"));
  }

  private static String servicePrincipalToken() {
    return AzureTokens.jwt(Map.of("aud", "https://management.azure.com", "appid", CLIENT_ID,
        "tid", AzureTokens.TENANT, "oid", "9b6c1e4d-sp", "exp", 4102444800L));
  }

  @Test
  void signsInAsAServicePrincipalAgainstTheTokenEndpointThroughTheSharedClient() throws Exception {
    String accessToken = servicePrincipalToken();
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
        .body(tokenResponse(accessToken)).build());
    AzureSignIn signIn = new AzureSignIn();

    Account account = signIn.signIn(clientSecretCredential());

    assertThat(account).isEqualTo(new Account(CLIENT_ID, AzureTokens.TENANT));
    assertThat(signIn.token(AzureSession.MANAGEMENT_SCOPE, false)).isEqualTo(accessToken);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/" + AzureTokens.TENANT + "/oauth2/v2.0/token");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(form(request)).containsEntry("grant_type", "client_credentials")
        .containsEntry("client_id", CLIENT_ID)
        .containsEntry("client_secret", SECRET)
        // MSAL adds the OpenID Connect scopes to every request.
        .containsEntry("scope", AzureSession.MANAGEMENT_SCOPE + " openid profile offline_access");
    assertThat(server.getRequestCount()).as("one request: cached afterwards").isEqualTo(1);

    // It went through the shared client's network interceptor, which logs on io.pipewright.http ...
    String logged = logText();
    assertThat(logged).contains("io.pipewright.http DEBUG POST " + authority() + "/" + AzureTokens.TENANT
        + "/oauth2/v2.0/token -> 200");
    // ... and nothing anywhere logged the token or the secret, not even at TRACE.
    assertThat(logged).doesNotContain(accessToken).doesNotContain(accessToken.split("\\.")[1]).doesNotContain(SECRET);
  }

  @Test
  void aTokenForAnotherScopeIsAnotherRequest() throws Exception {
    String management = servicePrincipalToken();
    String synapse = AzureTokens.jwt(Map.of("aud", "https://dev.azuresynapse.net", "appid", CLIENT_ID, "tid", AzureTokens.TENANT));
    server.enqueue(new MockResponse.Builder().code(200).body(tokenResponse(management)).build());
    server.enqueue(new MockResponse.Builder().code(200).body(tokenResponse(synapse)).build());
    AzureSignIn signIn = new AzureSignIn(clientSecretCredential());

    assertThat(signIn.token(AzureSession.MANAGEMENT_SCOPE, false)).isEqualTo(management);
    assertThat(signIn.token(AzureSession.SYNAPSE_SCOPE, false)).isEqualTo(synapse);

    server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(form(server.takeRequest(5, TimeUnit.SECONDS))).containsEntry("scope", AzureSession.SYNAPSE_SCOPE + " openid profile offline_access");
  }

  /** After a 401 the caller asks for a fresh token: azure-identity goes to the token endpoint again. */
  @Test
  void refreshGetsANewTokenFromTheTokenEndpoint() throws Exception {
    String first = servicePrincipalToken();
    String second = AzureTokens.jwt(Map.of("aud", "https://management.azure.com", "appid", CLIENT_ID,
        "tid", AzureTokens.TENANT, "n", 2));
    server.enqueue(new MockResponse.Builder().code(200).body(tokenResponse(first)).build());
    server.enqueue(new MockResponse.Builder().code(200).body(tokenResponse(second)).build());
    AzureSignIn signIn = new AzureSignIn(clientSecretCredential());
    assertThat(signIn.token(AzureSession.MANAGEMENT_SCOPE, false)).isEqualTo(first);
    assertThat(signIn.token(AzureSession.MANAGEMENT_SCOPE, false)).isEqualTo(first);
    assertThat(server.getRequestCount()).isEqualTo(1);

    assertThat(signIn.token(AzureSession.MANAGEMENT_SCOPE, true)).isEqualTo(second);
    assertThat(signIn.token(AzureSession.MANAGEMENT_SCOPE, false)).isEqualTo(second);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRefusedSecretIsAFailedSignInInWordsWithoutTheSecret() throws Exception {
    // Microsoft identity platform's error body (invalid_client, AADSTS7000215), as documented for the token endpoint.
    server.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json; charset=utf-8")
        .body("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided. "
            + "Ensure the secret being sent in the request is the client secret value, not the client secret ID.\","
            + "\"error_codes\":[7000215],\"timestamp\":\"2026-12-05 07:10:00Z\","
            + "\"trace_id\":\"0b1f\",\"correlation_id\":\"3c2e\"}").build());
    AzureSignIn signIn = new AzureSignIn();

    assertThatThrownBy(() -> signIn.signIn(clientSecretCredential()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Azure sign-in failed: ")
        .hasMessageContaining("AADSTS7000215: Invalid client secret provided.")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    assertThat(signIn.isSignedIn()).isFalse();
    assertThat(logText()).doesNotContain(SECRET);
  }

  /** AzureSignIn.httpClient() is azure-core's HttpClient on Http.shared(): the request shows in the shared client's log. */
  @Test
  void azureCoresHttpClientIsTheSharedOkHttp() throws Exception {
    try (MockWebServer plain = new MockWebServer()) {
      plain.start(InetAddress.getByName("127.0.0.1"), 0);
      plain.enqueue(new MockResponse.Builder().code(204).build());
      String url = "http://127.0.0.1:" + plain.getPort() + "/probe";

      try (var response = AzureSignIn.httpClient().sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
        assertThat(response.getStatusCode()).isEqualTo(204);
      }

      assertThat(logText()).contains("io.pipewright.http DEBUG GET " + url + " -> 204");
      assertThat(AzureSignIn.httpClient().getClass().getName()).isEqualTo("com.azure.core.http.okhttp.OkHttpAsyncHttpClient");
    }
  }

  /** azure-identity would default to Netty, whose native libraries do not resolve; it is excluded, OkHttp is the default. */
  @Test
  void theNettyHttpClientIsNotOnTheClassPath() {
    assertThatThrownBy(() -> Class.forName("com.azure.core.http.netty.NettyAsyncHttpClientBuilder"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("io.netty.channel.Channel")).isInstanceOf(ClassNotFoundException.class);
    assertThat(com.azure.core.http.HttpClient.createDefault().getClass().getName())
        .isEqualTo("com.azure.core.http.okhttp.OkHttpAsyncHttpClient");
    assertThat(Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator)))
        .noneMatch(entry -> entry.contains("azure-core-http-netty") || entry.contains("netty-"));
  }
}
