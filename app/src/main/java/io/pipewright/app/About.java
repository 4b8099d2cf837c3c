package io.pipewright.app;

import io.pipewright.app.cli.PipewrightCommand;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.local.LocalWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.MenuItem;

/**
 * Help ▸ About Pipewright: the version and build, the Java and the Spark it runs on (the installed
 * package's own, or a checkout's), and the workspace.
 */
final class About {
  private About() {}

  /** Adds Help ▸ About Pipewright; the Spark home's RELEASE file is read off the FX thread. */
  static void install(MainWindow window, AppContext context) {
    MenuItem about = new MenuItem("_About Pipewright");
    about.setOnAction(e -> context.executor().submit(() -> describe(context.home()),
        text -> context.dialogs().showInformation("About Pipewright", text),
        error -> context.dialogs().showError("About Pipewright", "Pipewright could not read its setup: "
            + error.getMessage())));
    window.helpMenu().getItems().add(about);
  }

  /** What the dialog says, for this JVM and its Spark home (reads the home's RELEASE file). */
  static String describe(Path workspace) throws IOException {
    Optional<Path> sparkHome = LocalWorkspace.configuredSparkHome();
    Optional<String> release = Optional.empty();
    if (sparkHome.isPresent() && Files.isRegularFile(sparkHome.get().resolve("RELEASE"))) {
      release = Files.readString(sparkHome.get().resolve("RELEASE"), StandardCharsets.UTF_8).lines().findFirst();
    }
    return text(PipewrightCommand.versionLine(), System.getProperty("java.version"),
        Path.of(System.getProperty("java.home")), sparkHome, release, workspace);
  }

  static String text(String version, String javaVersion, Path javaHome, Optional<Path> sparkHome,
      Optional<String> sparkRelease, Path workspace) {
    String spark = sparkRelease.map(r -> r.contains(" assembled by") ? r.substring(0, r.indexOf(" assembled by")) : r)
        .orElse("Spark (version unknown)");
    return version + "\n\n"
        + "Java " + javaVersion + ": " + javaHome + "\n"
        + sparkHome.map(h -> spark + ": " + h).orElse("Spark: no Spark home is configured") + "\n"
        + "Workspace: " + workspace;
  }
}
