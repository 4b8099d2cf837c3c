package io.pipewright.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cause a failed step shows, found in its log as a person reading it would find it. */
class FailureCauseTest {

  private static String cause(String log) {
    return FailureCause.of(log.lines().toList());
  }

  @Test
  void theSqlDriversOwnLineWinsOverEverythingElse() {
    assertThat(cause("""
        INFO SparkContext: Running Spark version 4.1.3
        org.apache.spark.sql.AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table `nope` cannot be found.
        SQL statement 2 (line 5) failed: [TABLE_OR_VIEW_NOT_FOUND] The table `nope` cannot be found.
        """)).startsWith("SQL statement 2 (line 5) failed");
  }

  @Test
  void sparksJobAbortedChainGivesItsRootCause() {
    assertThat(cause("""
        Exception in thread "main" org.apache.spark.SparkException: Job aborted due to stage failure: Task 0 in stage 1.0 failed 1 times, most recent failure: Lost task 0.0
        \tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2898)
        \tat org.apache.spark.scheduler.DAGScheduler.abortStage(DAGScheduler.scala:2834)
        Caused by: org.apache.spark.SparkRuntimeException: [CAST_INVALID_INPUT] The value 'abc' of the type "STRING" cannot be cast to "INT"
        \tat org.apache.spark.sql.errors.QueryExecutionErrors$.invalidInputInCastToNumberError(QueryExecutionErrors.scala:145)
        Caused by: java.lang.NumberFormatException: For input string: "abc"
        \tat java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)
        INFO ShutdownHookManager: Shutdown hook called
        """)).startsWith("java.lang.NumberFormatException: For input string: \"abc\" (in: Exception in thread \"main\""
        + " org.apache.spark.SparkException: Job aborted due to stage failure");
  }

  @Test
  void aPythonTracebackGivesItsError() {
    assertThat(cause("""
        Traceback (most recent call last):
          File "/work/train.py", line 12, in <module>
            main()
          File "/work/train.py", line 8, in main
            raise ValueError("no rows in --data")
        ValueError: no rows in --data
        """)).isEqualTo("ValueError: no rows in --data");
  }

  @Test
  void aJvmThatCouldNotStartSaysWhyNotALaterSymptom() {
    assertThat(cause("""
        Invalid maximum heap size: -Xmx0m
        Error: Could not create the Java Virtual Machine.
        Error: A fatal exception has occurred. Program will exit.
        """)).isEqualTo("the JVM could not start: Invalid maximum heap size: -Xmx0m");
    assertThat(cause("""
        Error: LinkageError occurred while loading main class Main
        \tjava.lang.UnsupportedClassVersionError: Main has been compiled by a more recent version of the Java Runtime (class file version 69.0)
        """)).startsWith("the JVM could not start: java.lang.UnsupportedClassVersionError: Main has been compiled by a "
        + "more recent version of the Java Runtime (class file version 69.0)");
  }

  @Test
  void aJvmThatFailedToInitializeGivesTheReasonOnTheNextLine() {
    // as java prints it, on stdout
    assertThat(cause("""
        Error occurred during initialization of VM
        Too small maximum heap
        """)).isEqualTo("the JVM could not start: Too small maximum heap");
    assertThat(cause("""
        Error occurred during initialization of VM
        GC triggered before VM initialization completed. Try increasing NewSize, current value 1331K.
        """)).isEqualTo("the JVM could not start: GC triggered before VM initialization completed. Try increasing "
        + "NewSize, current value 1331K.");
  }

  @Test
  void aHeapTooSmallToLoadTheMainClassIsOutOfMemoryNotAJniError() {
    assertThat(cause("""
        WARNING: Using incubator modules: jdk.incubator.vector
        Error: A JNI error has occurred, please check your installation and try again
        Exception in thread "main" java.lang.OutOfMemoryError: Java heap space
        	at java.base/java.util.zip.ZipFile$Source.<init>(ZipFile.java:1483)
        """)).isEqualTo("the JVM could not start: out of memory while loading its classes: "
        + "java.lang.OutOfMemoryError: Java heap space (raise the driver memory)");
    assertThat(cause("""
        Error: Unable to initialize main class org.apache.spark.deploy.SparkSubmit
        Caused by: java.lang.OutOfMemoryError: Java heap space
        """)).isEqualTo("the JVM could not start: out of memory while loading its classes: "
        + "java.lang.OutOfMemoryError: Java heap space (raise the driver memory)");
  }

