package io.pipewright.graph.view;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Node;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;

class PortNamesRobotTest extends RobotTestBase {
  @org.testfx.framework.junit5.Start
  void start(javafx.stage.Stage stage) {
    show(stage);
  }

  private boolean portNameShown(String nodeId, String name) {
    Node root = view.skinOf(model.node(nodeId)).root();
    return root.lookupAll(".port-name").stream()
        .anyMatch(t -> t.isVisible() && name.equals(((Text) t).getText()));
  }

  @Test
  void portNamesAreShownNextToThePortsAtActualSize() {
    assertThat(portNameShown("train", "train")).isTrue();
    assertThat(portNameShown("train", "config")).isTrue();
    assertThat(portNameShown("train", "model")).isTrue();
  }

  @Test
  void portNamesAreHiddenWhenZoomedOutBelowTheirThreshold() {
    onFx(() -> view.zoomAt(0.6, 0, 0));
    assertThat(view.skinOf(model.node("train"))).isNotNull();
    assertThat(portNameShown("train", "config")).isFalse();
    onFx(() -> view.zoomAt(1.0, 0, 0));
    assertThat(portNameShown("train", "config")).isTrue();
  }
}
