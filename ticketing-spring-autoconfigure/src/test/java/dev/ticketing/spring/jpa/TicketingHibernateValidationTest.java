package dev.ticketing.spring.jpa;

import static dev.ticketing.spring.SpringFixtures.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.spring.host.HostNote;
import jakarta.persistence.EntityManagerFactory;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.NoProviderFoundException;
import jakarta.validation.ValidatorFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Hibernate's entity validation on a class path without Expression Language, where the Bean
 * Validation provider came with ticketing: not switched on unless the host asks for it.
 */
class TicketingHibernateValidationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(TICKETING);

  private static Map<String, Object> customized(
      ApplicationContextRunner runner, Map<String, Object> given) {
    Map<String, Object> properties = new HashMap<>(given);
    runner.run(
        context ->
            context
                .getBean(
                    TicketingHibernateValidationAutoConfiguration.ParameterInterpolationValidation
                        .class)
                .customize(properties));
    return properties;
  }

  @Test
  void withoutExpressionLanguageHibernateValidatesNothingTheHostDidNotAskFor() {
    assertThat(customized(runner, Map.of()))
        .containsExactly(Map.entry("jakarta.persistence.validation.mode", "none"));
  }

  @Test
  void aHostThatChoosesAModeGetsAParameterInterpolatingFactory() {
    assertThat(customized(runner, Map.of("jakarta.persistence.validation.mode", "callback")))
        .containsEntry("jakarta.persistence.validation.mode", "callback")
        .hasEntrySatisfying(
            "jakarta.persistence.validation.factory",
            f ->
                assertThat(f)
                    .isInstanceOfSatisfying(
                        ValidatorFactory.class,
                        factory ->
                            assertThat(factory.getMessageInterpolator())
                                .isInstanceOf(ParameterMessageInterpolator.class)));
  }

  @Test
  void aFactoryOfTheHostWins() {
    assertThat(customized(runner, Map.of("jakarta.persistence.validation.factory", "host's")))
        .containsExactly(Map.entry("jakarta.persistence.validation.factory", "host's"));
  }

  @Test
  void withoutHibernateSupportNothing() {
    runner
        .withClassLoader(new FilteredClassLoader(HibernatePropertiesCustomizer.class))
        .run(
            context ->
                assertThat(context).hasNotFailed().doesNotHaveBean("ticketingHibernateValidation"));
  }

  // ------------------------------------------------------------------ a real persistence unit

  @Configuration(proxyBeanMethods = false)
  @EntityScan(basePackageClasses = HostNote.class)
  static class Host {}

  private ApplicationContextRunner host() {
    return runner
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class))
        .withUserConfiguration(Host.class)
        .withPropertyValues(
            "spring.datasource.url=jdbc:h2:mem:validation-" + System.nanoTime(),
            "spring.jpa.hibernate.ddl-auto=create-drop",
            "ticketing.outbox.enabled=false",
            "ticketing.attachments.store=memory");
  }

  private static void persistBlankNote(EntityManagerFactory factory) {
    var em = factory.createEntityManager();
    try {
      em.getTransaction().begin();
      em.persist(new HostNote("blank-" + System.nanoTime(), " "));
      em.getTransaction().commit();
    } finally {
      em.close();
    }
  }

  @Test
  void theHostsEntitiesAreWrittenAsBeforeTicketingCame() {
    host()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              EntityManagerFactory factory = context.getBean(EntityManagerFactory.class);
              persistBlankNote(factory);
              var em = factory.createEntityManager();
              assertThat(em.createQuery("select count(n) from HostNote n").getSingleResult())
                  .isEqualTo(1L);
              em.close();
            });
  }

  @Test
  void aHostThatChoosesAModeHasItsEntitiesChecked() {
    host()
        .withPropertyValues("spring.jpa.properties.jakarta.persistence.validation.mode=callback")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThatThrownBy(
                      () -> persistBlankNote(context.getBean(EntityManagerFactory.class)))
                  .rootCause()
                  .isInstanceOf(ConstraintViolationException.class)
                  .hasMessageContaining("body");
            });
  }

  // ------------------------------------------------------------------ the lazy factory

  @Test
  void theFactoryIsBuiltOnFirstUseOnly() {
    AtomicInteger builds = new AtomicInteger();
    var lazy =
        new LazyValidatorFactory(
            () -> {
              builds.incrementAndGet();
              return TicketingHibernateValidationAutoConfiguration.ParameterInterpolationValidation
                  .build();
            });
    lazy.close(); // never built: nothing to close, nothing built for it
    assertThat(builds).hasValue(0);
    assertThat(lazy.isBuilt()).isFalse();
    assertThat(lazy.getValidator()).isNotNull();
    assertThat(lazy.getMessageInterpolator()).isInstanceOf(ParameterMessageInterpolator.class);
    assertThat(builds).hasValue(1);
    lazy.close();
  }

  /** A failed build fails where the factory is used, as it was thrown, and is tried again. */
  @Test
  void aFailedBuildIsThrownWhereTheFactoryIsUsed() {
    AtomicInteger builds = new AtomicInteger();
    var lazy =
        new LazyValidatorFactory(
            () -> {
              builds.incrementAndGet();
              throw new NoProviderFoundException("no provider");
            });
    assertThatThrownBy(lazy::getValidator)
        .isInstanceOf(NoProviderFoundException.class)
        .hasMessage("no provider");
    assertThatThrownBy(lazy::getValidator).isInstanceOf(NoProviderFoundException.class);
    assertThat(builds).hasValue(2);
  }
}
