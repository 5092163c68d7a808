package dev.ticketing.spring.jpa;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Lets Hibernate ORM start on a class path without an Expression Language implementation.
 * {@code ticketing-core} brings Hibernate Validator (it checks service input with a parameter
 * message interpolator, which needs no EL). Hibernate ORM, finding a Bean Validation provider,
 * builds the default validator factory for the host's persistence unit, and that one needs EL: a
 * Boot host without {@code spring-boot-starter-validation} would fail to start (HV000183) only
 * because it added ticketing. Without EL, this hands Hibernate a factory with the parameter
 * interpolator instead; the host's own entity constraints are still checked.
 *
 * <p>Not switched off by {@code ticketing.enabled=false}: the class path is the same either way.
 * Backs off when the host configures {@code jakarta.persistence.validation.factory} itself or has
 * EL on the class path.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
    beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({
  HibernatePropertiesCustomizer.class,
  ParameterMessageInterpolator.class,
  Validation.class
})
@ConditionalOnMissingClass("jakarta.el.ELManager")
public final class TicketingHibernateValidationAutoConfiguration {

  @Bean
  ParameterInterpolationValidation ticketingHibernateValidation() {
    return new ParameterInterpolationValidation();
  }

  /** Passes an EL-free validator factory to Hibernate; closes it with the context. */
  static final class ParameterInterpolationValidation
      implements HibernatePropertiesCustomizer, DisposableBean {
    static final String FACTORY = "jakarta.persistence.validation.factory";

    private final ValidatorFactory factory =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();

    @Override
    public void customize(Map<String, Object> hibernateProperties) {
      hibernateProperties.putIfAbsent(FACTORY, factory);
    }

    @Override
    public void destroy() {
      factory.close();
    }
  }
}
