package io.pipewright.app.warm;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.workspace.WarmSpark.Driver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the status bar's warm Spark item says about the drivers it is told of. */
class WarmSparkWordsTest {
  private static final long MIB = 1L << 20;
  private static final Instant NOW = Instant.parse("2026-12-05T12:30:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String KEY = "local-spark · heap 1g · 2 cores";

  private static Driver idle(long usedMib, Duration idleFor) {
    Instant since = NOW.minus(idleFor);
    return new Driver(KEY, 4242, NOW.minus(Duration.ofMinutes(20)), true, usedMib * MIB, 1024 * MIB, 0, since,
        since.plus(Duration.ofMinutes(10)), "http://127.0.0.1:4040");
  }

  private static Driver starting() {
    return new Driver(KEY, 4343, NOW.minusSeconds(2), false, -1, -1, 0, NOW.minusSeconds(2), null, null);
  }

  private static Driver running(int steps) {
    return new Driver(KEY, 4242, NOW.minus(Duration.ofMinutes(20)), true, 600 * MIB, 1024 * MIB, steps, null, null,
        "http://127.0.0.1:4040");
  }

  @Test
  void anIdleDriverShowsItsHeapAndHowLongItHasBeenIdle() {
    assertThat(WarmSparkViewModel.status(List.of(idle(412, Duration.ofMinutes(3).plusSeconds(20))), NOW))
        .isEqualTo("Spark warm · 412 MB of 1 GB · idle 3 min");
  }

  @Test
  void aDriverThatHasNotToldItsHeapShowsItsIdleTimeOnly() {
    Driver quiet = new Driver(KEY, 1, NOW, true, -1, -1, 0, NOW.minusSeconds(5), NOW.plusSeconds(595), null);

    assertThat(WarmSparkViewModel.status(List.of(quiet), NOW)).isEqualTo("Spark warm · idle <1 min");
  }

  @Test
  void aStartingDriverSaysSparkIsStarting() {
    assertThat(WarmSparkViewModel.status(List.of(starting()), NOW)).isEqualTo("Spark starting…");
  }

  @Test
  void aDriverRunningStepsCountsThemAcrossDrivers() {
    assertThat(WarmSparkViewModel.status(List.of(running(2)), NOW)).isEqualTo("Spark warm · running 2 steps");
    assertThat(WarmSparkViewModel.status(List.of(running(1), starting()), NOW))
        .isEqualTo("Spark warm (2 drivers) · running 1 step");
  }

  @Test
  void twoIdleDriversAddTheirHeapsAndShowTheShorterIdleTime() {
    List<Driver> two = List.of(idle(412, Duration.ofMinutes(8)), idle(612, Duration.ofMinutes(2)));

    assertThat(WarmSparkViewModel.status(two, NOW)).isEqualTo("Spark warm (2 drivers) · 1 GB of 2 GB · idle 2 min");
  }

  @Test
  void noDriverSaysNothing() {
    assertThat(WarmSparkViewModel.status(List.of(), NOW)).isEmpty();
  }

  @Test
  void theTooltipNamesEachDriversKeyPidStartAndWhenItStops() {
    String detail = WarmSparkViewModel.detail(List.of(idle(412, Duration.ofMinutes(3)), starting()), NOW, CLOCK);

    assertThat(detail).contains("Warm Spark driver: " + KEY + "\npid 4242 · started 12:10 (20 min ago)\n"
        + "heap 412 MB of 1 GB in use\nSpark UI http://127.0.0.1:4040\n"
        + "idle 3 min: stops at 12:37 unless a step runs in it\n");
    assertThat(detail).contains("pid 4343 · started 12:29 (just now)\nstarting: its JVM and Spark are starting\n");
    assertThat(detail).endsWith("It stops when idle and when Pipewright closes.");
  }

  @Test
  void sizesAreSaidInMegabytesBelowAGigabyte() {
    assertThat(WarmSparkViewModel.size(0)).isEqualTo("0 MB");
    assertThat(WarmSparkViewModel.size(989 * MIB)).isEqualTo("989 MB");
    assertThat(WarmSparkViewModel.size(1024 * MIB)).isEqualTo("1 GB");
    assertThat(WarmSparkViewModel.size(1536 * MIB)).isEqualTo("1.5 GB");
  }

  @Test
  void longIdleTimesAreSaidInHours() {
    assertThat(WarmSparkViewModel.minutes(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
  }
}
