package io.pipewright.app.run;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a step ran in a warm Spark driver, read from how the history recorded its launch: a warm
 * step's launch says "warm driver pid 4242 (started 2 min ago, Spark UI …, job group …)" where a cold
 * step's is its command line.
 */
final class WarmLaunch {
  private static final Pattern WARM = Pattern.compile("(?i)\\bwarm (?:spark )?driver\\b(?:[^\\n]*?\\bpid (\\d+))?");

  private WarmLaunch() {}

  /** "the warm Spark driver (pid 4242)" when the launch was in a warm driver, else empty. */
  static Optional<String> where(String launch) {
    if (launch == null || launch.isBlank()) {
      return Optional.empty();
    }
    String first = launch.strip().lines().findFirst().orElse("");
    Matcher m = WARM.matcher(first);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of("the warm Spark driver" + (m.group(1) == null ? "" : " (pid " + m.group(1) + ")"));
  }
}
