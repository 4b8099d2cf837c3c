package io.pipewright.app.document;

import io.pipewright.app.document.NodeKinds;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/** One icon and one colour per node kind, used by the palette, the canvas and the panels. */
public final class Icons {
  private Icons() {}

  public static Color colorOf(String nodeKind) {
    switch (nodeKind) {
      case NodeKinds.DATASET: return Color.web("#0ea5e9");
      case NodeKinds.SPARK_SQL: return Color.web("#f97316");
      case NodeKinds.SPARK_PYTHON: return Color.web("#eab308");
      case NodeKinds.SPARK_JAR: return Color.web("#dc2626");
      case NodeKinds.SCRIPT: return Color.web("#8b5cf6");
      default: return Color.web("#64748b");
    }
  }

  public static Ikon ikonOf(String nodeKind) {
    switch (nodeKind) {
      case NodeKinds.DATASET: return MaterialDesignD.DATABASE;
      case NodeKinds.SPARK_SQL: return MaterialDesignD.DATABASE_SEARCH;
      case NodeKinds.SPARK_PYTHON: return MaterialDesignL.LANGUAGE_PYTHON;
      case NodeKinds.SPARK_JAR: return MaterialDesignL.LANGUAGE_JAVA;
      case NodeKinds.SCRIPT: return MaterialDesignC.CONSOLE;
      default: return MaterialDesignF.FILE_OUTLINE;
    }
  }

  public static FontIcon forKind(String nodeKind) {
    FontIcon icon = new FontIcon(ikonOf(nodeKind));
    icon.setIconSize(18);
    icon.setIconColor(colorOf(nodeKind));
    return icon;
  }

  public static FontIcon of(Ikon ikon) {
    FontIcon icon = new FontIcon(ikon);
    icon.setIconSize(16);
    icon.getStyleClass().add("toolbar-icon");
    return icon;
  }

}
