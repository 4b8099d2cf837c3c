package io.pipewright.app.cli;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Seeds the default datastore with the sample data shipped in the resources module (listed in
 * {@code io/pipewright/samples/datastore/index.txt}), without overwriting what is there.
 */
public final class SampleData {
  private static final String ROOT = "/io/pipewright/samples/datastore/";

  private SampleData() {}

  public static void seed(LocalWorkspace workspace) throws WorkspaceException {
    Path root = workspace.datastoreRoot(LocalWorkspace.DEFAULT_DATASTORE);
    try (InputStream index = SampleData.class.getResourceAsStream(ROOT + "index.txt")) {
      if (index == null) {
        return;
      }
      for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
        String relative = line.strip();
        if (relative.isEmpty() || relative.startsWith("#")) {
          continue;
        }
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || Files.exists(target)) {
          continue;
        }
        try (InputStream data = SampleData.class.getResourceAsStream(ROOT + relative)) {
          if (data == null) {
            continue;
          }
          Files.createDirectories(target.getParent());
          Path partial = target.resolveSibling(target.getFileName() + ".partial");
          Files.copy(data, partial, StandardCopyOption.REPLACE_EXISTING);
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      throw new WorkspaceException("cannot seed the sample data into " + root + ": " + e.getMessage(), e);
    }
  }
}
