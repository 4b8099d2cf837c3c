package io.pipewright.workspace;

import io.pipewright.model.DatasetKind;
import io.pipewright.model.Placeholders;
import io.pipewright.model.SparkEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The arguments of Pipewright's SQL step driver ({@code io.pipewright.spark.SqlStepDriver}) for a
 * SQL step, on any target: the step's SQL with its placeholders resolved is written to a file, and
 * its tabular inputs and its outputs become {@code --view} and {@code --output} pairs.
 */
public final class SqlDriverArguments {
  private SqlDriverArguments() {}

  /**
   * Writes the resolved SQL to {@code sqlFile} and returns the driver's arguments.
   *
   * @param where the path the Spark driver sees for a local path (the identity on this machine; the
   *     staging folder's copy on a cluster); applied to inputs, outputs and the SQL file
   */
  public static List<String> of(StepLaunch launch, SparkEntry.Sql sql, Path sqlFile, UnaryOperator<String> where)
      throws WorkspaceException {
    Path source = launch.sourceDirectory().resolve(sql.file());
    try {
      String text = Files.readString(source, StandardCharsets.UTF_8);
      Files.writeString(sqlFile, Placeholders.substitute(text, ref -> switch (ref.kind()) {
        case INPUTS -> Optional.ofNullable(launch.inputs().get(ref.name()))
            .map(i -> where.apply(i.path().toString())).orElse("");
        case OUTPUTS -> Optional.ofNullable(launch.outputs().get(ref.name()))
            .map(p -> where.apply(p.toString())).orElse("");
        case PARAMETERS -> launch.parameters().getOrDefault(ref.name(), "");
      }), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WorkspaceException("cannot read the SQL of step '" + launch.step().name() + "' (" + source + "): "
          + e.getMessage(), e);
    }
    List<String> args = new ArrayList<>(List.of("--sql", where.apply(sqlFile.toString()),
        "--app-name", launch.step().name()));
    launch.inputs().forEach((name, input) -> {
      if (input.kind() == DatasetKind.TABULAR) {
        args.add("--view");
        args.add(name + "=" + where.apply(input.path().toString()));
      }
    });
    launch.outputs().forEach((name, path) -> {
      args.add("--output");
      args.add(name + "=" + where.apply(path.toString()));
    });
    return args;
  }
}
