package io.pipewright.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the command line in-process and keeps what it printed. */
record Cli(int exitCode, String out, String err) {

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PipewrightCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(code, out.toString(), err.toString());
  }

  /** For commands that write bytes to System.out (logs): captures System.out as the output. */
  static Cli runCapturingStdout(String... args) {
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      Cli result = run(args);
      return new Cli(result.exitCode(), captured.toString(java.nio.charset.StandardCharsets.UTF_8), result.err());
    } finally {
      System.setOut(original);
    }
  }

  /**
   * The command line in a JVM of its own on the test class path, not yet started: nothing it asks
   * beyond loopback leaves the machine (HTTP and HTTPS go to a proxy where nothing listens, and so
   * does Azure's managed identity endpoint, as on a laptop), none of this machine's Azure variables,
   * {@code bin} first on the PATH, HOME = {@code home}, its output and errors together.
   */
  static ProcessBuilder ownJvm(Path bin, Path home, java.util.List<String> jvmOptions, String... args)
      throws java.io.IOException {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      closed = socket.getLocalPort();
    }
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + closed,
        "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + closed, "-Dhttp.nonProxyHosts=127.0.0.1|localhost"));
    String runtime = System.getProperty("pipewright.spark.runtime");
    if (runtime != null) {
      command.add("-Dpipewright.spark.runtime=" + runtime);
    }
    command.addAll(jvmOptions);
    command.add("io.pipewright.app.Launcher");
    command.addAll(java.util.List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("AZURE_") || name.startsWith("IDENTITY_")
        || name.startsWith("MSI_"));
    builder.environment().put("PATH", bin + ":/usr/bin:/bin");
    builder.environment().put("HOME", java.nio.file.Files.createDirectories(home).toString());
    // azure-identity's and MSAL's own override of the managed identity endpoint (http://169.254.169.254)
    builder.environment().put("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:" + closed);
    return builder;
  }

  static Path samples() {
    return Path.of(System.getProperty("pipewright.samples", "../resources/samples")).toAbsolutePath().normalize();
  }

  String lastLine() {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1];
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out:\n" + out + "\n--- err:\n" + err;
  }
}
