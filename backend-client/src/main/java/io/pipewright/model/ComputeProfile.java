package io.pipewright.model;

/**
 * What validation needs to know of a compute target.
 *
 * @param kind the target kind, for example {@code local-spark} or {@code local-process}
 * @param runsSpark whether Spark steps can run there
 * @param maxCores cores a step may use there; 0 when unknown (remote pools)
 * @param localMode true where Spark runs in local mode (executors are threads of the driver)
 */
public record ComputeProfile(String name, String kind, boolean runsSpark, int maxCores, boolean localMode) {}
