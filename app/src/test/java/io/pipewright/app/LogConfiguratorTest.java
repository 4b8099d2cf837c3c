package io.pipewright.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The app's logging as LogConfigurator sets it up (the tests run with it, found like in the app). */
class LogConfiguratorTest {

  @Test
  void theAzureSdkIsQuietWhilePipewrightWarns() {
    assertThat(LoggerFactory.getLogger("io.pipewright.http").isWarnEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("io.pipewright.http").isDebugEnabled()).isFalse();
    for (String azure : new String[] {"com.azure.identity.DefaultAzureCredential", "com.azure.core.http.okhttp.OkHttpAsyncHttpClient",
        "com.microsoft.aad.msal4j.ConfidentialClientApplication"}) {
      assertThat(LoggerFactory.getLogger(azure).isDebugEnabled()).as(azure).isFalse();
      assertThat(LoggerFactory.getLogger(azure).isErrorEnabled()).as(azure).isFalse();
    }
  }
}
