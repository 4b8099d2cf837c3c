package io.pipewright.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package arrows of ARCHITECTURE.md inside backend-client:
 * {@code local, standalone, livy, azureml → workspace → model}; {@code standalone, livy, azureml →
 * remote → http} (remote: what the remote launchers share); {@code livy, azureml → azure → http, workspace}
 * (azure: signing in and Resource Manager's conventions); {@code sparkui → http, workspace} (a Spark
 * driver's progress, loaded as a service). Breaking one fails the build.
 */
@AnalyzeClasses(packages = "io.pipewright", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule modelImportsNothingOfTheProject = noClasses()
      .that().resideInAPackage("io.pipewright.model..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.pipewright.workspace..", "io.pipewright.local..", "io.pipewright.http..",
          "io.pipewright.standalone..", "io.pipewright.livy..", "io.pipewright.azureml..", "io.pipewright.azure..")
      .because("the pipeline model is the base every other package builds on");

  @ArchTest
  static final ArchRule oneJacksonSetup = noClasses()
      .that().resideOutsideOfPackage("io.pipewright.io..")
      .should().callConstructor(com.fasterxml.jackson.databind.ObjectMapper.class)
      .orShould().callMethod(com.fasterxml.jackson.databind.json.JsonMapper.class, "builder")
      .because("io.Jackson is the one JSON setup: strict where text comes in, map keys sorted where it goes out");

  @ArchTest
  static final ArchRule filesAreReplacedOneWay = noClasses()
      .that().resideOutsideOfPackage("io.pipewright.io..")
      .should().callMethod(java.nio.file.Files.class, "move", java.nio.file.Path.class, java.nio.file.Path.class,
          java.nio.file.CopyOption[].class)
      .because("io.AtomicFiles replaces a file whole or not at all (forced to disk, with the fallback where an"
          + " atomic move is not supported)");

  @ArchTest
  static final ArchRule ioImportsNothingOfTheProject = noClasses()
      .that().resideInAPackage("io.pipewright.io..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.pipewright.model..", "io.pipewright.workspace..", "io.pipewright.local..", "io.pipewright.http..",
          "io.pipewright.remote..", "io.pipewright.standalone..", "io.pipewright.livy..", "io.pipewright.azureml..",
          "io.pipewright.azure..", "io.pipewright.sparkui..")
      .because("files and JSON are the plumbing every package uses, the model included");

  @ArchTest
  static final ArchRule modelUsesNoToolkitNetworkOrSpark = noClasses()
      .that().resideInAPackage("io.pipewright.model..")
      .should().dependOnClassesThat().resideInAnyPackage("javafx..", "okhttp3..", "okio..", "org.apache.spark..",
          "java.sql..")
      .because("the model is plain values, readable and testable anywhere");

  @ArchTest
  static final ArchRule workspaceKnowsOnlyTheModel = noClasses()
      .that().resideInAPackage("io.pipewright.workspace..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.pipewright.local..", "io.pipewright.http..", "io.pipewright.standalone..",
          "io.pipewright.livy..", "io.pipewright.azureml..", "io.pipewright.azure..", "io.pipewright.sparkui..")
      .because("the workspace SPI is what every backend implements");

  @ArchTest
  static final ArchRule localDoesNotImportTheRemoteBackends = noClasses()
      .that().resideInAPackage("io.pipewright.local..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.pipewright.http..", "io.pipewright.remote..", "io.pipewright.standalone..", "io.pipewright.livy..",
          "io.pipewright.azureml..", "io.pipewright.azure..", "io.pipewright.sparkui..")
      .because("the embedded workspace works offline, with no HTTP client; remote backends and the Spark UI's"
          + " progress are services it loads");

  @ArchTest
  static final ArchRule sparkUiKnowsOnlyHttpAndWorkspace = noClasses()
      .that().resideInAPackage("io.pipewright.sparkui..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.pipewright.local..", "io.pipewright.remote..", "io.pipewright.standalone..", "io.pipewright.livy..",
          "io.pipewright.azureml..", "io.pipewright.azure..")
      .because("the Spark UI's progress is a service: sparkui → http, workspace, and nothing uses it but as one");

  @ArchTest
  static final ArchRule nothingImportsSparkUi = noClasses()
      .that().resideInAPackage("io.pipewright..").and().resideOutsideOfPackage("io.pipewright.sparkui..")
      .should().dependOnClassesThat().resideInAPackage("io.pipewright.sparkui..")
      .because("it is found through ServiceLoader as a workspace.SparkUiMonitor");

  @ArchTest
  static final ArchRule httpKnowsNoPipeline = noClasses()
      .that().resideInAPackage("io.pipewright.http..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.pipewright.model..", "io.pipewright.workspace..", "io.pipewright.remote..",
          "io.pipewright.standalone..", "io.pipewright.livy..", "io.pipewright.azureml..", "io.pipewright.azure..",
          "io.pipewright.sparkui..")
      .because("the HTTP layer is a client library: Azure, Livy and Spark build on it, not it on them");

  @ArchTest
  static final ArchRule remoteKnowsNoBackend = noClasses()
      .that().resideInAPackage("io.pipewright.remote..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.pipewright.standalone..", "io.pipewright.livy..", "io.pipewright.azureml..")
      .because("what remote launchers share depends on none of them");

  @ArchTest
  static final ArchRule azureKnowsNoBackend = noClasses()
      .that().resideInAPackage("io.pipewright.azure..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.pipewright.standalone..", "io.pipewright.livy..", "io.pipewright.azureml..", "io.pipewright.remote..")
      .because("signing in and Resource Manager's conventions serve Synapse and Azure ML alike");

  @ArchTest
  static final ArchRule remoteBackendsDoNotImportTheEmbeddedOne = noClasses()
      .that().resideInAnyPackage("io.pipewright.standalone..", "io.pipewright.livy..", "io.pipewright.azureml..",
          "io.pipewright.http..", "io.pipewright.remote..", "io.pipewright.azure..", "io.pipewright.sparkui..")
      .should().dependOnClassesThat().resideInAPackage("io.pipewright.local..")
      .allowEmptyShould(true)
      .because("backends meet only through the workspace SPI");

  @ArchTest
  static final ArchRule noBackendUsesJavaFx = noClasses()
      .that().resideInAPackage("io.pipewright..")
      .should().dependOnClassesThat().resideInAPackage("javafx..")
      .because("backend-client has no JavaFX; the app adapts it to the FX thread");

  @ArchTest
  static final ArchRule packagesHaveNoCycles = slices().matching("io.pipewright.(*)..").should().beFreeOfCycles();
}
