package io.pipewright.app.history;

import java.util.Locale;

/**
 * An entry of the Runs view's experiment list: one experiment, or all of them ({@code name} null),
 * with how many runs it has.
 */
public record ExperimentChoice(String name, int runs) {

  public static ExperimentChoice all(int runs) {
    return new ExperimentChoice(null, runs);
  }

  public boolean isAll() {
    return name == null;
  }

  @Override
  public String toString() {
    return (name == null ? "All experiments" : name) + String.format(Locale.ROOT, " (%,d)", runs);
  }
}
