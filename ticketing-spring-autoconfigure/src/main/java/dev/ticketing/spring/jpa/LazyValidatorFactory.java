package dev.ticketing.spring.jpa;

import jakarta.validation.ClockProvider;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.ParameterNameProvider;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorContext;
import jakarta.validation.ValidatorFactory;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A validator factory built when it is first used, not when it is handed over: Hibernate Validator's
 * bootstrap loads some five hundred classes, which a start-up that never validates an entity need
 * not pay. A failed build is thrown where the factory was used and tried again on the next use.
 */
final class LazyValidatorFactory implements ValidatorFactory {
  private final Supplier<ValidatorFactory> build;
  private @Nullable ValidatorFactory built;

  LazyValidatorFactory(Supplier<ValidatorFactory> build) {
    this.build = build;
  }

  private synchronized ValidatorFactory factory() {
    ValidatorFactory factory = built;
    if (factory == null) {
      factory = build.get();
      built = factory;
    }
    return factory;
  }

  /** Whether the factory has been built (and so needs closing). */
  synchronized boolean isBuilt() {
    return built != null;
  }

  @Override
  public Validator getValidator() {
    return factory().getValidator();
  }

  @Override
  public ValidatorContext usingContext() {
    return factory().usingContext();
  }

  @Override
  public MessageInterpolator getMessageInterpolator() {
    return factory().getMessageInterpolator();
  }

  @Override
  public TraversableResolver getTraversableResolver() {
    return factory().getTraversableResolver();
  }

  @Override
  public ConstraintValidatorFactory getConstraintValidatorFactory() {
    return factory().getConstraintValidatorFactory();
  }

  @Override
  public ParameterNameProvider getParameterNameProvider() {
    return factory().getParameterNameProvider();
  }

  @Override
  public ClockProvider getClockProvider() {
    return factory().getClockProvider();
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return factory().unwrap(type);
  }

  /** Closes the factory if it was built; one never built has nothing to close. */
  @Override
  public synchronized void close() {
    ValidatorFactory factory = built;
    if (factory != null) {
      factory.close();
    }
  }
}
