package io.pipewright.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * How often {@link RestClient} tries a call and how long it waits in between: exponential backoff
 * with full jitter (a random wait between zero and {@code min(maxBackoff, initialBackoff * 2^(n-1))}
 * before the n-th retry), or longer when the server's {@code Retry-After} asks for it, up to
 * {@code maxRetryAfter}. A server asking for more than that is not waited for: the call fails at
 * once, saying when the server asked to come back.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
  /** 4 attempts, backoff from 500 ms up to 8 s, Retry-After honoured up to 60 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));
  /** One attempt: failures are thrown at once. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt: " + maxAttempts);
    }
    for (Duration d : new Duration[] {initialBackoff, maxBackoff, maxRetryAfter}) {
      Objects.requireNonNull(d, "durations");
      if (d.isNegative()) {
        throw new IllegalArgumentException("a negative duration: " + d);
      }
    }
  }

  /**
   * The wait before retry number {@code retry} (1 for the wait after the first attempt), given a
   * {@code random} number in [0, 1): full jitter over the capped exponential backoff.
   */
  Duration backoff(int retry, double random) {
    long cap = maxBackoff.toNanos();
    long exponential = initialBackoff.toNanos();
    for (int i = 1; i < retry && exponential < cap; i++) {
      exponential *= 2;
    }
    return Duration.ofNanos((long) (Math.min(cap, exponential) * random));
  }

  /**
   * The wait a {@code Retry-After} header asks for, in seconds or as an HTTP date (from {@code
   * now}); null when there is none or it cannot be read.
   */
  public static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Duration wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
