package io.pipewright.azureml.yaml;

import io.pipewright.model.Severity;
import io.pipewright.model.SourceLocation;
import java.util.Objects;

/**
 * One thing an import or export of Azure ML YAML reports: what could not be carried over, and where.
 *
 * @param file the YAML file it is about (the pipeline's or a component's), or for an export the file
 *     written
 * @param location line and column in {@code file}; {@link SourceLocation#START} when the problem is
 *     about the whole file
 * @param code a stable code of {@link AmlYamlCodes}
 */
public record AmlYamlProblem(Severity severity, String code, String message, String file, SourceLocation location) {

  public AmlYamlProblem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    file = file == null ? "" : file;
    location = location == null ? SourceLocation.START : location;
  }

  /** {@code file:line:col: warning: PW303 message}, as compilers print it. */
  public String format() {
    return file + ":" + location.line() + ":" + location.column() + ": " + severity.label() + ": " + code + " "
        + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
