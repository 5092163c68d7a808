package dev.ticketing.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The structure the build enforces: which module each package belongs to, the one-way arrows between
 * modules, internal packages that stay in their module, and a core free of frameworks.
 * docs/architecture.md explains each rule in words.
 */
final class ArchitectureRules {

  static final String CORE = "ticketing-core";
  static final String TCK = "ticketing-tck";
  static final String JPA = "ticketing-jpa";
  static final String S3 = "ticketing-s3";
  static final String EMAIL = "ticketing-email";
  static final String KAFKA = "ticketing-kafka";
  static final String SPRING = "ticketing-spring-autoconfigure";
  static final String TEST_SUPPORT = "ticketing-test-support";

  /**
   * Module of every package, by the package's root. Core's packages are listed one by one, so that a
   * new package (a new capability beside {@code workflow}) is placed in a module on purpose: until
   * it is listed here, {@link #EVERY_CLASS_BELONGS_TO_A_MODULE} fails.
   */
  private static final Map<String, String> MODULE_BY_PACKAGE = new LinkedHashMap<>();

  static {
    for (String corePackage :
        new String[] {
          "assignment",
          "attachment",
          "automation",
          "escalation",
          "internal",
          "memory",
          "notification",
          "policy",
          "sla",
          "spi",
          "validation",
          "workflow"
        }) {
      MODULE_BY_PACKAGE.put("dev.ticketing." + corePackage, CORE);
    }
    MODULE_BY_PACKAGE.put("dev.ticketing.tck", TCK);
    MODULE_BY_PACKAGE.put("dev.ticketing.jpa", JPA);
    MODULE_BY_PACKAGE.put("dev.ticketing.s3", S3);
    MODULE_BY_PACKAGE.put("dev.ticketing.email", EMAIL);
    MODULE_BY_PACKAGE.put("dev.ticketing.kafka", KAFKA);
    MODULE_BY_PACKAGE.put("dev.ticketing.spring", SPRING);
    MODULE_BY_PACKAGE.put("dev.ticketing.testsupport", TEST_SUPPORT);
  }

  private ArchitectureRules() {}

  /** The module a class belongs to; empty for classes outside the published modules. */
  static Optional<String> moduleOf(JavaClass type) {
    String name = type.getPackageName();
    if (name.equals("dev.ticketing")) {
      return Optional.of(CORE); // the API package; its sub-packages are placed one by one above
    }
    for (Map.Entry<String, String> root : MODULE_BY_PACKAGE.entrySet()) {
      if (name.equals(root.getKey()) || name.startsWith(root.getKey() + ".")) {
        return Optional.of(root.getValue());
      }
    }
    return Optional.empty();
  }

  static DescribedPredicate<JavaClass> inModule(String module) {
    return DescribedPredicate.describe(
        "in " + module, type -> moduleOf(type).equals(Optional.of(module)));
  }

