package io.pipewright.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.Launcher;
import io.pipewright.app.document.Icons;
import io.pipewright.app.document.NodeKinds;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
  @TempDir Path dir;

  /** The command as a user runs it: its own JVM, and no display at all. */
  private static Cli renderWithoutDisplay(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xlog:disable",
        "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "render"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    pb.environment().remove("DISPLAY");
    pb.environment().remove("WAYLAND_DISPLAY");
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("render finished").isTrue();
    return new Cli(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  private static int pixelsOf(BufferedImage image, Color color) {
    int rgb = (int) Math.round(color.getRed() * 255) << 16 | (int) Math.round(color.getGreen() * 255) << 8
        | (int) Math.round(color.getBlue() * 255);
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void rendersTheTitanicSampleToAPngWithNoDisplayInTheCanvasColours() throws Exception {
    Path png = dir.resolve("titanic.png");
    Path sample = Cli.samples().resolve("titanic/titanic.pipeline.json");

    Cli cli = renderWithoutDisplay(dir, sample.toString(), "-o", png.toString(), "--scale", "2");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.err()).as("stderr").isBlank();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(cli.out()).contains(png + ": " + image.getWidth() + "x" + image.getHeight() + " px, 2 steps, 2 datasets");
    assertThat(image.getWidth()).isGreaterThan(1200);
    assertThat(image.getHeight()).isGreaterThan(400);
    for (String kind : List.of(NodeKinds.DATASET, NodeKinds.SPARK_SQL, NodeKinds.SCRIPT)) {
      assertThat(pixelsOf(image, Icons.colorOf(kind))).as(kind + " pixels").isGreaterThan(500);
    }
  }

  @Test
  void widthAndHeightGiveExactlyThatImage() throws Exception {
    Path png = dir.resolve("small.png");
    Path sample = Cli.samples().resolve("titanic/titanic.pipeline.json");

    Cli cli = renderWithoutDisplay(dir, sample.toString(), "-o", png.toString(), "--width", "640", "--height", "480");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(480);
    assertThat(pixelsOf(image, Icons.colorOf(NodeKinds.SPARK_SQL))).isGreaterThan(50);
  }

  @Test
  void aBrokenFileIsReportedAtItsLineAndColumnAndNothingIsWritten() throws IOException {
    Path broken = dir.resolve("broken.pipeline.json");
    Files.writeString(broken, "{\n  \"schemaVersion\": 1,\n  \"id\": \"p\",,\n}\n");
    Path png = dir.resolve("broken.png");

    Cli cli = Cli.run("render", broken.toString(), "-o", png.toString());

    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).contains(broken + ":3:").contains("not valid JSON")
        .contains("pipewright: not rendered: " + broken + " has problems");
    assertThat(png).doesNotExist();
  }

  @Test
  void widthWithoutHeightIsAUsageError() {
    Cli cli = Cli.run("render", "x.pipeline.json", "-o", "x.png", "--width", "100");

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("--width and --height go together");
  }

  @Test
  void aMissingFileIsAUsageError() {
    Cli cli = Cli.run("render", dir.resolve("nope.pipeline.json").toString(), "-o", dir.resolve("x.png").toString());

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("no such pipeline file");
    assertThat(new File(dir.toFile(), "x.png")).doesNotExist();
  }
}
