package io.pipewright.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * Fails a view-model test in which an error dialog was shown that the test never looked at: a view
 * model showing an error nobody expected is a bug, not something to pass over. The scripted dialog
 * services of the tests {@link #watch} their error lists ({@link CheckedList}); a test that expects an
 * error asserts on it, which counts as having looked.
 */
public final class NoUnexpectedErrors implements TestInstancePreConstructCallback, AfterEachCallback {
  private static final List<Supplier<List<String>>> WATCHED = new ArrayList<>();

  /** Called by a scripted dialog service when made: what it shows unchecked is looked at after the test. */
  public static synchronized void watch(Supplier<List<String>> uncheckedErrors) {
    WATCHED.add(uncheckedErrors);
  }

  /** Before the test's instance is made: its field initializers may make the dialog service. */
  @Override
  public void preConstructTestInstance(TestInstanceFactoryContext factory, ExtensionContext context) {
    synchronized (NoUnexpectedErrors.class) {
      WATCHED.clear();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> unexpected = new ArrayList<>();
    synchronized (NoUnexpectedErrors.class) {
      for (Supplier<List<String>> errors : WATCHED) {
        unexpected.addAll(errors.get());
      }
      WATCHED.clear();
    }
    if (context.getExecutionException().isEmpty()) {
      assertThat(unexpected).as("error dialogs the test did not expect").isEmpty();
    }
  }
}
