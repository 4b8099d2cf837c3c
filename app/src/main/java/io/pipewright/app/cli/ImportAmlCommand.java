package io.pipewright.app.cli;

import io.pipewright.app.document.PipelineLayouts;
import io.pipewright.azureml.yaml.AmlYamlException;
import io.pipewright.azureml.yaml.AmlYamlImporter;
import io.pipewright.azureml.yaml.AmlYamlProblem;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipewright import-aml FILE.yml -o OUT.pipeline.json}: an Azure ML pipeline job as a
 * pipeline file; what has no place in it is printed as {@code FILE:LINE:COL: warning: CODE message}.
 */
@Command(name = "import-aml",
    description = "Read an Azure ML pipeline job YAML (inline spark and command jobs, component: ./x.yml files) "
        + "into a pipeline file; prints FILE:LINE:COL: warning: CODE message for what cannot be carried over.")
final class ImportAmlCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "An Azure ML pipeline job YAML file.")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
      description = "The pipeline file to write (*.pipeline.json).")
  Path output;

  @Option(names = "--force", description = "Overwrite OUT when it exists.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      throw new PipewrightCommand.UserException("no such file: " + file, PipewrightCommand.USAGE);
    }
    if (Files.exists(output) && !force) {
      throw new PipewrightCommand.UserException(output + " exists; pass --force to overwrite it",
          PipewrightCommand.USAGE);
    }
    Path directory = output.toAbsolutePath().getParent();
    try {
      AmlYamlImporter.Result result = AmlYamlImporter.read(file, directory);
      for (AmlYamlProblem warning : result.warnings()) {
        err.println(warning.format());
      }
      Pipeline pipeline = PipelineLayouts.arrange(result.pipeline());
      PipelineFormat.save(pipeline, output);
      out.println("wrote " + output + ": " + count(pipeline.steps().size(), "step") + ", "
          + count(pipeline.datasets().size(), "dataset") + ", " + count(pipeline.edges().size(), "edge")
          + (result.warnings().isEmpty() ? "" : "; " + count(result.warnings().size(), "warning")));
      return PipewrightCommand.OK;
    } catch (AmlYamlException e) {
      err.println(e.problem().format());
      return PipewrightCommand.FAILED;
    } catch (IOException e) {
      throw new PipewrightCommand.UserException("cannot read " + file + " or write " + output + ": "
          + e.getMessage(), PipewrightCommand.FAILED);
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
