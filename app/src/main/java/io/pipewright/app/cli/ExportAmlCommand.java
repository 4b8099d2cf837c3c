package io.pipewright.app.cli;

import io.pipewright.azureml.yaml.AmlYamlException;
import io.pipewright.azureml.yaml.AmlYamlExporter;
import io.pipewright.azureml.yaml.AmlYamlProblem;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Diagnostic;
import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.Pipeline;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkStep;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipewright export-aml FILE -o DIR}: the pipeline as an Azure ML CLI v2 pipeline job
 * ({@code az ml job create -f DIR/pipeline.yml}); what Azure ML cannot say exactly is printed as
 * {@code FILE:LINE:COL: warning: CODE message}.
 */
@Command(name = "export-aml",
    description = "Write a pipeline as an Azure ML pipeline job: DIR/pipeline.yml, a code folder per step, "
        + "component files where needed. Submit it with: az ml job create -f DIR/pipeline.yml")
final class ExportAmlCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A *.pipeline.json file.")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
      description = "The directory to write (created when missing; an earlier export there is overwritten).")
  Path output;

  @Option(names = "--environment", paramLabel = "ENV",
      description = "The Azure ML environment of command jobs that list no pip packages (default: "
          + AmlYamlExporter.DEFAULT_ENVIRONMENT + ").")
  String environment;

  @Option(names = "--target", paramLabel = "NAME",
      description = "Every Spark step on this Azure ML compute (an attached Spark pool) instead of its own.")
  String target;

  @Option(names = "--sql-driver-jar", paramLabel = "JAR",
      description = "Pipewright's SQL driver jar for SQL steps (default: the bundled Spark runtime's).")
  Path sqlDriverJar;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadedPipeline loaded = PipelineLoading.read(file);
    if (loaded.hasErrors()) {
      PipelineLoading.print(new PipelineLoading.Checked(loaded, loaded.problems()), file, err);
      if (loaded.problems().stream().noneMatch(Diagnostic::isError)) {
        err.println("pipewright: " + file + " could not be read as a pipeline");
      }
      return PipewrightCommand.FAILED;
    }
    // Only the Spark steps move: on Azure ML the names are Azure ML computes, none of them this machine.
    Pipeline pipeline = target == null ? loaded.pipeline()
        : io.pipewright.workspace.RunTargets.onTarget(loaded.pipeline(), target, name -> null);
    Path jar = sqlDriverJar != null ? sqlDriverJar : hasSqlStep(pipeline) ? bundledDriver(err) : null;
    Path directory = file.toAbsolutePath().getParent();
    try {
      AmlYamlExporter.Result result = AmlYamlExporter.export(pipeline,
          new AmlYamlExporter.Options(directory, jar, environment).located(loaded), output);
      for (AmlYamlProblem warning : result.warnings()) {
        err.println(warning.format());
      }
      out.println("wrote " + result.pipelineFile() + " and " + (result.written().size() - 1) + " other files"
          + (result.warnings().isEmpty() ? "" : "; " + result.warnings().size() + " warning"
          + (result.warnings().size() == 1 ? "" : "s")));
      out.println("submit it with: az ml job create -f " + result.pipelineFile());
      return PipewrightCommand.OK;
    } catch (AmlYamlException e) {
      err.println(e.problem().format());
      return PipewrightCommand.FAILED;
    } catch (IOException e) {
      throw new PipewrightCommand.UserException("cannot write " + output + ": " + e.getMessage(),
          PipewrightCommand.FAILED);
    }
  }

  private static boolean hasSqlStep(Pipeline pipeline) {
    return pipeline.steps().stream()
        .anyMatch(s -> s.kind() instanceof SparkStep spark && spark.entry() instanceof SparkEntry.Sql);
  }

  /** The bundled runtime's driver, or null (the exporter then says that SQL steps need it). */
  private static Path bundledDriver(PrintWriter err) {
    try {
      return LocalWorkspace.sqlDriverJar();
    } catch (WorkspaceException e) {
      err.println("pipewright: " + e.getMessage());
      return null;
    }
  }
}
