package io.pipewright.app.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.workspace.ComputeTarget;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The designer's password prompt: asked on a background thread, answered by a dialog on the UI thread. */
@ExtendWith(NoUnexpectedErrors.class)
class PasswordDialogPromptTest {
  private static final ComputeTarget LIVY = new ComputeTarget("livy1", "livy",
      Map.of("url", "http://livy.example:8998", "auth", "basic", "user", "alice"));

  private final UiThread ui = new UiThread();
  private final ScriptedDialogs dialogs = new ScriptedDialogs();

  @AfterEach
  void stopUiThread() {
    ui.close();
  }

  @Test
  void showsTheDialogOnTheUiThreadAndHandsTheAnswerToTheAskingThread() {
    dialogs.answerPassword("s3cret");

    Optional<char[]> answer = new PasswordDialogPrompt(ui, dialogs, Duration.ofSeconds(10)).password(LIVY, "alice", null);

    assertThat(answer).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("s3cret"));
    assertThat(dialogs.passwordThreads).containsExactly("ui");
    assertThat(dialogs.last()).isEqualTo("password: Password for livy1 | livy1 (Apache Livy at http://livy.example:8998)"
        + " asks for the password of alice. | alice | null");
  }

  @Test
  void asksAgainWithTheServersRefusal() {
    dialogs.answerPassword("better");

    new PasswordDialogPrompt(ui, dialogs, Duration.ofSeconds(10)).password(LIVY, "alice", "HTTP 401: invalid credentials");

    assertThat(dialogs.last()).endsWith("| alice | HTTP 401: invalid credentials");
  }

  @Test
  void aCancelledDialogAnswersNothing() {
    dialogs.answerPassword(null);

    assertThat(new PasswordDialogPrompt(ui, dialogs, Duration.ofSeconds(10)).password(LIVY, "alice", null)).isEmpty();
  }

  @Test
  void askedOnTheUiThreadByMistakeItAnswersNothingWithoutShowingADialog() {
    // The synchronous executor runs everything on the caller's thread, which plays the UI thread.
    Optional<char[]> answer = new PasswordDialogPrompt(new CurrentThreadTaskExecutor(), dialogs, Duration.ofSeconds(10))
        .password(LIVY, "alice", null);

    assertThat(answer).isEmpty();
    assertThat(dialogs.shown).isEmpty();
  }

  @Test
  void givesUpWhenNobodyAnswersInTime() {
    TaskExecutor neverRuns = new UiThread() {
      @Override
      public void onUiThread(Runnable action) {
        // a window that never gets to the question
      }
    };

    long start = System.nanoTime();
    Optional<char[]> answer = new PasswordDialogPrompt(neverRuns, dialogs, Duration.ofMillis(200)).password(LIVY, "alice", null);

    assertThat(answer).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    neverRuns.close();
  }

  /** A UI thread of its own, named "ui": the test's thread is the background thread that asks. */
  private static class UiThread implements TaskExecutor {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "ui"));

    @Override
    public <T> Cancellable submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void onUiThread(Runnable action) {
      thread.execute(action);
    }

    @Override
    public boolean isUiThread() {
      return Thread.currentThread().getName().equals("ui");
    }

    @Override
    public void debounce(Object key, Duration delay, Runnable action) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Cancellable every(Duration period, Runnable action) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      thread.shutdownNow();
      try {
        thread.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
