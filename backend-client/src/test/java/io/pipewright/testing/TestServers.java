package io.pipewright.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts the test servers by hand, for benchmarks and screenshots: a Spark standalone cluster and a
 * Livy server on loopback, from the project's Spark home. Prints one line of their addresses, then
 * keeps them until its standard input closes (or it is killed), and stops them.
 *
 * <pre>
 * java -Dpipewright.spark.runtime=spark-runtime/target/spark-home \
 *      -Dpipewright.livy.home=test-servers/livy/target/livy \
 *      -cp "backend-client/target/test-classes:backend-client/target/classes:DEPENDENCIES" \
 *      io.pipewright.testing.TestServers FOLDER
 * </pre>
 *
 * prints {@code servers: masterUrl=spark://127.0.0.1:P restUrl=http://… webUrl=http://… livyUrl=http://…}.
 */
public final class TestServers {
  private TestServers() {}

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir")).toAbsolutePath();
    try (SparkCluster cluster = SparkCluster.start(folder.resolve("cluster"));
        LivyServer livy = LivyServer.builder().folder(folder.resolve("livy")).allowLocalDirectory(folder).start()) {
      System.out.println("servers: masterUrl=" + cluster.masterUrl() + " restUrl=" + cluster.restUrl() + " webUrl="
          + cluster.webUrl() + " livyUrl=" + livy.url());
      System.out.flush();
      while (System.in.read() >= 0) {
        // keep serving until the caller closes our input
      }
    }
  }
}
