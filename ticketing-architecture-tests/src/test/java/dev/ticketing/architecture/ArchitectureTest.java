package dev.ticketing.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules hold over the main classes of every published module. A failure names each class and
 * dependency that breaks a rule.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("dev.ticketing");
  }

  @Test
  void everyClassBelongsToAModule() {
    ArchitectureRules.EVERY_CLASS_BELONGS_TO_A_MODULE.check(classes);
  }

  @Test
  void coreIsFrameworkFree() {
    ArchitectureRules.CORE_IS_FRAMEWORK_FREE.check(classes);
  }

  @Test
  void modulesDependOneWay() {
    ArchitectureRules.MODULE_ARROWS.check(classes);
  }

  @Test
  void nothingUsesTheExamples() {
    ArchitectureRules.NOTHING_USES_THE_EXAMPLES.check(classes);
  }

  @Test
  void storesUseNoSpring() {
    ArchitectureRules.STORES_USE_NO_SPRING.check(classes);
  }

  @Test
  void eachStoreUsesOnlyItsOwnFramework() {
    ArchitectureRules.JPA_USES_NO_AWS.check(classes);
    ArchitectureRules.S3_USES_NO_PERSISTENCE.check(classes);
    ArchitectureRules.EMAIL_USES_NO_STORE_FRAMEWORK.check(classes);
  }

  @Test
  void internalPackagesStayInTheirModule() {
    ArchitectureRules.INTERNAL_PACKAGES_STAY_IN_THEIR_MODULE.check(classes);
  }

  @Test
  void spiDoesNotDependOnImplementations() {
    ArchitectureRules.SPI_DOES_NOT_DEPEND_ON_IMPLEMENTATIONS.check(classes);
  }

  @Test
  void workflowAndPolicyArePure() {
    ArchitectureRules.WORKFLOW_AND_POLICY_ARE_PURE.check(classes);
  }

  @Test
  void slaModelIsPure() {
    ArchitectureRules.SLA_MODEL_IS_PURE.check(classes);
  }
}
