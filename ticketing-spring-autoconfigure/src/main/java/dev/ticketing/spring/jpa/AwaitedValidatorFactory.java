package dev.ticketing.spring.jpa;

import jakarta.validation.ClockProvider;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.ParameterNameProvider;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorContext;
import jakarta.validation.ValidatorFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A validator factory being built on another thread: every call waits for it, then goes to it. A
 * failed build is thrown as it was thrown there.
 */
final class AwaitedValidatorFactory implements ValidatorFactory {
  private final CompletableFuture<ValidatorFactory> factory;

  AwaitedValidatorFactory(CompletableFuture<ValidatorFactory> factory) {
    this.factory = factory;
  }

  private ValidatorFactory factory() {
    try {
      return factory.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
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

  @Override
  public void close() {
    factory().close();
  }
}
