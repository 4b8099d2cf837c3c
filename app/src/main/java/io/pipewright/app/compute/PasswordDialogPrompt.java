package io.pipewright.app.compute;

import io.pipewright.app.fx.DialogService;
import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.PasswordPrompt;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The designer's {@link PasswordPrompt}: the workspace asks on one of its background threads; the
 * question goes to the UI thread as a password dialog ({@link DialogService#askPassword}) and the
 * asking thread waits for the answer. Asked on the UI thread itself (by mistake), it answers
 * nothing at once and logs it: waiting there would freeze the window.
 */
public final class PasswordDialogPrompt implements PasswordPrompt {
  private static final Logger LOG = LoggerFactory.getLogger(PasswordDialogPrompt.class);
  /** How long a background thread waits for the user at most: long enough to go and find a password. */
  static final Duration LONGEST_WAIT = Duration.ofMinutes(30);

  private final TaskExecutor executor;
  private final DialogService dialogs;
  private final Duration longestWait;

  public PasswordDialogPrompt(TaskExecutor executor, DialogService dialogs) {
    this(executor, dialogs, LONGEST_WAIT);
  }

  PasswordDialogPrompt(TaskExecutor executor, DialogService dialogs, Duration longestWait) {
    this.executor = executor;
    this.dialogs = dialogs;
    this.longestWait = longestWait;
  }

  @Override
  public Optional<char[]> password(ComputeTarget target, String user, String why) {
    if (executor.isUiThread()) {
      LOG.error("The password of {} for compute target {} was asked on the UI thread; not asking (the window would "
          + "freeze): ask from a background thread", user, target.name());
      return Optional.empty();
    }
    CompletableFuture<Optional<char[]>> answer = new CompletableFuture<>();
    try {
      executor.onUiThread(() -> {
        if (answer.isDone()) {
          return; // the asking thread gave up before the question reached the window
        }
        try {
          Optional<char[]> given = dialogs.askPassword(title(target), header(target, user), user, why);
          if (!answer.complete(given)) {
            given.ifPresent(p -> Arrays.fill(p, '\0'));
          }
        } catch (RuntimeException e) {
          answer.completeExceptionally(e);
        }
      });
    } catch (IllegalStateException e) {
      LOG.warn("Cannot ask for the password of {} for {}: the window is gone", user, target.name());
      return Optional.empty();
    }
    try {
      return answer.get(longestWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.cancel(false);
      return Optional.empty();
    } catch (TimeoutException e) {
      answer.cancel(false);
      LOG.warn("No password for {} on {} within {} minutes; going on without", user, target.name(),
          longestWait.toMinutes());
      return Optional.empty();
    } catch (ExecutionException e) {
      LOG.error("The password dialog for {} failed", target.name(), e.getCause());
      return Optional.empty();
    }
  }

  static String title(ComputeTarget target) {
    return "Password for " + target.name();
  }

  /** "cluster1 (Apache Livy at http://host:8998) asks for the password of alice." */
  static String header(ComputeTarget target, String user) {
    String kind = ComputeKind.of(target.kind()).map(ComputeKind::label).orElse(target.kind());
    String at = address(target).map(a -> " at " + a).orElse("");
    return target.name() + " (" + kind + at + ") asks for the password of " + user + ".";
  }

  /** Where a target is reached: its URL setting ({@code url}, else {@code restUrl}, else {@code masterUrl}). */
  static Optional<String> address(ComputeTarget target) {
    return Stream.of("url", "restUrl", "masterUrl").map(target::setting).flatMap(Optional::stream).findFirst();
  }
}
