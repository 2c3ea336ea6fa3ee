package dev.sibyl.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules depend one way, registry &lt;- functions &lt;- planner &lt;- server, checked on the
 * production classes of every module.
 */
class DependencyRulesTest {
  private static final String REGISTRY = "dev.sibyl.registry..";
  private static final String FUNCTIONS = "dev.sibyl.functions..";
  private static final String PLANNER = "dev.sibyl.planner..";
  private static final String SERVER = "dev.sibyl.server..";

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.sibyl");
  }

  @Test
  void registryDependsOnNoOtherModule() {
    noClasses().that().resideInAPackage(REGISTRY)
        .should().dependOnClassesThat().resideInAnyPackage(FUNCTIONS, PLANNER, SERVER)
        .check(production);
  }

  @Test
  void functionsDependOnlyOnTheRegistry() {
    noClasses().that().resideInAPackage(FUNCTIONS)
        .should().dependOnClassesThat().resideInAnyPackage(PLANNER, SERVER)
        .check(production);
  }

  /** Scorers read the portable form only: scoring never needs Smile (design, section 3). */
  @Test
  void scoringAndTheRegistryNeedNoSmile() {
    noClasses().that().resideInAnyPackage(REGISTRY, "dev.sibyl.functions.scoring..")
        .should().dependOnClassesThat().resideInAPackage("smile..")
        .check(production);
  }

  @Test
  void plannerDoesNotDependOnTheServer() {
    noClasses().that().resideInAPackage(PLANNER)
        .should().dependOnClassesThat().resideInAPackage(SERVER)
        .check(production);
  }
}
