package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.testing.AzureTokens;
import io.pipewright.testing.LoopbackTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipewright azure whoami} in a child JVM (the default credential chain reads the process's
 * environment and runs {@code az} from its PATH): signed in through the Azure CLI (a fake {@code az}
 * printing what the real one prints), through a service principal in the environment (against a
 * local Entra ID token endpoint over HTTPS), and not signed in at all.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AzureWhoAmITest {
  @TempDir Path temp;

  private record Result(int exitCode, String output) {}

  private Path fakeAz(String script) throws IOException {
    return io.pipewright.testing.FakeAz.script(temp, script);
  }

  /** {@code pipewright azure whoami} with no Azure variable but {@code env}, {@code bin} first on the PATH and a fresh HOME. */
  private Result whoami(Path bin, Map<String, String> env, List<String> jvmOptions) throws Exception {
    ProcessBuilder builder = Cli.ownJvm(bin, temp.resolve("home"), jvmOptions,
        "azure", "whoami", "--workspace", temp.resolve("ws").toString());
    builder.environment().putAll(env);
    Process p = builder.start();
    String output = io.pipewright.testing.ProcessOutput.of(p, Duration.ofSeconds(120));
    return new Result(p.exitValue(), output);
  }

  @Test
  void saysWhoIsSignedInThroughTheAzureCli() throws Exception {
    String token = AzureTokens.userToken("ada@contoso.com", AzureTokens.TENANT);
    Path bin = io.pipewright.testing.FakeAz.printing(temp, token);

    Result result = whoami(bin, Map.of(), List.of());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output().strip())
        .isEqualTo("Signed in to Azure as ada@contoso.com in tenant " + AzureTokens.TENANT + ".");
  }

  @Test
  void saysWhyNotAndExitsWithOneWhenNobodyIsSignedIn() throws Exception {
    Path bin = fakeAz("echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");

    Result result = whoami(bin, Map.of(), List.of());

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output()).startsWith("Not signed in to Azure. Azure sign-in failed: ")
        .contains("az login")
        .contains("AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET");
  }

  @Test
  void saysWhichServicePrincipalTheEnvironmentSignsInAs() throws Exception {
    String clientId = "4a1aa1d5-c567-49d0-ad0b-cd957a47f842";
    String secret = "qWgdYAmab0YSkuL1qKv5bPX";
    String token = AzureTokens.jwt(Map.of("aud", "https://management.azure.com", "appid", clientId,
        "tid", AzureTokens.TENANT, "exp", 4102444800L));
    LoopbackTls tls = LoopbackTls.create(temp);
    try (MockWebServer entra = new MockWebServer()) {
      entra.useHttps(tls.serverSockets());
      entra.start(InetAddress.getByName("127.0.0.1"), 0);
      // The Microsoft identity platform's client-credentials answer (v2-oauth2-client-creds-grant-flow).
      entra.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
          .body("{\"token_type\": \"Bearer\", \"expires_in\": 3599, \"ext_expires_in\": 3599, \"access_token\": \""
              + token + "\"}").build());
      Path bin = Files.createDirectories(temp.resolve("no-az"));

      Result result = whoami(bin, Map.of("AZURE_TENANT_ID", AzureTokens.TENANT, "AZURE_CLIENT_ID", clientId,
          "AZURE_CLIENT_SECRET", secret, "AZURE_AUTHORITY_HOST", "https://127.0.0.1:" + entra.getPort(),
          // MSAL asks login.microsoftonline.com about an authority it does not know (refused here, then
          // it uses its fallback); azure-core's setting of retries, so that it does not retry for seconds.
          "AZURE_REQUEST_RETRY_COUNT", "0"),
          tls.trustStoreOptions());

      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output().strip()).isEqualTo("Signed in to Azure as " + clientId + " in tenant " + AzureTokens.TENANT + ".");
      RecordedRequest request = entra.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getUrl().encodedPath()).isEqualTo("/" + AzureTokens.TENANT + "/oauth2/v2.0/token");
      String form = URLDecoder.decode(request.getBody().utf8(), StandardCharsets.UTF_8);
      assertThat(form).contains("grant_type=client_credentials", "client_id=" + clientId, "client_secret=" + secret,
          "scope=https://management.azure.com/.default");
    }
  }

  @Test
  void itsHelpSaysHowTheCommandLineSignsIn() {
    Cli help = Cli.run("azure", "whoami", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out().replaceAll("\\s+", " ")).contains("Usage: pipewright azure whoami")
        .contains("exit code 1 and the reason")
        .contains("AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET")
        .contains("managed identity")
        .contains("az login")
        .contains("Tokens stay in memory");
    assertThat(Cli.run("--help").out()).containsPattern("azure\\s+Azure sign-in of the command line");
  }
}
