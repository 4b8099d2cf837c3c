package io.pipewright.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What is masked before URLs, headers and bodies are shown. */
class RedactionTest {

  @Test
  void dropsCredentialsFromUrls() {
    assertThat(Redaction.url("https://alice:s3cret@h:8998/batches")).isEqualTo("https://h:8998/batches");
  }

  @Test
  void masksSecretQueryValuesInUrls() {
    assertThat(Redaction.url("https://a.blob.core.windows.net/c/log.txt?sv=2024&sig=abc%2B&Token=t&access_token=x&from=0#end"))
        .isEqualTo("https://a.blob.core.windows.net/c/log.txt?sv=2024&sig=***&Token=***&access_token=***&from=0#end");
  }

  @Test
  void masksAuthorizationKeepingItsScheme() {
    assertThat(Redaction.header("authorization", "Bearer eyJ")).isEqualTo("Bearer ***");
    assertThat(Redaction.header("X-Api-Key", "k")).isEqualTo("***");
    assertThat(Redaction.header("X-Requested-By", "pipewright")).isEqualTo("pipewright");
  }

  @Test
  void masksSecretJsonFieldsInAnyCase() {
    assertThat(Redaction.body("{\"name\":\"j\",\"PASSWORD\" : \"p\\\"w\",\"conf\":{\"fs.azure.account.key.acct\":\"K\"},"
        + "\"refresh_token\":\"r\",\"n\":1}"))
        .isEqualTo("{\"name\":\"j\",\"PASSWORD\" : \"***\",\"conf\":{\"fs.azure.account.key.acct\":\"***\"},"
            + "\"refresh_token\":\"***\",\"n\":1}");
  }

  @Test
  void masksSecretFormParameters() {
    assertThat(Redaction.body("grant_type=client_credentials&client_id=c&client_secret=S&scope=x"))
        .isEqualTo("grant_type=client_credentials&client_id=c&client_secret=***&scope=x");
  }
}
