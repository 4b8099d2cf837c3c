package io.pipewright.workspace;

import java.util.Objects;

/**
 * Why one field of a dialog is not acceptable.
 *
 * @param field the setting key ({@code masterUrl}), or {@link #NAME} for the name being given
 * @param message a sentence for the user that names the field ("cores must be …")
 */
public record FieldProblem(String field, String message) {
  /** The field of the name of the thing being added (compute target, linked service, dataset). */
  public static final String NAME = "name";

  public FieldProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
