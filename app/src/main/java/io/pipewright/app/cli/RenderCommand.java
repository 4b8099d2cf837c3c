package io.pipewright.app.cli;

import io.pipewright.app.canvas.PipelineImage;
import io.pipewright.io.AtomicFiles;
import io.pipewright.model.Diagnostic;
import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.model.SourceLocation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipewright render FILE -o diagram.png}: the pipeline as the designer's canvas draws it,
 * with no display needed.
 */
@Command(name = "render", description = {
    "Draw a pipeline as the designer's canvas shows it, to a PNG. Needs no display.",
    "A file with problems is not drawn: FILE:LINE:COL: SEVERITY CODE message per problem, exit 1."})
final class RenderCommand implements Callable<Integer> {
  static final int MAX_PIXELS = 16_384;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A *.pipeline.json file.")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "PNG", required = true, description = "The image to write.")
  Path output;

  @Option(names = "--scale", paramLabel = "S", defaultValue = "1",
      description = "Pixels per canvas unit: 2 for a sharp image on a high-density screen (default: ${DEFAULT-VALUE}; 0.1 to 8).")
  double scale;

  @Option(names = "--width", paramLabel = "W", description = "Exact image width; with --height, the pipeline is fitted in.")
  Integer width;

  @Option(names = "--height", paramLabel = "H", description = "Exact image height; with --width.")
  Integer height;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    checkOptions();
    if (!Files.isRegularFile(file)) {
      throw new PipewrightCommand.UserException("no such pipeline file: " + file, PipewrightCommand.USAGE);
    }
    LoadedPipeline loaded;
    try {
      loaded = PipelineFormat.read(file);
    } catch (IOException e) {
      throw new PipewrightCommand.UserException("cannot read " + file + ": " + e.getMessage(), PipewrightCommand.FAILED);
    }
    if (loaded.hasErrors()) {
      for (Diagnostic d : loaded.problems()) {
        SourceLocation at = loaded.location(d);
        err.println(file + ":" + at.line() + ":" + at.column() + ": " + d.severity().label() + " " + d.code() + " "
            + d.message());
      }
      throw new PipewrightCommand.UserException("not rendered: " + file + " has problems", PipewrightCommand.FAILED);
    }
    Path target = output.toAbsolutePath();
    if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
      throw new PipewrightCommand.UserException("no such directory: " + target.getParent(), PipewrightCommand.USAGE);
    }
    BufferedImage image = HeadlessFx.call(() -> width != null
        ? PipelineImage.render(loaded.pipeline(), file, width, height, scale)
        : PipelineImage.render(loaded.pipeline(), file, scale));
    try {
      AtomicFiles.write(target, png -> {
        if (!ImageIO.write(image, "png", png)) {
          throw new IOException("no PNG writer in this Java");
        }
      });
    } catch (IOException e) {
      throw new PipewrightCommand.UserException("cannot write " + output + ": " + e.getMessage(), PipewrightCommand.FAILED);
    }
    out.println(output + ": " + image.getWidth() + "x" + image.getHeight() + " px, "
        + loaded.pipeline().steps().size() + " steps, " + loaded.pipeline().datasets().size() + " datasets");
    return PipewrightCommand.OK;
  }

  private void checkOptions() {
    if (!(scale >= 0.1 && scale <= 8)) {
      throw new PipewrightCommand.UserException("--scale must be between 0.1 and 8, not " + scale, PipewrightCommand.USAGE);
    }
    if ((width == null) != (height == null)) {
      throw new PipewrightCommand.UserException("--width and --height go together", PipewrightCommand.USAGE);
    }
    if (width != null && (width < 16 || height < 16 || width > MAX_PIXELS || height > MAX_PIXELS)) {
      throw new PipewrightCommand.UserException("--width and --height must be between 16 and " + MAX_PIXELS,
          PipewrightCommand.USAGE);
    }
  }
}
