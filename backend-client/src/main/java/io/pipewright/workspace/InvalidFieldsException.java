package io.pipewright.workspace;

import java.util.List;
import java.util.stream.Collectors;

/** Values a dialog sent that cannot be saved, field by field. Nothing was changed. */
public class InvalidFieldsException extends WorkspaceException {
  private static final long serialVersionUID = 1L;

  private final transient List<FieldProblem> problems;

  public InvalidFieldsException(List<FieldProblem> problems) {
    super(problems.stream().map(FieldProblem::message).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public static InvalidFieldsException of(String field, String message) {
    return new InvalidFieldsException(List.of(new FieldProblem(field, message)));
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
