package io.pipewright.app.files;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.document.PipelineLayouts;
import io.pipewright.app.fx.DialogService.FileFilter;
import io.pipewright.azureml.yaml.AmlYamlException;
import io.pipewright.azureml.yaml.AmlYamlExporter;
import io.pipewright.azureml.yaml.AmlYamlImporter;
import io.pipewright.azureml.yaml.AmlYamlProblem;
import io.pipewright.model.Pipeline;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File ▸ Import Azure ML YAML… and File ▸ Export as Azure ML YAML…: reading and writing happen on the
 * app's executor; the imported pipeline opens as a new unsaved document; what could not be carried
 * over is shown to the user, one line per warning with its file, line and column.
 */
public final class AzureMlYamlViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(AzureMlYamlViewModel.class);
  static final List<FileFilter> YAML = List.of(
      new FileFilter("Azure ML pipeline jobs (*.yml, *.yaml)", List.of("*.yml", "*.yaml")),
      new FileFilter("All files", List.of("*")));
  /** Warnings listed in the dialog; the rest are counted. */
  static final int MAX_WARNINGS_SHOWN = 20;

  private final AppContext context;
  private final FilesViewModel files;
  private final Callable<Path> sqlDriverJar;

  /**
   * @param sqlDriverJar finds Pipewright's SQL driver jar (called on the executor, only when the
   *     pipeline has a SQL step); it may throw, and the export then says that SQL steps need it
   */
  public AzureMlYamlViewModel(AppContext context, FilesViewModel files, Callable<Path> sqlDriverJar) {
    this.context = context;
    this.files = files;
    this.sqlDriverJar = sqlDriverJar;
  }

  /** File ▸ Import Azure ML YAML…: choose a pipeline job file, then {@link #importFile}. */
  public void importYaml() {
    context.dialogs().chooseFileToOpen("Import Azure ML YAML", files.startDirectory(), YAML)
        .ifPresent(this::importFile);
  }

  /** Reads {@code file} in the background and opens what it holds as a new unsaved pipeline. */
  public void importFile(Path file) {
    String name = FilesViewModel.nameOf(file);
    context.statusProperty().set("Importing " + name + "…");
    context.executor().submit(() -> {
      Path directory = file.toAbsolutePath().getParent();
      AmlYamlImporter.Result result = AmlYamlImporter.read(file, directory);
      // The new document has no file yet: its steps' folders are named absolutely, so that they are
      // found wherever it is saved.
      Pipeline absolute = result.pipeline().withSteps(result.pipeline().steps().stream()
          .map(s -> withSourceDirectory(s, directory.resolve(s.sourceDirectory()).normalize().toString()))
          .toList());
      return new AmlYamlImporter.Result(PipelineLayouts.arrange(absolute), result.warnings());
    }, result -> {
      files.openImported(result.pipeline(), "Import " + name,
          "Imported " + name + warningCount(result.warnings()));
      if (!result.warnings().isEmpty()) {
        context.dialogs().showInformation("Imported " + name + warningCount(result.warnings()),
            report(result.warnings(), "What has no place in a Pipewright pipeline was left out:"));
      }
    }, e -> {
      if (e instanceof AmlYamlException aml) {
        context.dialogs().showError("Cannot import " + name, aml.problem().format()
            + "\n\nThe open pipeline stays as it was.");
      } else {
        LOG.warn("Cannot import {}", file, e);
        context.dialogs().showError("Cannot import " + name, "Pipewright could not read " + file + ": "
            + e.getMessage());
      }
      context.statusProperty().set("Could not import " + name);
    });
  }

  /**
   * File ▸ Export as Azure ML YAML…: choose a folder, then write the pipeline there. A pipeline never
   * saved whose steps name folders relative to it must be saved first (those folders are found
   * next to the pipeline file).
   */
  public void exportYaml() {
    PipelineDocument doc = context.document();
    Optional<Path> file = doc.file();
    Pipeline pipeline = doc.snapshot();
    if (file.isEmpty() && pipeline.steps().stream().anyMatch(s -> !Path.of(s.sourceDirectory()).isAbsolute())) {
      context.dialogs().showError("Save the pipeline first",
          "Its steps' files are found next to the pipeline file, and this pipeline has not been saved yet. "
              + "Save it, then export it.");
      return;
    }
    if (doc.isDirty() && !doc.fileTextsProperty().get().isEmpty()) {
      // The export copies the steps' files from the disk, where edited SQL is not yet.
      context.dialogs().showError("Save the pipeline first",
          "A SQL script of this pipeline was edited and not saved; the export copies the files on disk. "
              + "Save the pipeline, then export it.");
      return;
    }
    context.dialogs().chooseDirectory("Export as Azure ML YAML", files.startDirectory()).ifPresent(out -> {
      Path base = file.map(f -> f.toAbsolutePath().getParent()).orElse(out);
      exportTo(pipeline, base, out);
    });
  }

  /** Writes {@code pipeline} (its steps' folders relative to {@code base}) into {@code out} in the background. */
  public void exportTo(Pipeline pipeline, Path base, Path out) {
    context.statusProperty().set("Exporting to " + out + "…");
    context.executor().submit(() -> {
      Path jar = null;
      if (hasSqlStep(pipeline)) {
        try {
          jar = sqlDriverJar.call();
        } catch (Exception e) {
          LOG.info("No SQL driver jar for the export: {}", e.getMessage());
        }
      }
      return AmlYamlExporter.export(pipeline, new AmlYamlExporter.Options(base, jar, null), out);
    }, result -> {
      context.statusProperty().set("Exported to " + result.pipelineFile() + warningCount(result.warnings()));
      String submit = "Submit it with:\naz ml job create -f " + result.pipelineFile();
      if (result.warnings().isEmpty()) {
        context.dialogs().showInformation("Exported to " + out, "Wrote " + result.pipelineFile() + ", a code "
            + "folder per step and what they need.\n\n" + submit);
      } else {
        context.dialogs().showInformation("Exported to " + out + warningCount(result.warnings()),
            report(result.warnings(), "Azure ML may not read these as Pipewright means them:") + "\n\n" + submit);
      }
    }, e -> {
      if (e instanceof AmlYamlException aml) {
        context.dialogs().showError("Cannot export", aml.problem().message());
      } else {
        LOG.warn("Cannot export to {}", out, e);
        context.dialogs().showError("Cannot export", "Pipewright could not write " + out + ": " + e.getMessage());
      }
      context.statusProperty().set("Not exported");
    });
  }

  static String report(List<AmlYamlProblem> warnings, String heading) {
    StringBuilder s = new StringBuilder(heading).append("\n\n");
    int shown = 0;
    for (AmlYamlProblem w : warnings) {
      if (shown == MAX_WARNINGS_SHOWN) {
        s.append("… and ").append(warnings.size() - shown).append(" more\n");
        break;
      }
      s.append(w.format()).append('\n');
      shown++;
    }
    return s.toString().strip();
  }

  private static String warningCount(List<AmlYamlProblem> warnings) {
    return warnings.isEmpty() ? "" : " (" + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s") + ")";
  }

  private static boolean hasSqlStep(Pipeline pipeline) {
    return pipeline.steps().stream()
        .anyMatch(s -> s.kind() instanceof SparkStep spark && spark.entry() instanceof SparkEntry.Sql);
  }

  private static Step withSourceDirectory(Step s, String directory) {
    return new Step(s.id(), s.name(), s.description(), s.kind(), s.compute(), directory, s.inputs(), s.outputs(),
        s.arguments(), s.environment(), s.allowReuse());
  }
}
