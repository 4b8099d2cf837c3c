package io.pipewright.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection test against a real Spark standalone master started on loopback from the bundled jars. */
class RealStandaloneMasterTest {

  @TempDir Path temp;

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aRealMasterWithItsRestServerPassesWithItsSparkVersion() throws Exception {
    Path home = Path.of(System.getProperty("pipewright.spark.runtime"));
    int port = freePort();
    int rest = freePort();
    int ui = freePort();
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
        "-Xmx256m", "-cp", home.resolve("jars") + File.separator + "*",
        "-Dspark.master.rest.enabled=true", "-Dspark.master.rest.port=" + rest, "-Dspark.master.rest.host=127.0.0.1",
        "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--webui-port", Integer.toString(ui)))
        .redirectErrorStream(true)
        .redirectOutput(temp.resolve("master.log").toFile());
    builder.environment().put("SPARK_HOME", home.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process master = builder.start();
    try {
      ComputeTarget target = new ComputeTarget("cluster1", "spark-standalone",
          Map.of("masterUrl", "spark://127.0.0.1:" + port, "restUrl", "http://127.0.0.1:" + rest));
      StandaloneConnectionTester tester = new StandaloneConnectionTester();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
      ConnectionTest test = tester.test(target, Duration.ofSeconds(3));
      while (!test.isOk() && master.isAlive() && Instant.now().isBefore(deadline)) {
        Thread.sleep(250); // the master needs several seconds to start; the test asks again until it answers
        test = tester.test(target, Duration.ofSeconds(3));
      }

      assertThat(test.outcome()).as(test + "\n" + java.nio.file.Files.readString(temp.resolve("master.log")))
          .isEqualTo(ConnectionTest.Outcome.OK);
      assertThat(test.message()).matches("Spark 4\\.\\S+ master at 127\\.0\\.0\\.1:" + port + " answers, with its REST"
          + " server at 127\\.0\\.0\\.1:" + rest);
    } finally {
      master.destroy();
      if (!master.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        master.destroyForcibly();
      }
    }
  }
}
