package io.pipewright.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The app's seams (docs: ARCHITECTURE.md, STYLE.md): view models talk to the {@code Workspace}
 * interface, never to the embedded workspace or the command line, and the app's packages form no
 * cycle. Only the composition root ({@code io.pipewright.app}: the launcher and {@code DesignerApp},
 * which opens the embedded workspace) sees everything, and nothing depends on it.
 */
@AnalyzeClasses(packages = "io.pipewright.app", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule viewModelsKnowOnlyTheWorkspaceInterface = noClasses()
      .that().haveSimpleNameEndingWith("ViewModel")
      .or().resideInAPackage("io.pipewright.app.properties..").and().haveSimpleNameEndingWith("Model")
      .should().dependOnClassesThat().resideInAnyPackage("io.pipewright.local..", "io.pipewright.app.cli..")
      .because("view models work with any Workspace; the wiring picks the embedded one");

  @ArchTest
  static final ArchRule nothingDependsOnTheCompositionRoot = noClasses()
      .that().resideInAPackage("io.pipewright.app.*..")
      .should().dependOnClassesThat().resideInAPackage("io.pipewright.app")
      .because("the launcher and DesignerApp wire the features together; no feature reaches back to them");

  @ArchTest
  static final ArchRule filesAreReplacedOneWay = noClasses()
      .should().callMethod(java.nio.file.Files.class, "move", java.nio.file.Path.class, java.nio.file.Path.class,
          java.nio.file.CopyOption[].class)
      .orShould().callConstructor(com.fasterxml.jackson.databind.ObjectMapper.class)
      .because("io.AtomicFiles replaces a file whole or not at all, and io.Jackson is the one JSON setup");

  @ArchTest
  static final ArchRule appPackagesHaveNoCycles = slices().matching("io.pipewright.app.(*)..").should().beFreeOfCycles();
}
