package io.pipewright.workspace;

import java.time.Instant;

/** One status transition of a run or child run, as the history recorded it. */
public record StatusChange(RunStatus status, String message, Instant at) {}
