package io.pipewright.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a call may take: to connect, for each read (and write), and for the whole call
 * including reading the answer. All three are bounded: a zero or negative timeout is refused,
 * because OkHttp reads zero as "wait forever".
 */
public record Timeouts(Duration connect, Duration read, Duration call) {
  /** Connect 10 s, read 30 s, whole call 60 s. */
  public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

  public Timeouts {
    requirePositive(connect, "connect");
    requirePositive(read, "read");
    requirePositive(call, "call");
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("the " + name + " timeout must be positive: " + d);
    }
  }

  public Timeouts withRead(Duration d) {
    return new Timeouts(connect, d, call);
  }

  public Timeouts withCall(Duration d) {
    return new Timeouts(connect, read, d);
  }
}
