package io.pipewright.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Access tokens shaped as Microsoft Entra ID issues them (a JWT: header, claims, signature, each
 * base64url), with the claims a test chooses; the signature is not a real one. Pipewright never
 * checks signatures (Azure does), it only reads who the token was issued to.
 */
public final class AzureTokens {
  /** The tenant of the tests' accounts. */
  public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

  private AzureTokens() {}

  /** A token with these claims (and a made-up header and signature). */
  public static String jwt(Map<String, ?> claims) {
    try {
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      String header = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"test\"}".getBytes(StandardCharsets.UTF_8));
      String body = b64.encodeToString(new ObjectMapper().writeValueAsBytes(claims));
      String signature = b64.encodeToString(("signature of " + claims.hashCode()).getBytes(StandardCharsets.UTF_8));
      return header + "." + body + "." + signature;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A user's token: {@code upn} and {@code tid}, for the Resource Manager. */
  public static String userToken(String upn, String tenant) {
    return jwt(Map.of("aud", "https://management.azure.com", "upn", upn, "tid", tenant, "oid", "0f7d1c3e-user",
        "exp", 4102444800L));
  }
}
