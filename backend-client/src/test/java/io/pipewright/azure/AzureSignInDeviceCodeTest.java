package io.pipewright.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.testing.AzureTokens;
import io.pipewright.testing.LoopbackTls;
import java.time.Duration;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device-code method with azure-identity's real DeviceCodeCredential (MSAL underneath) against
 * a local Microsoft Entra ID over HTTPS, in a child JVM whose AZURE_AUTHORITY_HOST points at it:
 * the code Entra ID hands out reaches AzureSignIn's consumer as a DeviceCode, the token endpoint is
 * polled while the user has not yet entered it ("authorization_pending"), and the account is read
 * from the token. Bodies as the Microsoft identity platform documents them (v2-oauth2-device-code).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AzureSignInDeviceCodeTest {
  /** azure-identity's default public client (the Azure CLI's application id). */
  private static final String CLIENT_ID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
  private static final String MESSAGE = "To sign in, use a web browser to open the page https://microsoft.com/devicelogin"
      + " and enter the code GB6FT8QXK to authenticate.";

  @TempDir Path temp;

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> form(RecordedRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : request.getBody().utf8().split("&")) {
      String[] nv = pair.split("=", 2);
      form.put(URLDecoder.decode(nv[0], StandardCharsets.UTF_8), nv.length > 1 ? URLDecoder.decode(nv[1], StandardCharsets.UTF_8) : "");
    }
    return form;
  }

  @Test
  void handsTheCodeToTheDialogPollsUntilItIsEnteredAndSaysWhoSignedIn() throws Exception {
    String accessToken = AzureTokens.userToken("ada@contoso.com", AzureTokens.TENANT);
    String idToken = AzureTokens.jwt(Map.of("aud", CLIENT_ID, "iss", "https://login.microsoftonline.com/" + AzureTokens.TENANT + "/v2.0",
        "tid", AzureTokens.TENANT, "oid", "0f7d1c3e-user", "sub", "s1", "preferred_username", "ada@contoso.com",
        "ver", "2.0", "iat", 1764900000L, "nbf", 1764900000L, "exp", 4102444800L));
    String clientInfo = b64("{\"uid\":\"0f7d1c3e-user\",\"utid\":\"" + AzureTokens.TENANT + "\"}");
    List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    LoopbackTls tls = LoopbackTls.create(temp);
    try (MockWebServer entra = new MockWebServer()) {
      entra.useHttps(tls.serverSockets());
      entra.setDispatcher(new Dispatcher() {
        int polls;

        @Override
        public MockResponse dispatch(RecordedRequest request) {
          requests.add(request);
          String path = request.getUrl().encodedPath();
          if (path.endsWith("/oauth2/v2.0/devicecode")) {
            return json(200, "{\"user_code\":\"GB6FT8QXK\",\"device_code\":\"GAQABAAEAAAAm-06blBE1TpVMil8KPQ41\","
                + "\"verification_uri\":\"https://microsoft.com/devicelogin\",\"expires_in\":900,\"interval\":1,"
                + "\"message\":\"" + MESSAGE + "\"}");
          }
          if (path.endsWith("/oauth2/v2.0/token") && polls++ == 0) {
            return json(400, "{\"error\":\"authorization_pending\",\"error_description\":\"AADSTS70016: OAuth 2.0 device"
                + " flow error. Authorization is pending. Continue polling.\",\"error_codes\":[70016]}");
          }
          if (path.endsWith("/oauth2/v2.0/token")) {
            return json(200, "{\"token_type\":\"Bearer\",\"scope\":\"https://management.azure.com/user_impersonation\","
                + "\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"" + accessToken + "\","
                + "\"refresh_token\":\"0.AAAA-refresh\",\"id_token\":\"" + idToken + "\",\"client_info\":\"" + clientInfo + "\"}");
          }
          return json(404, "{\"error\":\"not_found\"}");
        }
      });
      entra.start(InetAddress.getByName("127.0.0.1"), 0);

      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path")));
      command.addAll(tls.trustStoreOptions());
      // No test reaches the internet: MSAL's instance discovery (login.microsoftonline.com) goes to a closed proxy.
      command.addAll(List.of("-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9", "-Dhttp.nonProxyHosts=127.0.0.1|localhost",
          DeviceCodeProbe.class.getName()));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().keySet().removeIf(name -> name.startsWith("AZURE_"));
      builder.environment().put("AZURE_AUTHORITY_HOST", "https://127.0.0.1:" + entra.getPort());
      builder.environment().put("AZURE_REQUEST_RETRY_COUNT", "0");
      builder.environment().put("HOME", Files.createDirectories(temp.resolve("home")).toString());
      Process p = builder.start();
      String output = io.pipewright.testing.ProcessOutput.of(p, Duration.ofSeconds(60));

      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("code GB6FT8QXK at https://microsoft.com/devicelogin | " + MESSAGE)
          .contains("account ada@contoso.com " + AzureTokens.TENANT)
          .doesNotContain(accessToken).doesNotContain("0.AAAA-refresh");
      RecordedRequest deviceCode = requests.stream().filter(r -> r.getUrl().encodedPath().endsWith("/devicecode")).findFirst().orElseThrow();
      assertThat(deviceCode.getMethod()).isEqualTo("POST");
      assertThat(deviceCode.getUrl().encodedPath()).isEqualTo("/organizations/oauth2/v2.0/devicecode");
      assertThat(form(deviceCode)).containsEntry("client_id", CLIENT_ID)
          .containsEntry("scope", "openid profile offline_access https://management.azure.com/.default");
      List<RecordedRequest> polls = requests.stream().filter(r -> r.getUrl().encodedPath().endsWith("/token")).toList();
      assertThat(polls).hasSize(2);
      // MSAL sends "device_code" (Entra ID accepts it besides the RFC 8628 urn:ietf:params:oauth:grant-type:device_code).
      assertThat(form(polls.get(0))).containsEntry("grant_type", "device_code")
          .containsEntry("device_code", "GAQABAAEAAAAm-06blBE1TpVMil8KPQ41")
          .containsEntry("client_id", CLIENT_ID);
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }
}
