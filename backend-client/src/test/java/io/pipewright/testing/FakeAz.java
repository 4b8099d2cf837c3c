package io.pipewright.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A fake Azure CLI for azure-identity's AzureCliCredential, which runs {@code az account
 * get-access-token}: an executable {@code az} shell script in a folder to put first on a PATH.
 */
public final class FakeAz {
  private FakeAz() {}

  /** Writes {@code folder/bin/az} running {@code script} (after {@code #!/bin/sh}); returns {@code folder/bin}. */
  public static Path script(Path folder, String script) throws IOException {
    Path bin = Files.createDirectories(folder.resolve("bin"));
    Path az = bin.resolve("az");
    Files.writeString(az, "#!/bin/sh\n" + script);
    Files.setPosixFilePermissions(az, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  /** An {@code az} that prints {@code accessToken} as {@code az account get-access-token} prints a token; returns its bin folder. */
  public static Path printing(Path folder, String accessToken) throws IOException {
    Path printed = folder.resolve("az-token.json");
    Files.writeString(printed, output(accessToken));
    return script(folder, "cat '" + printed + "'\n");
  }

  /** What {@code az account get-access-token --output json} prints (test resource az-account-get-access-token.json). */
  public static String output(String accessToken) throws IOException {
    try (InputStream in = FakeAz.class.getResourceAsStream("/azure/az-account-get-access-token.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("ACCESS_TOKEN", accessToken).replace("TENANT", AzureTokens.TENANT);
    }
  }
}
