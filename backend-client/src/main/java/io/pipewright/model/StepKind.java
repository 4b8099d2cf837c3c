package io.pipewright.model;

/** What a step does: a Spark application, or a command on a non-Spark compute. */
public sealed interface StepKind permits SparkStep, ScriptStep {}
