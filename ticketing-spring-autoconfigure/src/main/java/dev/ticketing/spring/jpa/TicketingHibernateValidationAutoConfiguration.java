package dev.ticketing.spring.jpa;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
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
 * interpolator instead; the host's own entity constraints are still checked. The factory is built
 * on a thread of its own from the start of the context, and Hibernate waits for it only when it
 * first uses it.
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

  /**
   * Starts building the factory on a thread of its own as soon as the bean definitions are read,
   * long before Hibernate asks for it: Hibernate Validator's bootstrap (some five hundred classes)
   * then overlaps the host's start-up.
   */
  @Bean
  static ValidatorFactoryWarmUp ticketingValidatorFactoryWarmUp() {
    return new ValidatorFactoryWarmUp();
  }

  @Bean
  ParameterInterpolationValidation ticketingHibernateValidation(ValidatorFactoryWarmUp warmUp) {
    return new ParameterInterpolationValidation(warmUp.factory());
  }

  /** Builds the EL-free factory in the background once the context's bean factory is ready. */
  static final class ValidatorFactoryWarmUp implements BeanFactoryPostProcessor {
    static final String THREAD = "ticketing-validator-bootstrap";

    private final CompletableFuture<ValidatorFactory> factory = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
      start();
    }

    private void start() {
      if (!started.compareAndSet(false, true)) {
        return;
      }
      Thread thread =
          new Thread(
              () -> {
                try {
                  factory.complete(build());
                } catch (RuntimeException | Error e) {
                  factory.completeExceptionally(e);
                }
              },
              THREAD);
      thread.setDaemon(true);
      thread.start();
    }

    /** The factory, built or being built. */
    CompletableFuture<ValidatorFactory> factory() {
      start(); // in case no bean factory post-processing came first
      return factory;
    }

    static ValidatorFactory build() {
      return Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory();
    }
  }

  /** Passes an EL-free validator factory to Hibernate; closes it with the context. */
  static final class ParameterInterpolationValidation
      implements HibernatePropertiesCustomizer, DisposableBean {
    static final String FACTORY = "jakarta.persistence.validation.factory";

    private final CompletableFuture<ValidatorFactory> built;
    private final ValidatorFactory factory;

    ParameterInterpolationValidation(CompletableFuture<ValidatorFactory> built) {
      this.built = built;
      this.factory = new AwaitedValidatorFactory(built);
    }

    @Override
    public void customize(Map<String, Object> hibernateProperties) {
      hibernateProperties.putIfAbsent(FACTORY, factory);
    }

    @Override
    public void destroy() {
      // Closed once built, whether or not anyone used it.
      built.thenAccept(ValidatorFactory::close);
    }
  }
}
