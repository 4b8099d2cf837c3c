package io.pipewright.app.warm;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainWindow;

/**
 * Warm Spark in the designer: the status bar's item that shows the warm Spark drivers of the
 * workspace and stops them. The designer's runs ask for warm Spark themselves ({@code RunViewModel}).
 */
public final class WarmSparkFeature {
  private WarmSparkFeature() {}

  /** Adds the warm Spark item to the window's status bar (hidden until a warm driver runs). */
  public static WarmSparkViewModel install(MainWindow window, AppContext context) {
    WarmSparkViewModel model = new WarmSparkViewModel(context);
    window.addStatusItem(new WarmSparkStatusItem(model));
    return model;
  }
}
