package dev.ticketing.spring.jpa;

import static dev.ticketing.spring.SpringFixtures.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Hibernate's validator factory without Expression Language on the class path.
 */
class TicketingHibernateValidationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(TICKETING);

  @Test
  void withoutExpressionLanguageHibernateGetsAParameterInterpolatingFactory() {
    runner.run(
        context -> {
          var customizer =
              context.getBean(
                  TicketingHibernateValidationAutoConfiguration.ParameterInterpolationValidation
                      .class);
          java.util.Map<String, Object> properties = new java.util.HashMap<>();
          customizer.customize(properties);
          assertThat(properties.get("jakarta.persistence.validation.factory"))
              .isInstanceOfSatisfying(
                  jakarta.validation.ValidatorFactory.class,
                  f ->
                      assertThat(f.getMessageInterpolator())
                          .isInstanceOf(
                              org.hibernate.validator.messageinterpolation
                                  .ParameterMessageInterpolator.class));
        });
  }

  @Test
  void aFactoryOfTheHostWins() {
    runner.run(
        context -> {
          var customizer =
              context.getBean(
                  TicketingHibernateValidationAutoConfiguration.ParameterInterpolationValidation
                      .class);
          java.util.Map<String, Object> properties = new java.util.HashMap<>();
          properties.put("jakarta.persistence.validation.factory", "host's");
          customizer.customize(properties);
          assertThat(properties).containsEntry("jakarta.persistence.validation.factory", "host's");
        });
  }

  @Test
  void withoutHibernateSupportNothing() {
    runner
        .withClassLoader(
            new FilteredClassLoader(
                org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer
                    .class))
        .run(
            context ->
                assertThat(context).hasNotFailed().doesNotHaveBean("ticketingHibernateValidation"));
  }

  /** A factory whose build failed on its own thread fails where Hibernate first uses it, as is. */
  @Test
  void aFailedBuildIsThrownWhereTheFactoryIsUsed() {
    var failed =
        java.util.concurrent.CompletableFuture.<jakarta.validation.ValidatorFactory>failedFuture(
            new jakarta.validation.NoProviderFoundException("no provider"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new AwaitedValidatorFactory(failed).getValidator())
        .isInstanceOf(jakarta.validation.NoProviderFoundException.class)
        .hasMessage("no provider");
  }
}