  @Test
  void sparkRefusingItsMemoryWinsOverTheShutdownErrorsAfterIt() {
    assertThat(cause("""
        15:07:22.665 ERROR SparkContext: Error initializing SparkContext.
        org.apache.spark.SparkIllegalArgumentException: [INVALID_DRIVER_MEMORY] System memory 104857600 must be at least 471859200.
        	at org.apache.spark.memory.UnifiedMemoryManager$.getMaxMemory(UnifiedMemoryManager.scala:335)
        java.lang.NullPointerException: Cannot invoke "org.apache.spark.Heartbeater.doReportHeartbeat()" because the return value of "org.apache.spark.SparkContext._heartbeater()" is null
        SQL step failed: [INVALID_DRIVER_MEMORY] System memory 104857600 must be at least 471859200.
        """)).isEqualTo("Spark could not start: [INVALID_DRIVER_MEMORY] System memory 104857600 must be at least "
        + "471859200 (raise the driver memory to 450m or more)");
    assertThat(cause("""
        java.lang.IllegalArgumentException: Executor memory 104857600 must be at least 471859200. Please increase executor memory
        """)).isEqualTo("Spark could not start: Executor memory 104857600 must be at least 471859200 (raise the "
        + "executor memory to 450m or more)");
  }

  @Test
  void aSettingSparkRefusesIsTheCauseNotTheJvmsLogLinesAfterIt() {
    assertThat(cause("""
        15:07:47.357 WARN SparkConf: Note that spark.local.dir will be overridden by the value set by the cluster manager
        input 'titanic' could not be read as CSV from /d/Titanic.csv: [INVALID_CONF_VALUE.TYPE_MISMATCH] The value 'abc' in the config "spark.sql.shuffle.partitions" is invalid. It should be a/an 'int' value. SQLSTATE: 22022
        [8.219s][warning][cds] Skipping org/apache/ivy/plugins/signer/bouncycastle/OpenPGPSignatureGenerator: Failed verification
        """)).isEqualTo("Spark refused a setting: [INVALID_CONF_VALUE.TYPE_MISMATCH] The value 'abc' in the config "
        + "\"spark.sql.shuffle.partitions\" is invalid. It should be a/an 'int' value. SQLSTATE: 22022");
    assertThat(cause("""
        the job's last words
        [7.685s][warning][cds] Skipping jdk/internal/event/Event: JFR event class
        """)).isEqualTo("the job's last words");
  }

  @Test
  void aJavaTooNewForSparkSaysSo() {
    assertThat(cause("""
        Exception in thread "main" java.lang.UnsupportedOperationException: getSubject is not supported
        	at java.base/javax.security.auth.Subject.getSubject(Subject.java:277)
        """)).isEqualTo("this Java is too new for Spark (it needs Java 17 to 21): Exception in thread \"main\" "
        + "java.lang.UnsupportedOperationException: getSubject is not supported");
  }

  @Test
  void aProcessWhoseJvmCouldNotStartIsToldFromStdoutWhereJavaPrintsWhy(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path temp) throws Exception {
    java.nio.file.Path err = java.nio.file.Files.writeString(temp.resolve("stderr"), "");
    java.nio.file.Path out = java.nio.file.Files.writeString(temp.resolve("stdout"),
        "Error occurred during initialization of VM\nInitial heap size set to a larger value than the maximum heap size\n");
    assertThat(FailureCause.ofProcess(err, out))
        .isEqualTo("the JVM could not start: Initial heap size set to a larger value than the maximum heap size");

    java.nio.file.Files.writeString(err, "Error: Could not create the Java Virtual Machine.\n"
        + "Error: A fatal exception has occurred. Program will exit.\n");
    java.nio.file.Files.writeString(out, "\nThe Java thread stack size specified is too small. Specify at least 136k\n");
    assertThat(FailureCause.ofProcess(err, out))
        .isEqualTo("the JVM could not start: The Java thread stack size specified is too small. Specify at least 136k");

    java.nio.file.Files.writeString(err, "Unrecognized VM option 'Bogus'\nError: Could not create the Java Virtual Machine.\n");
    java.nio.file.Files.writeString(out, "");
    assertThat(FailureCause.ofProcess(err, out)).isEqualTo("the JVM could not start: Unrecognized VM option 'Bogus'");

    java.nio.file.Files.writeString(err, "java.lang.IllegalStateException: boom\n");
    java.nio.file.Files.writeString(out, "a job's own output\n");
    assertThat(FailureCause.ofProcess(err, out)).isEqualTo("java.lang.IllegalStateException: boom");
  }

