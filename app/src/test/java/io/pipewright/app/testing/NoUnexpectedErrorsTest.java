package io.pipewright.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The check that fails a view-model test on an error dialog it did not expect. */
class NoUnexpectedErrorsTest {
  private final NoUnexpectedErrors check = new NoUnexpectedErrors();
  private final CheckedList<String> errors = new CheckedList<>();

  /** A test's context that says the test itself passed (JUnit's interface, answered here). */
  private static ExtensionContext passedTest() {
    return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
        new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("getExecutionException")) {
            return Optional.empty();
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  private void startTest() {
    check.preConstructTestInstance(null, passedTest());
    NoUnexpectedErrors.watch(() -> errors.unchecked(e -> true));
  }

  @Test
  void anErrorShownThatTheTestNeverLookedAtFailsIt() {
    startTest();
    errors.add("Cannot run: the workspace is closed");

    assertThatThrownBy(() -> check.afterEach(passedTest()))
        .hasMessageContaining("error dialogs the test did not expect")
        .hasMessageContaining("Cannot run: the workspace is closed");
  }

  @Test
  void anErrorTheTestAssertedOnPasses() {
    startTest();
    errors.add("Cannot run: the workspace is closed");

    assertThat(errors).containsExactly("Cannot run: the workspace is closed");
    assertThatCode(() -> check.afterEach(passedTest())).doesNotThrowAnyException();
  }

  @Test
  void anErrorShownAfterTheTestsLastLookStillFailsIt() {
    startTest();
    errors.add("first");
    assertThat(errors).hasSize(1);
    errors.add("second, unexpected");

    assertThatThrownBy(() -> check.afterEach(passedTest())).hasMessageContaining("second, unexpected")
        .message().doesNotContain("first");
  }
}
