package io.pipewright.workspace;

import java.time.Instant;

/** An experiment as the Runs view lists it: its name, how many runs it has and when the last started. */
public record ExperimentSummary(String name, int runs, Instant lastRunAt) {}