  @Test
  void runningOutOfMemorySaysSoAndWhatToRaise() {
    assertThat(cause("""
        ERROR Executor: Exception in task 0.0 in stage 3.0 (TID 7)
        java.lang.OutOfMemoryError: Java heap space
        \tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)
        ERROR SparkUncaughtExceptionHandler: Uncaught exception in thread Thread[Executor task launch worker]
        """)).isEqualTo("out of memory: java.lang.OutOfMemoryError: Java heap space (raise the driver or executor memory)");
  }

  @Test
  void withoutAnyOfThemTheLastExceptionThenTheLastLine() {
    assertThat(cause("java.io.FileNotFoundException: /data/x.csv (No such file or directory)\n\tat Main.main(Main.java:3)\n"))
        .isEqualTo("java.io.FileNotFoundException: /data/x.csv (No such file or directory)");
    assertThat(cause("starting\nexit status 3\n\n")).isEqualTo("exit status 3");
    assertThat(FailureCause.of(List.of())).isEmpty();
  }

  @Test
  void theCauseIsLocatedOnItsLineCountedFromOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp)
      throws Exception {
    java.nio.file.Path stderr = java.nio.file.Files.writeString(temp.resolve("stderr"), """
        INFO SparkContext: Running Spark version 4.1.3
        Exception in thread "main" org.apache.spark.SparkException: Job aborted due to stage failure
        \tat org.apache.spark.scheduler.DAGScheduler.abortStage(DAGScheduler.scala:2834)
        Caused by: java.lang.ArithmeticException: / by zero
        \tat Prep.main(Prep.java:12)
        INFO ShutdownHookManager: Shutdown hook called
        """);

    FailureCause.Location location = FailureCause.locate(stderr).orElseThrow();

    assertThat(location.line()).isEqualTo(4);
    assertThat(location.cause()).startsWith("java.lang.ArithmeticException: / by zero (in: Exception in thread");
    assertThat(location.cause()).isEqualTo(FailureCause.of(stderr));
  }

  @Test
  void aCauseAfterMoreThanTheTailReadIsNumberedOverTheWholeFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp)
      throws Exception {
    StringBuilder log = new StringBuilder();
    for (int i = 1; i <= 5000; i++) {
      log.append("INFO Executor: finished task ").append(i).append(" of stage 0.0 in 12 ms\n");
    }
    log.append("Traceback (most recent call last):\n  File \"prep.py\", line 3, in <module>\n    1 / 0\n");
    log.append("ZeroDivisionError: division by zero\n");
    log.append("INFO ShutdownHookManager: Shutdown hook called\n");
    java.nio.file.Path stderr = java.nio.file.Files.writeString(temp.resolve("stderr"), log);

    FailureCause.Location location = FailureCause.locate(stderr).orElseThrow();

    assertThat(java.nio.file.Files.size(stderr)).isGreaterThan(64 * 1024);
    assertThat(location.cause()).isEqualTo("ZeroDivisionError: division by zero");
    assertThat(location.line()).isEqualTo(5004);
    assertThat(java.nio.file.Files.readAllLines(stderr).get((int) location.line() - 1))
        .isEqualTo("ZeroDivisionError: division by zero");
  }

  @Test
  void anEmptyLogHasNoCauseToLocate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) throws Exception {
    assertThat(FailureCause.locate(java.nio.file.Files.writeString(temp.resolve("stderr"), "\n\n"))).isEmpty();
    assertThat(FailureCause.locate(temp.resolve("missing"))).isEmpty();
  }
}
