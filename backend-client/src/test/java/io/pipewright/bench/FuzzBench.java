package io.pipewright.bench;

import io.pipewright.model.PipelineFuzzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Mutated pipeline files through the reader and the validator (see {@link PipelineFuzzer}).
 * Arguments: {@code PROJECT_ROOT INPUTS SEED FAILURES_DIR [TIMEOUT_MS]}; with {@code --replay FILE…}
 * after the root, says what each saved input does now. Last line: {@code fuzz: inputs=N crashes=C
 * hangs=H unlocated=U}.
 */
public final class FuzzBench {

  private FuzzBench() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    List<PipelineFuzzer.Seed> seeds = PipelineFuzzer.defaultSeeds(root);
    if (args.length > 1 && args[1].equals("--replay")) {
      PipelineFuzzer fuzzer = new PipelineFuzzer(seeds, 0, 2000,
          PipelineFuzzer.fixtureContext(root.resolve("resources/samples/titanic")));
      for (int i = 2; i < args.length; i++) {
        byte[] input = Files.readAllBytes(Path.of(args[i]));
        long start = System.nanoTime();
        String outcome = fuzzer.replay(input);
        System.out.printf("%s: %s (%d ms)%n", args[i], outcome, (System.nanoTime() - start) / 1_000_000);
      }
      return;
    }
    long inputs = Long.parseLong(args[1]);
    long seed = Long.parseLong(args[2]);
    Path failures = Path.of(args[3]);
    long timeout = args.length > 4 ? Long.parseLong(args[4]) : 2000;
    // Relative files of the mutated pipelines (entry files, source directories) resolve in a sample's folder.
    PipelineFuzzer fuzzer = new PipelineFuzzer(seeds, seed, timeout,
        PipelineFuzzer.fixtureContext(root.resolve("resources/samples/titanic")));
    System.out.printf("seed %d, %d seed files, %d inputs, timeout %d ms, failing inputs to %s%n", seed,
        seeds.size(), inputs, timeout, failures);
    long start = System.nanoTime();
    int[] saved = {0};
    PipelineFuzzer.Result result = fuzzer.run(inputs, 0, failure -> {
      if (saved[0]++ < 1000) {
        try {
          PipelineFuzzer.save(failure, failures);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (saved[0] <= 20) {
        String first = failure.detail().lines().limit(3).reduce((a, b) -> a + " | " + b).orElse("");
        System.out.printf("input %d: %s %s%n", failure.index(), failure.outcome(), first);
      }
    });
    System.out.printf("roundtrips=%d rejected=%d validated=%d seconds=%.1f%n", result.roundtrips(), result.rejected(),
        result.validated(),
        (System.nanoTime() - start) / 1e9);
    System.out.println(result.line());
  }
}
