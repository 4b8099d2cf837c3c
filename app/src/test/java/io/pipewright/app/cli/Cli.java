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
