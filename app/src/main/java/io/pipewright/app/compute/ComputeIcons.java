package io.pipewright.app.compute;

import io.pipewright.workspace.ComputeKind;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** One icon and colour per compute kind. */
public final class ComputeIcons {
  private ComputeIcons() {}

  public static Ikon ikonOf(String kind) {
    switch (kind) {
      case ComputeKind.LOCAL_SPARK: return MaterialDesignL.LAPTOP;
      case ComputeKind.LOCAL_PROCESS: return MaterialDesignC.CONSOLE;
      case ComputeKind.SPARK_STANDALONE: return MaterialDesignL.LAN;
      case ComputeKind.LIVY: return MaterialDesignS.SERVER_NETWORK;
      case ComputeKind.SYNAPSE_SPARK_POOL: return MaterialDesignM.MICROSOFT_AZURE;
      case ComputeKind.AZUREML: return MaterialDesignM.MICROSOFT_AZURE;
      default: return MaterialDesignS.SERVER;
    }
  }

  public static Color colorOf(String kind) {
    switch (kind) {
      case ComputeKind.LOCAL_SPARK: return Color.web("#f97316");
      case ComputeKind.LOCAL_PROCESS: return Color.web("#8b5cf6");
      case ComputeKind.SPARK_STANDALONE: return Color.web("#dc2626");
      case ComputeKind.LIVY: return Color.web("#16a34a");
      case ComputeKind.SYNAPSE_SPARK_POOL: return Color.web("#0ea5e9");
      case ComputeKind.AZUREML: return Color.web("#2563eb");
      default: return Color.web("#64748b");
    }
  }

  public static FontIcon forKind(String kind) {
    FontIcon icon = new FontIcon(ikonOf(kind));
    icon.setIconSize(18);
    icon.setIconColor(colorOf(kind));
    return icon;
  }
}
