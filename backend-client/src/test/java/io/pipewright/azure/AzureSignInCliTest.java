package io.pipewright.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.testing.AzureTokens;
import io.pipewright.testing.FakeAz;
import java.time.Duration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure CLI method with azure-identity's real AzureCliCredential, which runs {@code az account
 * get-access-token}: here a fake {@code az} (a shell script first on the PATH of a child JVM) prints
 * what the real one prints (test resource az-account-get-access-token.json) and records its arguments.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AzureSignInCliTest {
  @TempDir Path temp;

  private Path fakeAz(String script) throws IOException {
    return FakeAz.script(temp, "echo \"$@\" >> '" + temp.resolve("az-calls.txt") + "'\n" + script);
  }

  /** Runs the probe with only the fake az and the system's directories on its PATH, and a fresh HOME. */
  private String probe(Path bin, int expectedExit) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        AzureCliProbe.class.getName())).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("AZURE_"));
    builder.environment().put("PATH", bin + ":/usr/bin:/bin");
    builder.environment().put("HOME", Files.createDirectories(temp.resolve("home")).toString());
    Process p = builder.start();
    String output = io.pipewright.testing.ProcessOutput.of(p, Duration.ofSeconds(60));
    assertThat(p.exitValue()).as(output).isEqualTo(expectedExit);
    return output;
  }

  static String azOutput(String accessToken) throws IOException {
    return FakeAz.output(accessToken);
  }

  @Test
  void signsInWithTheAzureCliAndReadsTheAccountFromItsToken() throws Exception {
    String token = AzureTokens.userToken("ada@contoso.com", AzureTokens.TENANT);
    Path output = temp.resolve("az-output.json");
    Files.writeString(output, azOutput(token));
    Path bin = fakeAz("cat '" + output + "'\n");

    String printed = probe(bin, 0);

    assertThat(printed).contains("account ada@contoso.com " + AzureTokens.TENANT)
        .contains("token length " + token.length())
        .doesNotContain(token);
    // One call: the token for the Resource Manager, asked as azure-identity asks the CLI (a resource, not a scope).
    assertThat(Files.readAllLines(temp.resolve("az-calls.txt")))
        .containsExactly("account get-access-token --output json --resource https://management.azure.com");
  }

  @Test
  void saysToRunAzLoginWhenTheCliIsNotSignedIn() throws Exception {
    // What az prints on stderr (exit code 1) when nobody is signed in.
    Path bin = fakeAz("echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");

    String printed = probe(bin, 1);

    assertThat(printed).contains("failed Azure sign-in failed: AzureCliCredential authentication unavailable. "
        + "Please run 'az login' to set up account.");
  }
}
