package io.pipewright.app.properties;

import io.pipewright.model.SparkSettings;
import io.pipewright.workspace.ComputeTarget;
import java.util.Optional;

/**
 * What a Spark step asks of its compute target in total, and whether that fits. The panel needs only
 * this line; the arithmetic lives behind it (see {@link MachineFootprints}).
 */
@FunctionalInterface
public interface FootprintCalculator {

  /**
   * The footprint of {@code settings} on {@code target}; empty when a memory size in them is not one
   * Spark reads (the field says why).
   */
  Optional<Line> estimate(SparkSettings settings, ComputeTarget target);

  /**
   * @param text one line for people: what is asked, of what, and the verdict
   * @param verdict whether it fits
   */
  record Line(String text, Verdict verdict) {}

  enum Verdict { FITS, DOES_NOT_FIT, UNKNOWN_CAPACITY }
}