  /** Fails for a package under dev.ticketing that no module claims: place new packages on purpose. */
  static final ArchRule EVERY_CLASS_BELONGS_TO_A_MODULE =
      classes()
          .that()
          .resideInAPackage("dev.ticketing..")
          .should(
              new ArchCondition<JavaClass>("belong to a module listed in ArchitectureRules") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                  if (moduleOf(type).isEmpty()) {
                    events.add(
                        SimpleConditionEvent.violated(
                            type, type.getName() + " is in no known module"));
                  }
                }
              });

  /**
   * Core runs on any host: it uses the JDK, JSpecify, SLF4J and the Bean Validation API, never
   * Spring, Hibernate, Jakarta Persistence, the AWS SDK or a JDBC driver.
   */
  static final ArchRule CORE_IS_FRAMEWORK_FREE =
      classes()
          .that(inModule(CORE))
          .should()
          .onlyDependOnClassesThat(
              inModule(CORE)
                  .or(
                      resideInAnyPackage(
                          "java..",
                          "javax.crypto..",
                          "org.jspecify..",
                          "org.slf4j..",
                          "jakarta.validation..")))
          .as("ticketing-core depends only on the JDK, JSpecify, SLF4J and jakarta.validation");

  /**
   * The arrows between modules point one way: core ← tck, jpa, s3, email ← spring-autoconfigure, and core
   * ← test-support ← tck (the store contract races its writers with the fixtures hosts use). The
   * examples (hosts) are used by no module.
   */
  static final ArchRule MODULE_ARROWS =
      layeredArchitecture()
          .consideringOnlyDependenciesInAnyPackage("dev.ticketing..")
          .layer(CORE)
          .definedBy(inModule(CORE))
          .layer(TCK)
          .definedBy(inModule(TCK))
          .layer(JPA)
          .definedBy(inModule(JPA))
          .layer(S3)
          .definedBy(inModule(S3))
          .layer(EMAIL)
          .definedBy(inModule(EMAIL))
          .layer(KAFKA)
          .definedBy(inModule(KAFKA))
          .layer(SPRING)
          .definedBy(inModule(SPRING))
          .layer(TEST_SUPPORT)
          .definedBy(inModule(TEST_SUPPORT))
          .whereLayer(SPRING)
          .mayNotBeAccessedByAnyLayer()
          .whereLayer(TEST_SUPPORT)
          .mayOnlyBeAccessedByLayers(TCK)
          .whereLayer(TCK)
          .mayNotBeAccessedByAnyLayer()
          .whereLayer(JPA)
          .mayOnlyBeAccessedByLayers(SPRING)
          .whereLayer(S3)
          .mayOnlyBeAccessedByLayers(SPRING)
          .whereLayer(EMAIL)
          .mayOnlyBeAccessedByLayers(SPRING)
          .whereLayer(KAFKA)
          .mayOnlyBeAccessedByLayers(SPRING)
          .whereLayer(CORE)
          .mayOnlyBeAccessedByLayers(TCK, JPA, S3, EMAIL, KAFKA, SPRING, TEST_SUPPORT)
          .as(
              "modules depend one way: core <- tck, jpa, s3, email, kafka <- spring-autoconfigure; core <-"
                  + " test-support <- tck");

  /** The examples are hosts: nothing published may use them. */
  static final ArchRule NOTHING_USES_THE_EXAMPLES =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.ticketing.examples..")
          .as("no module uses the example hosts");

  /** The stores and the store contract run without Spring: a plain Java host uses them too. */
  static final ArchRule STORES_USE_NO_SPRING =
      noClasses()
          .that(
              inModule(JPA)
                  .or(inModule(S3))
                  .or(inModule(EMAIL))
                  .or(inModule(KAFKA))
                  .or(inModule(TCK))
                  .or(inModule(TEST_SUPPORT)))
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.springframework..")
          .as(
              "ticketing-jpa, ticketing-s3, ticketing-email, ticketing-kafka, ticketing-tck and"
                  + " ticketing-test-support"
                  + " use no Spring");

  /** Each store brings only its own framework, so a host takes one without the other. */
  static final ArchRule JPA_USES_NO_AWS =
      noClasses()
          .that(inModule(JPA))
          .should()
          .dependOnClassesThat()
          .resideInAPackage("software.amazon..")
          .as("ticketing-jpa uses no AWS SDK");

  /** The e-mail channel brings Jakarta Mail and the HTML sanitiser, no store framework. */
  static final ArchRule EMAIL_USES_NO_STORE_FRAMEWORK =
      noClasses()
          .that(inModule(EMAIL))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.persistence..", "org.hibernate..", "org.flywaydb..", "software.amazon..")
          .as("ticketing-email uses neither persistence nor the AWS SDK");

  static final ArchRule S3_USES_NO_PERSISTENCE =
      noClasses()
          .that(inModule(S3))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jakarta.persistence..", "org.hibernate..", "org.flywaydb..")
          .as("ticketing-s3 uses neither Jakarta Persistence, Hibernate nor Flyway");

  /**
   * Internal packages ({@code ..internal..}) are implementation: only classes of the same module use
   * them. In core, the API package's builder wires {@code dev.ticketing.internal}; no other module
   * may reach in.
   */
  static final ArchRule INTERNAL_PACKAGES_STAY_IN_THEIR_MODULE =
      classes()
          .that()
          .resideInAPackage("..internal..")
          .should(
              new ArchCondition<JavaClass>("be used only by classes of their own module") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                  Optional<String> home = moduleOf(type);
                  for (Dependency dependency : type.getDirectDependenciesToSelf()) {
                    if (!moduleOf(dependency.getOriginClass()).equals(home)) {
                      events.add(
                          SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                  }
                }
              })
          .as("internal packages are used only inside their own module");

  /** What hosts implement never depends on the engine's implementations. */
  static final ArchRule SPI_DOES_NOT_DEPEND_ON_IMPLEMENTATIONS =
      noClasses()
          .that()
          .resideInAPackage("dev.ticketing.spi..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.ticketing.internal..", "dev.ticketing.memory..")
          .as(
              "dev.ticketing.spi depends on neither dev.ticketing.internal nor dev.ticketing.memory");

  /**
   * The state machine and the permission policy are decisions over values: they use the API's
   * types, never the SPI, the engine or its in-memory parts.
   */
  static final ArchRule WORKFLOW_AND_POLICY_ARE_PURE =
      noClasses()
          .that()
          .resideInAnyPackage("dev.ticketing.workflow..", "dev.ticketing.policy..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.ticketing.spi..",
              "dev.ticketing.internal..",
              "dev.ticketing.memory..",
              "dev.ticketing.notification..",
              "dev.ticketing.attachment..")
          .as("dev.ticketing.workflow and dev.ticketing.policy use neither the SPI nor the engine");

  /**
   * The SLA model (calendars, policies, clocks) is a fold over values: the same events give the
   * same clocks, with no store, no engine and no scheduler behind them.
   */
  static final ArchRule SLA_MODEL_IS_PURE =
      noClasses()
          .that()
          .resideInAPackage("dev.ticketing.sla..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.ticketing.spi..",
              "dev.ticketing.internal..",
              "dev.ticketing.memory..",
              "dev.ticketing.notification..",
              "dev.ticketing.attachment..",
              "dev.ticketing.escalation..")
          .as("dev.ticketing.sla uses neither the SPI, the engine nor the scheduler");
}
