package io.pipewright.azureml.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AmlTextTest {

  @Test
  void joinsWordsSoThatAShellSplitsThemBackTheSame() {
    List<String> words = List.of("--app-name", "Prepare data", "--view", "t=${{inputs.t}}", "it's", "");
    String line = AmlText.join(words);

    assertThat(line).isEqualTo("--app-name 'Prepare data' --view t=${{inputs.t}} 'it'\"'\"'s' ''");
    assertThat(AmlText.split(line)).isEqualTo(words);
  }

  @Test
  void splitsAFoldedCommandAcrossBackslashNewlines() {
    assertThat(AmlText.split("python train.py \\\n  --data \"a b\" --x\\ y"))
        .containsExactly("python", "train.py", "--data", "a b", "--x y");
    assertThatThrownBy(() -> AmlText.split("echo 'open")).hasMessageContaining("quote is not closed");
  }

  @Test
  void knowsWhichCommandsNeedAShell() {
    assertThat(AmlText.needsShell("python prep.py --in ${{inputs.raw}} --out ${{outputs.clean}}")).isFalse();
    assertThat(AmlText.needsShell("echo 'a | b'")).isFalse();
    assertThat(AmlText.needsShell("echo hi && cat ${{inputs.x}}/a.txt")).isTrue();
    assertThat(AmlText.needsShell("ls ${{inputs.x}} > ${{outputs.y}}/list.txt")).isTrue();
    assertThat(AmlText.needsShell("python a.py --home $HOME")).isTrue();
    assertThat(AmlText.needsShell("cat ${{inputs.dir}}/*.csv")).isTrue();
    assertThat(AmlText.needsShell("echo one\necho two")).isTrue();
  }

  @Test
  void replacesExpressionsWithBlanksInside() {
    assertThat(AmlText.replaceExpressions("--in ${{ inputs.raw }}/x", e -> "{" + e + "}")).isEqualTo("--in {inputs.raw}/x");
    assertThat(AmlText.soleExpression(" ${{parent.jobs.a.outputs.b}} ")).isEqualTo("parent.jobs.a.outputs.b");
    assertThat(AmlText.soleExpression("x ${{parent.inputs.a}}")).isNull();
  }

  @Test
  void makesIdentifiersAzureMlAccepts() {
    assertThat(AmlText.identifier("Prep-Step 1", true)).isEqualTo("prep_step_1");
    assertThat(AmlText.identifier("1st", false)).isEqualTo("_1st");
    assertThat(AmlText.identifier("titanic_file", false)).isEqualTo("titanic_file");
  }
}
