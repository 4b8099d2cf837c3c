package io.pipewright.app.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.pipewright.app.compute.ScriptedDialogs;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.testing.ForwardingWorkspace;
import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.azure.AzureSignIn.DeviceCode;
import io.pipewright.azure.AzureSignIn.Method;
import io.pipewright.azure.AzureSignIn;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.testing.AzureTokens;
import io.pipewright.workspace.AzureSession;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The designer's sign-in, with azure-core TokenCredentials standing in for Microsoft Entra ID (the
 * real ones are tested in backend-client) and the background work run at once.
 */
@ExtendWith(NoUnexpectedErrors.class)
class AzureSignInViewModelTest {
  static final DeviceCode CODE = new DeviceCode("GB6FT8QXK", "https://microsoft.com/devicelogin",
      "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code GB6FT8QXK to authenticate.");

  private final AzureSignIn signIn = new AzureSignIn();
  private final ScriptedDialogs dialogs = new ScriptedDialogs();
  private final List<Method> methodsAsked = new ArrayList<>();

  private static TokenCredential ada() {
    return request -> Mono.just(new AccessToken(AzureTokens.userToken("ada@contoso.com", AzureTokens.TENANT),
        OffsetDateTime.now().plusHours(1)));
  }

  private AzureSignInViewModel model(AzureSignInViewModel.Credentials credentials) {
    return new AzureSignInViewModel(() -> signIn, new CurrentThreadTaskExecutor(), dialogs, (method, codes) -> {
      methodsAsked.add(method);
      return credentials.of(method, codes);
    });
  }

  @Test
  void startsSignedOut() {
    AzureSignInViewModel model = model((m, c) -> ada());

    assertThat(model.stateProperty().get()).isEqualTo(AzureSignInViewModel.State.SIGNED_OUT);
    assertThat(model.statusBinding().get()).isEqualTo("Not signed in to Azure");
    assertThat(model.detailBinding().get()).startsWith("Not signed in to Azure.");
  }

  @Test
  void signingInShowsTheUserAndTheStartOfTheTenant() throws Exception {
    AzureSignInViewModel model = model((m, c) -> ada());

    model.signIn(Method.DEFAULT);

    assertThat(methodsAsked).containsExactly(Method.DEFAULT);
    assertThat(model.stateProperty().get()).isEqualTo(AzureSignInViewModel.State.SIGNED_IN);
    assertThat(model.statusBinding().get()).isEqualTo("ada@contoso.com · tenant 72f9…");
    assertThat(model.detailBinding().get()).isEqualTo("Signed in to Azure as ada@contoso.com in tenant "
        + AzureTokens.TENANT + " (Default credentials (environment, Azure CLI, managed identity))."
        + " Tokens are kept in memory only, never written.");
    // The app's one sign-in now hands out tokens (to the workspace's launchers).
    assertThat(signIn.token(AzureSession.SYNAPSE_SCOPE, false)).isEqualTo(AzureTokens.userToken("ada@contoso.com", AzureTokens.TENANT));
    assertThat(dialogs.shown).isEmpty();
  }

  @Test
  void aDeviceCodeSignInShowsTheCodeWhileItWaitsAndForgetsItAfter() {
    List<DeviceCode> shown = new ArrayList<>();
    AzureSignInViewModel model = model((m, codes) -> request -> Mono.fromCallable(() -> {
      codes.accept(CODE); // azure-identity calls back with the code, then polls until the user has entered it
      return new AccessToken(AzureTokens.userToken("ada@contoso.com", AzureTokens.TENANT), OffsetDateTime.now().plusHours(1));
    }));
    model.deviceCodeProperty().addListener((o, was, code) -> shown.add(code));

    model.signIn(Method.DEVICE_CODE);

    assertThat(shown).containsExactly(CODE, null);
    assertThat(model.statusBinding().get()).isEqualTo("ada@contoso.com · tenant 72f9…");
  }

  @Test
  void aFailedSignInIsShownInWordsAndLeavesItSignedOut() {
    AzureSignInViewModel model = model((m, c) -> request -> Mono.error(new RuntimeException(
        "AADSTS50126: Error validating credentials due to invalid username or password.\nTrace ID: 1")));

    model.signIn(Method.BROWSER);

    assertThat(dialogs.shown).containsExactly("error: Azure sign-in failed | Sign in with the browser: "
        + "AADSTS50126: Error validating credentials due to invalid username or password.");
    assertThat(model.stateProperty().get()).isEqualTo(AzureSignInViewModel.State.SIGNED_OUT);
    assertThat(model.statusBinding().get()).isEqualTo("Not signed in to Azure");
    assertThat(signIn.isSignedIn()).isFalse();
  }

  @Test
  void signOutForgetsTheAccountAndTheTokens() {
    AzureSignInViewModel model = model((m, c) -> ada());
    model.signIn(Method.DEFAULT);

    model.signOut();

    assertThat(model.statusBinding().get()).isEqualTo("Not signed in to Azure");
    assertThat(model.accountProperty().get()).isNull();
    assertThat(signIn.isSignedIn()).isFalse();
    assertThatThrownBy(() -> signIn.token(AzureSession.MANAGEMENT_SCOPE, false)).hasMessageStartingWith("Not signed in to Azure");
  }

  @Test
  void theWorkspaceGetsTheDesignersSignInAsItsAzureSession(@TempDir Path home) throws Exception {
    AppContext context = new AppContext(new CurrentThreadTaskExecutor(), dialogs, PipelineDocument.empty(), home);
    List<AzureSession> given = new ArrayList<>();
    try (LocalWorkspace local = LocalWorkspace.open(home.resolve("ws"))) {
      context.workspaceProperty().set(new ForwardingWorkspace(local) {
        @Override
        public void setAzureSession(AzureSession session) {
          given.add(session);
          super.setAzureSession(session);
        }
      });
    }

    assertThat(given).containsExactly(context.azureSession());
    // It is the designer's sign-in: signed in there, the workspace's session hands out its tokens.
    context.azure().signIn(ada());
    assertThat(given.get(0).token(AzureSession.MANAGEMENT_SCOPE, false))
        .isEqualTo(AzureTokens.userToken("ada@contoso.com", AzureTokens.TENANT));
    assertThat(given.get(0).account()).isEqualTo(context.azure().account());
  }
}
