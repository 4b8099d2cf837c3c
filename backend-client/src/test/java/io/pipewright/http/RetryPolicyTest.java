package io.pipewright.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Backoff with full jitter, and reading Retry-After. */
class RetryPolicyTest {
  private final RetryPolicy policy = RetryPolicy.DEFAULT;

  @Test
  void backoffDoublesFromTheInitialWaitUpToTheMaximum() {
    double almostOne = 0.999_999;
    assertThat(policy.backoff(1, almostOne)).isBetween(Duration.ofMillis(499), Duration.ofMillis(500));
    assertThat(policy.backoff(2, almostOne)).isBetween(Duration.ofMillis(999), Duration.ofMillis(1000));
    assertThat(policy.backoff(5, almostOne)).isBetween(Duration.ofMillis(7999), Duration.ofSeconds(8));
    assertThat(policy.backoff(40, almostOne)).isBetween(Duration.ofMillis(7999), Duration.ofSeconds(8));
  }

  @Test
  void backoffIsFullJitterFromZero() {
    assertThat(policy.backoff(3, 0)).isZero();
    assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void readsRetryAfterInSeconds() {
    assertThat(RetryPolicy.retryAfter("120", Instant.now())).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void readsRetryAfterAsAnHttpDate() {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");

    assertThat(RetryPolicy.retryAfter("Sun, 01 Mar 2026 12:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.retryAfter("Sun, 01 Mar 2026 11:00:00 GMT", now)).isZero();
  }

  @Test
  void ignoresAnUnreadableRetryAfter() {
    assertThat(RetryPolicy.retryAfter("soon", Instant.now())).isNull();
    assertThat(RetryPolicy.retryAfter(null, Instant.now())).isNull();
  }

  @Test
  void noneMakesOneAttempt() {
    assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
  }
}
