package io.pipewright.app.compute;

import io.pipewright.app.context.AppContext;
import io.pipewright.workspace.ComputeTarget;
import java.util.List;

/**
 * Keeps {@link AppContext#computes()} current: reads the workspace's compute targets when it opens
 * and again after every change this feature makes, then tells the rest of the window (the Problems
 * validation) through {@code afterChange}.
 */
public final class ComputeCatalog {
  private final AppContext context;
  private final Runnable afterChange;

  /** @param afterChange run on the UI thread once the new list is in (e.g. {@code problems::refreshComputes}) */
  public ComputeCatalog(AppContext context, Runnable afterChange) {
    this.context = context;
    this.afterChange = afterChange;
    context.workspaceProperty().addListener((o, a, b) -> refresh());
    refresh();
  }

  /** Reads the targets again in the background. */
  public void refresh() {
    context.workspace().ifPresent(ws -> context.executor().submit(ws::computes, this::show,
        e -> context.statusProperty().set("Could not list compute targets: " + e.getMessage())));
  }

  /** After an attach, edit or detach: reads the targets again and tells the other views. */
  public void changed() {
    context.workspace().ifPresent(ws -> context.executor().submit(ws::computes, list -> {
      show(list);
      afterChange.run();
    }, e -> context.statusProperty().set("Could not list compute targets: " + e.getMessage())));
  }

  /**
   * After a connection test: the workspace may count the target as tested now, so the other views
   * (the Problems validation's warning about untested targets) read again.
   */
  public void tested() {
    afterChange.run();
  }

  private void show(List<ComputeTarget> list) {
    context.computes().setAll(list);
  }

  public List<ComputeTarget> targets() {
    return List.copyOf(context.computes());
  }
}
