package io.pipewright.app.azure;

import com.azure.core.credential.TokenCredential;
import io.pipewright.app.fx.DialogService;
import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.azure.AzureSignIn;
import io.pipewright.azure.AzureSignIn.DeviceCode;
import io.pipewright.azure.AzureSignIn.Method;
import io.pipewright.workspace.AzureSession.Account;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The designer's Azure sign-in: who is signed in (the status bar's item), signing in with a method
 * off the FX thread, the device code to show while a device-code sign-in waits, cancelling, and
 * signing out. Failures are shown in words through the dialog service.
 */
public final class AzureSignInViewModel {

  /** Makes the credential of a method; a device-code credential hands its code to the consumer (on its own thread). */
  @FunctionalInterface
  public interface Credentials {
    TokenCredential of(Method method, Consumer<DeviceCode> deviceCodes);

    /** azure-identity's, on the app's OkHttp. */
    Credentials AZURE_IDENTITY = new AzureIdentityCredentials();
  }

  /** A class, not a lambda: making it loads nothing of azure-identity while the designer starts. */
  private static final class AzureIdentityCredentials implements Credentials {
    @Override
    public TokenCredential of(Method method, Consumer<DeviceCode> deviceCodes) {
      return AzureSignIn.credential(method, null, deviceCodes);
    }
  }

  /** Where the sign-in is. */
  public enum State { SIGNED_OUT, SIGNING_IN, SIGNED_IN }

  private final Supplier<AzureSignIn> signIn;
  private final TaskExecutor executor;
  private final DialogService dialogs;
  private final Credentials credentials;
  private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.SIGNED_OUT);
  private final ObjectProperty<Account> account = new SimpleObjectProperty<>(this, "account");
  private final ObjectProperty<Method> method = new SimpleObjectProperty<>(this, "method");
  private final ObjectProperty<DeviceCode> deviceCode = new SimpleObjectProperty<>(this, "deviceCode");
  private TaskExecutor.Cancellable pending;
  /** Which sign-in the callbacks belong to: a cancelled one's late answer is ignored. */
  private int attempt;

  /**
   * @param signIn the app's sign-in, asked for only when the user signs in or out (making it loads
   *     azure-identity's classes, which the designer's start has no time for); signed out until then
   */
  public AzureSignInViewModel(Supplier<AzureSignIn> signIn, TaskExecutor executor, DialogService dialogs,
      Credentials credentials) {
    this.signIn = signIn;
    this.executor = executor;
    this.dialogs = dialogs;
    this.credentials = credentials;
  }

  /** Signs in with {@code how} in the background; the account, or the failure in words, when it ends. */
  public void signIn(Method how) {
    cancelPending();
    int mine = ++attempt;
    state.set(State.SIGNING_IN);
    method.set(how);
    deviceCode.set(null);
    account.set(null);
    Consumer<DeviceCode> codes = code -> executor.onUiThread(() -> {
      if (mine == attempt && state.get() == State.SIGNING_IN) {
        deviceCode.set(code);
      }
    });
    pending = executor.submit(() -> signIn.get().signIn(credentials.of(how, codes)), signedIn -> {
      if (mine != attempt) {
        return;
      }
      pending = null;
      deviceCode.set(null);
      if (signedIn == null) { // signed out meanwhile
        state.set(State.SIGNED_OUT);
        return;
      }
      account.set(signedIn);
      state.set(State.SIGNED_IN);
    }, failure -> {
      if (mine != attempt) {
        return;
      }
      pending = null;
      deviceCode.set(null);
      state.set(State.SIGNED_OUT);
      dialogs.showError("Azure sign-in failed", how.label() + ": " + reason(failure));
    });
  }

  /** Stops a sign-in that is waiting (for the browser, for the device code to be entered). */
  public void cancel() {
    if (state.get() != State.SIGNING_IN) {
      return;
    }
    cancelPending();
    signIn.get().signOut();
    deviceCode.set(null);
    state.set(State.SIGNED_OUT);
  }

  /** Forgets the account and every token. */
  public void signOut() {
    cancelPending();
    signIn.get().signOut();
    state.set(State.SIGNED_OUT);
    deviceCode.set(null);
    account.set(null);
  }

  private void cancelPending() {
    attempt++;
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
  }

  /** What went wrong, without the "Azure sign-in failed: " the dialog's title already says. */
  static String reason(Throwable failure) {
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    String prefix = "Azure sign-in failed: ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state;
  }

  public ReadOnlyObjectProperty<Account> accountProperty() {
    return account;
  }

  /** The method of the sign-in under way or done. */
  public ReadOnlyObjectProperty<Method> methodProperty() {
    return method;
  }

  /** The code a device-code sign-in waits for the user to enter; null otherwise. */
  public ReadOnlyObjectProperty<DeviceCode> deviceCodeProperty() {
    return deviceCode;
  }

  public BooleanBinding signedInBinding() {
    return state.isEqualTo(State.SIGNED_IN);
  }

  public BooleanBinding signingInBinding() {
    return state.isEqualTo(State.SIGNING_IN);
  }

  /** The status bar's words: "Not signed in to Azure", "Signing in to Azure…", "ada@contoso.com · tenant 72f9…". */
  public StringBinding statusBinding() {
    return Bindings.createStringBinding(() -> switch (shownState()) {
      case SIGNED_OUT -> "Not signed in to Azure";
      case SIGNING_IN -> "Signing in to Azure…";
      case SIGNED_IN -> account.get().user() + " · tenant " + shortTenant(account.get().tenantId());
    }, state, account);
  }

  /** The status item's tooltip: the whole tenant id, and that tokens stay in memory. */
  public StringBinding detailBinding() {
    return Bindings.createStringBinding(() -> switch (shownState()) {
      case SIGNED_OUT -> "Not signed in to Azure. Synapse Spark pools and Azure ML workspaces need a sign-in.";
      case SIGNING_IN -> "Signing in to Azure: " + methodLabel();
      case SIGNED_IN -> "Signed in to Azure as " + account.get().user() + " in tenant " + account.get().tenantId()
          + (method.get() == null ? "" : " (" + methodLabel() + ")") + ". Tokens are kept in memory only, never written.";
    }, state, account, method);
  }

  /** The state, as far as it can be shown: signed in only with an account. */
  private State shownState() {
    return state.get() == State.SIGNED_IN && account.get() == null ? State.SIGNED_OUT : state.get();
  }

  private String methodLabel() {
    return method.get() == null ? "" : method.get().label();
  }

  /** The first four characters of a tenant id and an ellipsis. */
  static String shortTenant(String tenantId) {
    return tenantId.length() <= 5 ? tenantId : tenantId.substring(0, 4) + "…";
  }
}
