package io.pipewright.remote;

import io.pipewright.http.Timeouts;
import io.pipewright.workspace.ComputeTarget;
import java.time.Duration;

/** The HTTP timeouts of a remote target: the defaults, with its {@code readTimeout} (seconds) when set. */
public final class TargetTimeouts {
  private TargetTimeouts() {}

  public static Timeouts of(ComputeTarget target) {
    return target.setting("readTimeout").map(Integer::parseInt).map(Duration::ofSeconds)
        .map(read -> Timeouts.DEFAULT.withRead(read).withCall(read.multipliedBy(2).plusSeconds(10)))
        .orElse(Timeouts.DEFAULT);
  }
}
