package io.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short run of bench/fuzz in the build: 2,000 mutated pipeline files with a fixed seed. A hang
 * is 5 s of the worker's CPU time here (50 s in all), not the bench's 2 s, because the build runs
 * on busy machines; an input that hangs for real (a loop, or work that grows with the square of
 * the file) still trips it.
 */
class PipelineFuzzTest {

  private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));

  @Test
  void readsLocatesAndValidatesTwoThousandMutatedFilesWithoutACrashAHangOrAnUnlocatedError() {
    PipelineFuzzer fuzzer = new PipelineFuzzer(PipelineFuzzer.defaultSeeds(ROOT), 20261205L, 5_000,
        PipelineFuzzer.fixtureContext(ROOT.resolve("resources/samples/titanic")));

    PipelineFuzzer.Result result = fuzzer.run(2_000, 5, null);

    assertThat(result.failures()).as("the first failures (replay: bench/fuzz --replay FILE)")
        .extracting(f -> "input " + f.index() + ": " + f.outcome() + " " + f.detail())
        .isEmpty();
    assertThat(result.line()).isEqualTo("fuzz: inputs=2000 crashes=0 hangs=0 unlocated=0");
    assertThat(result.roundtrips()).isZero();
    // Not only rejections: a good share of the inputs reach the validator.
    assertThat(result.validated()).isGreaterThan(200);
  }

  @Test
  void makesTheSameInputsFromTheSameSeed() {
    List<PipelineFuzzer.Seed> seeds = PipelineFuzzer.defaultSeeds(ROOT);
    PipelineFuzzer a = new PipelineFuzzer(seeds, 7, 10_000, ValidationContext.NONE);
    PipelineFuzzer b = new PipelineFuzzer(seeds, 7, 10_000, ValidationContext.NONE);
    PipelineFuzzer other = new PipelineFuzzer(seeds, 8, 10_000, ValidationContext.NONE);

    for (long i = 0; i < 50; i++) {
      assertThat(a.input(i)).isEqualTo(b.input(i));
    }
    assertThat(Arrays.equals(a.input(0), other.input(0)) && Arrays.equals(a.input(1), other.input(1))).isFalse();
  }
}
