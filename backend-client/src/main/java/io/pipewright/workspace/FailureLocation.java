package io.pipewright.workspace;

/**
 * Where a failed step's cause is in its logs, for "Show in log".
 *
 * @param stream the log stream ({@link LogStream#DRIVER_STDERR})
 * @param line the cause's line, counted from 1
 * @param cause the cause in words (as the step's message says it)
 */
public record FailureLocation(String stream, long line, String cause) {}
