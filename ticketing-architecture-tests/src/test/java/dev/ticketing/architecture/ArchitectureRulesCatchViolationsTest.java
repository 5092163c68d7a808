package dev.ticketing.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.ticketing.email.violation.EmailUsingPersistence;
import dev.ticketing.jpa.violation.JpaUsingCoreInternals;
import dev.ticketing.s3.violation.S3UsingSpring;
import dev.ticketing.sla.violation.SlaModelUsingTheStore;
import dev.ticketing.spi.violation.SpiUsingMemory;
import dev.ticketing.unplaced.violation.UnplacedCapability;
import dev.ticketing.workflow.violation.WorkflowUsingPersistence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each rule fails when broken: evaluated over the main classes plus the deliberately violating
 * classes of this module's test sources (packages named {@code violation}), it reports the violator
 * by name. The main classes alone pass ({@link ArchitectureTest}), so the violator is what fails.
 */
class ArchitectureRulesCatchViolationsTest {

  private static JavaClasses withViolations;

  @BeforeAll
  static void importMainClassesAndViolators() {
    withViolations =
        new ClassFileImporter()
            .withImportOption(
                location ->
                    !location.contains("/test-classes/") || location.contains("/violation/"))
            .importPackages("dev.ticketing");
  }

  @Test
  void aStoreUsingCoreInternalsIsReported() {
    assertReports(
        ArchitectureRules.INTERNAL_PACKAGES_STAY_IN_THEIR_MODULE, JpaUsingCoreInternals.class);
  }

  @Test
  void coreUsingAFrameworkIsReported() {
    assertReports(ArchitectureRules.CORE_IS_FRAMEWORK_FREE, WorkflowUsingPersistence.class);
  }

  @Test
  void slaModelUsingTheStoreIsReported() {
    assertReports(ArchitectureRules.SLA_MODEL_IS_PURE, SlaModelUsingTheStore.class);
  }

  @Test
  void workflowUsingTheSpiIsReported() {
    assertReports(ArchitectureRules.WORKFLOW_AND_POLICY_ARE_PURE, WorkflowUsingPersistence.class);
  }

  @Test
  void aStorePointingAtSpringIsReported() {
    assertReports(ArchitectureRules.MODULE_ARROWS, S3UsingSpring.class);
    assertReports(ArchitectureRules.STORES_USE_NO_SPRING, S3UsingSpring.class);
  }

  @Test
  void theEmailChannelUsingAStoreFrameworkIsReported() {
    assertReports(ArchitectureRules.EMAIL_USES_NO_STORE_FRAMEWORK, EmailUsingPersistence.class);
  }

  @Test
  void theSpiUsingItsImplementationIsReported() {
    assertReports(ArchitectureRules.SPI_DOES_NOT_DEPEND_ON_IMPLEMENTATIONS, SpiUsingMemory.class);
  }

  @Test
  void aPackageNoModuleClaimsIsReported() {
    assertReports(ArchitectureRules.EVERY_CLASS_BELONGS_TO_A_MODULE, UnplacedCapability.class);
  }

  private static void assertReports(ArchRule rule, Class<?> violator) {
    EvaluationResult result = rule.evaluate(withViolations);
    assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .as("every reported violation comes from the deliberate violator")
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains(violator.getName()));
  }
}
