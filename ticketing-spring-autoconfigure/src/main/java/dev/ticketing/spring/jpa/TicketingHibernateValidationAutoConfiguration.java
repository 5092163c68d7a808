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
 * Keeps Hibernate ORM from switching on entity validation that the host never had, and lets it start
 * on a class path without an Expression Language implementation. {@code ticketing-core} brings
 * Hibernate Validator (it checks service input with a parameter message interpolator, which needs no
 * EL). Hibernate ORM, finding a Bean Validation provider, would validate every entity of the host's
 * persistence unit before it is written, with the default validator factory, and that one needs EL:
 * a Boot host without {@code spring-boot-starter-validation} would fail to start (HV000183) only
 * because it added ticketing, and one that started would find its entities validated where they
 * were not before.
 *
 * <p>Without EL, and unless the host says otherwise, this sets {@code
 * jakarta.persistence.validation.mode} to {@code none}: the host's entities are written as they
 * were before ticketing came, and start-up does not build a validator factory for Hibernate (the
 * ticketing entities carry no constraints; service input is checked by the engine). A host that sets
 * the mode itself ({@code spring.jpa.properties.jakarta.persistence.validation.mode}) gets entity
 * validation with an EL-free factory, built when Hibernate first uses it.
 *
 * <p>Not switched off by {@code ticketing.enabled=false}: the class path is the same either way.
 * Backs off when the host configures {@code jakarta.persistence.validation.factory} itself or has
 * EL on the class path (then Bean Validation is the host's, and so are its settings).
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

  /**
   * Sets Hibernate's validation mode to {@code none}, or, when the host chose a mode, hands it an
   * EL-free factory; closes that factory with the context if it was built.
   */
  static final class ParameterInterpolationValidation
      implements HibernatePropertiesCustomizer, DisposableBean {
    static final String FACTORY = "jakarta.persistence.validation.factory";
    static final String MODE = "jakarta.persistence.validation.mode";

    private final LazyValidatorFactory factory =
        new LazyValidatorFactory(ParameterInterpolationValidation::build);

    @Override
    public void customize(Map<String, Object> hibernateProperties) {
      if (hibernateProperties.containsKey(FACTORY)) {
        return;
      }
      if (hibernateProperties.containsKey(MODE)) {
        hibernateProperties.put(FACTORY, factory);
      } else {
        hibernateProperties.put(MODE, "none");
      }
    }

    @Override
    public void destroy() {
      factory.close();
    }

    static ValidatorFactory build() {
      return Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory();
    }
  }
}
