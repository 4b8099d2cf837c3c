package io.pipewright.app.samples;

import io.pipewright.app.document.ValidationContexts;
import io.pipewright.io.AtomicFiles;
import io.pipewright.workspace.Datastore;
import io.pipewright.workspace.Workspace;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Seeds the default datastore with the sample data shipped in the resources module (listed in
 * {@code io/pipewright/samples/datastore/index.txt}), without overwriting what is there. Used by the
 * command line and the designer alike; a workspace whose default datastore is not a folder of this
 * machine is left alone.
 */
public final class SampleData {
  private static final String ROOT = "/io/pipewright/samples/datastore/";

  private SampleData() {}

  public static void seed(Workspace workspace) throws WorkspaceException {
    Optional<Path> local = workspace.datastores().stream().filter(Datastore::isDefault).findFirst()
        .flatMap(ValidationContexts::rootOf);
    if (local.isEmpty()) {
      return;
    }
    Path root = local.get();
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
          AtomicFiles.copy(data, target);
        }
      }
    } catch (IOException e) {
      throw new WorkspaceException("cannot seed the sample data into " + root + ": " + e.getMessage(), e);
    }
  }
}
