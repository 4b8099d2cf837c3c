package io.pipewright.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A launch as recorded: secrets masked, everything else as it ran. */
class CommandLinesTest {

  @Test
  void secretConfValuesAreMaskedAndOthersKept() {
    assertThat(CommandLines.display(List.of("spark-submit", "--conf", "spark.executor.memory=8g",
        "--conf", "spark.hadoop.fs.azure.account.key.store.dfs.core.windows.net=c2VjcmV0",
        "--conf", "spark.ssl.keyPassword=hunter2", "--conf", "spark.hadoop.fs.s3a.secret.key=abc")))
        .isEqualTo("spark-submit --conf spark.executor.memory=8g"
            + " --conf spark.hadoop.fs.azure.account.key.store.dfs.core.windows.net=***"
            + " --conf spark.ssl.keyPassword=*** --conf spark.hadoop.fs.s3a.secret.key=***");
  }

  @Test
  void passwordAndTokenOptionsArgumentsAndPropertiesAreMasked() {
    assertThat(CommandLines.display(List.of("python3", "train.py", "--password", "hunter2", "--token=abc",
        "api_key=xyz", "-Djavax.net.ssl.trustStorePassword=changeit", "--rows", "10")))
        .isEqualTo("python3 train.py --password *** --token=*** api_key=*** -Djavax.net.ssl.trustStorePassword=***"
            + " --rows 10");
  }

  @Test
  void userInfoInUrlsIsMaskedAndWordsWithSpacesAreQuoted() {
    assertThat(CommandLines.display(List.of("curl", "https://ada:pw@example.org/x", "hello world")))
        .isEqualTo("curl https://***@example.org/x 'hello world'");
  }

  @Test
  void maskingAnAlreadyMaskedLineChangesNothing() {
    String once = CommandLines.display(List.of("x", "--password", "p", "token=t"));

    assertThat(CommandLines.maskLine(once)).isEqualTo(once).isEqualTo("x --password *** token=***");
  }

  @Test
  void aJsonRequestBodyIsLeftAsTheRedactionOfItsFieldsMadeIt() {
    String request = "POST http://127.0.0.1:8998/batches {\"name\":\"pipewright-token-run\","
        + "\"args\":[\"--view\",\"titanic=/data/Titanic.csv\"],\"conf\":{\"spark.ssl.keyPassword\":\"***\"}}";

    assertThat(CommandLines.maskLine(request)).isEqualTo(request);
  }
}
