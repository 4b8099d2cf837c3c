package io.pipewright.graph;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.pipewright", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule uiGraphImportsNoOtherProjectModule = noClasses()
      .that().resideInAPackage("io.pipewright.graph..")
      .should().dependOnClassesThat(resideInAPackage("io.pipewright..")
          .and(not(resideInAPackage("io.pipewright.graph.."))));

  @ArchTest
  static final ArchRule modelUndoEditAndLayoutHoldNoSceneGraph = noClasses()
      .that().resideInAnyPackage("io.pipewright.graph.model..", "io.pipewright.graph.undo..",
          "io.pipewright.graph.edit..", "io.pipewright.graph.layout..")
      .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "io.pipewright.graph.view..");
}
