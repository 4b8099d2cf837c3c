package io.pipewright.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.pipewright.testing.AzureTokens;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.AzureSession.Account;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

/**
 * AzureSignIn's own behaviour, with a TokenCredential (azure-core's interface) that hands out
 * numbered tokens: the account read from the token's claims, tokens cached per scope and renewed
 * on refresh and near expiry, and signing out. The real credentials are in
 * {@link AzureSignInEntraTest} and {@link AzureSignInCliTest}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AzureSignInTest {

  /** Hands out a new token for every request, valid for {@code lifetimeSeconds}; remembers the scopes asked. */
  private static final class Numbered implements TokenCredential {
    final List<String> asked = new CopyOnWriteArrayList<>();
    final long lifetimeSeconds;
    final String user;

    Numbered(String user, long lifetimeSeconds) {
      this.user = user;
      this.lifetimeSeconds = lifetimeSeconds;
    }

    @Override
    public Mono<AccessToken> getToken(com.azure.core.credential.TokenRequestContext request) {
      asked.add(String.join(" ", request.getScopes()));
      String token = AzureTokens.jwt(Map.of("upn", user, "tid", AzureTokens.TENANT, "n", asked.size()));
      return Mono.just(new AccessToken(token, OffsetDateTime.now().plusSeconds(lifetimeSeconds)));
    }
  }

  @Test
  void readsTheUserAndTenantFromTheTokensClaims() {
    assertThat(AzureSignIn.accountOf(AzureTokens.userToken("ada@contoso.com", AzureTokens.TENANT)))
        .isEqualTo(new Account("ada@contoso.com", AzureTokens.TENANT));
    // Guest and personal accounts have no upn: preferred_username, then unique_name, then email.
    assertThat(AzureSignIn.accountOf(AzureTokens.jwt(Map.of("preferred_username", "bob@fabrikam.com", "tid", "t1"))))
        .isEqualTo(new Account("bob@fabrikam.com", "t1"));
    assertThat(AzureSignIn.accountOf(AzureTokens.jwt(Map.of("unique_name", "live.com#carol@outlook.com", "tid", "t2"))))
        .isEqualTo(new Account("live.com#carol@outlook.com", "t2"));
    // A service principal or managed identity: its application id.
    assertThat(AzureSignIn.accountOf(AzureTokens.jwt(Map.of("appid", "0d5e2c7a-app", "tid", "t3", "oid", "obj"))))
        .isEqualTo(new Account("0d5e2c7a-app", "t3"));
  }

  @Test
  void aTokenThatIsNotAJwtGivesAnUnknownAccountNotAFailure() {
    assertThat(AzureSignIn.accountOf("opaque-token")).isEqualTo(new Account("unknown", "unknown"));
    assertThat(AzureSignIn.accountOf("not.base64!.x")).isEqualTo(new Account("unknown", "unknown"));
    assertThat(AzureSignIn.accountOf(AzureTokens.jwt(Map.of("aud", "x")))).isEqualTo(new Account("unknown", "unknown"));
  }

  @Test
  void signInGetsAResourceManagerTokenAtOnceAndSaysWhoIsSignedIn() throws IOException {
    Numbered credential = new Numbered("ada@contoso.com", 3600);
    AzureSignIn signIn = new AzureSignIn();
    assertThat(signIn.isSignedIn()).isFalse();
    assertThat(signIn.account()).isEmpty();

    Account account = signIn.signIn(credential);

    assertThat(account).isEqualTo(new Account("ada@contoso.com", AzureTokens.TENANT));
    assertThat(signIn.account()).contains(account);
    assertThat(signIn.isSignedIn()).isTrue();
    assertThat(credential.asked).containsExactly(AzureSession.MANAGEMENT_SCOPE);
  }

  @Test
  void cachesOneTokenPerScope() throws IOException {
    Numbered credential = new Numbered("ada@contoso.com", 3600);
    AzureSignIn signIn = new AzureSignIn(credential);

    String management = signIn.token(AzureSession.MANAGEMENT_SCOPE, false);
    String synapse = signIn.token(AzureSession.SYNAPSE_SCOPE, false);

    assertThat(signIn.token(AzureSession.MANAGEMENT_SCOPE, false)).isEqualTo(management);
    assertThat(signIn.token(AzureSession.SYNAPSE_SCOPE, false)).isEqualTo(synapse);
    assertThat(synapse).isNotEqualTo(management);
    assertThat(credential.asked).containsExactly(AzureSession.MANAGEMENT_SCOPE, AzureSession.SYNAPSE_SCOPE);
  }

  @Test
  void refreshAsksTheCredentialAgainAndKeepsTheNewToken() throws IOException {
    Numbered credential = new Numbered("ada@contoso.com", 3600);
    AzureSignIn signIn = new AzureSignIn(credential);
    String first = signIn.token(AzureSession.MANAGEMENT_SCOPE, false);

    String refreshed = signIn.token(AzureSession.MANAGEMENT_SCOPE, true);

    assertThat(refreshed).isNotEqualTo(first);
    assertThat(signIn.token(AzureSession.MANAGEMENT_SCOPE, false)).isEqualTo(refreshed);
    assertThat(credential.asked).hasSize(2);
  }

  @Test
  void renewsATokenThatExpiresWithinFiveMinutes() throws IOException {
    Numbered shortLived = new Numbered("ada@contoso.com", 240); // 4 minutes: renewed at each use
    AzureSignIn signIn = new AzureSignIn(shortLived);

    String first = signIn.token(AzureSession.STORAGE_SCOPE, false);
    String second = signIn.token(AzureSession.STORAGE_SCOPE, false);

    assertThat(second).isNotEqualTo(first);
    assertThat(shortLived.asked).hasSize(2);

    Numbered longLived = new Numbered("ada@contoso.com", 360); // 6 minutes: kept
    signIn.use(longLived);
    String kept = signIn.token(AzureSession.STORAGE_SCOPE, false);
    assertThat(signIn.token(AzureSession.STORAGE_SCOPE, false)).isEqualTo(kept);
    assertThat(longLived.asked).hasSize(1);
  }

  @Test
  void signOutForgetsTheCredentialTheTokensAndTheAccount() throws IOException {
    Numbered credential = new Numbered("ada@contoso.com", 3600);
    AzureSignIn signIn = new AzureSignIn();
    signIn.signIn(credential);
    signIn.token(AzureSession.SYNAPSE_SCOPE, false);

    signIn.signOut();

    assertThat(signIn.isSignedIn()).isFalse();
    assertThat(signIn.account()).isEmpty();
    assertThatThrownBy(() -> signIn.token(AzureSession.MANAGEMENT_SCOPE, false))
        .isInstanceOf(IOException.class)
        .hasMessage("Not signed in to Azure: sign in first (Azure ▸ Sign in, or az login for the command line)");
    assertThat(credential.asked).hasSize(2); // nothing asked after signing out

    // Signing in again as someone else: none of the first account's tokens is handed out.
    Numbered other = new Numbered("bob@fabrikam.com", 3600);
    signIn.signIn(other);
    assertThat(signIn.account()).contains(new Account("bob@fabrikam.com", AzureTokens.TENANT));
    assertThat(AzureSignIn.accountOf(signIn.token(AzureSession.SYNAPSE_SCOPE, false)).user()).isEqualTo("bob@fabrikam.com");
  }

  @Test
  void aFailedSignInSaysWhyInItsFirstLineAndLeavesNobodySignedIn() {
    TokenCredential refusing = request -> Mono.error(new RuntimeException(
        "AADSTS7000215: Invalid client secret provided.\nTrace ID: 1\nCorrelation ID: 2"));
    AzureSignIn signIn = new AzureSignIn();

    assertThatThrownBy(() -> signIn.signIn(refusing))
        .isInstanceOf(IOException.class)
        .hasMessage("Azure sign-in failed: AADSTS7000215: Invalid client secret provided.");
    assertThat(signIn.isSignedIn()).isFalse();
    assertThat(signIn.account()).isEmpty();
  }

  @Test
  void aTokenThatArrivesAfterSigningOutIsNotKept() throws Exception {
    java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    TokenCredential slow = request -> Mono.fromCallable(() -> {
      asked.countDown();
      if (!release.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released within 30 s");
      }
      return new AccessToken(AzureTokens.userToken("ada@contoso.com", AzureTokens.TENANT), OffsetDateTime.now().plusHours(1));
    });
    AzureSignIn signIn = new AzureSignIn(slow);
    java.util.concurrent.CompletableFuture<String> pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return signIn.token(AzureSession.MANAGEMENT_SCOPE, false);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();

    signIn.signOut();
    release.countDown();
    pending.get(10, TimeUnit.SECONDS);

    assertThat(signIn.account()).isEmpty();
    assertThatThrownBy(() -> signIn.token(AzureSession.MANAGEMENT_SCOPE, false)).hasMessageStartingWith("Not signed in");
  }
}
