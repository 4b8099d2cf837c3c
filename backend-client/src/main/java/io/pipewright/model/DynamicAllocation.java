package io.pipewright.model;

/** Spark dynamic allocation bounds, used instead of a fixed number of executors. */
public record DynamicAllocation(int minExecutors, int maxExecutors) {}
