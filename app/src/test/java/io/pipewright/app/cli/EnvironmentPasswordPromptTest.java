package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.workspace.ComputeTarget;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's passwords come from PIPEWRIGHT_LIVY_PASSWORD, and only from there. */
class EnvironmentPasswordPromptTest {
  private static final ComputeTarget LIVY = new ComputeTarget("livy1", "livy",
      Map.of("url", "http://livy.example:8998", "auth", "basic", "user", "alice"));

  @Test
  void thePasswordIsTheVariablesValue() {
    EnvironmentPasswordPrompt prompt = new EnvironmentPasswordPrompt(Map.of("PIPEWRIGHT_LIVY_PASSWORD", "s3cret")::get);

    assertThat(prompt.password(LIVY, "alice", null)).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("s3cret"));
    assertThat(prompt.hint()).isEmpty();
  }

  @Test
  void withoutTheVariableThereIsNoPasswordAndTheHintSaysToSetIt() {
    EnvironmentPasswordPrompt prompt = new EnvironmentPasswordPrompt(Map.<String, String>of()::get);

    assertThat(prompt.password(LIVY, "alice", null)).isEmpty();
    assertThat(prompt.hint()).hasValue("livy1 needs the password of alice: set PIPEWRIGHT_LIVY_PASSWORD");
  }

  @Test
  void anEmptyVariableCountsAsMissing() {
    EnvironmentPasswordPrompt prompt = new EnvironmentPasswordPrompt(Map.of("PIPEWRIGHT_LIVY_PASSWORD", "")::get);

    assertThat(prompt.password(LIVY, "alice", null)).isEmpty();
    assertThat(prompt.hint()).hasValue("livy1 needs the password of alice: set PIPEWRIGHT_LIVY_PASSWORD");
  }

  @Test
  void aRefusedPasswordIsNotGivenAgainAndTheHintSaysItWasRefused() {
    EnvironmentPasswordPrompt prompt = new EnvironmentPasswordPrompt(Map.of("PIPEWRIGHT_LIVY_PASSWORD", "wrong")::get);

    assertThat(prompt.password(LIVY, "alice", "HTTP 401")).isEmpty();
    assertThat(prompt.hint()).hasValue(
        "livy1 refused the password of alice from PIPEWRIGHT_LIVY_PASSWORD (HTTP 401): set it to the right one");
  }
}
