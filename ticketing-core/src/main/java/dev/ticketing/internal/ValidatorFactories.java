package dev.ticketing.internal;

import jakarta.validation.Configuration;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.NoProviderFoundException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.bootstrap.GenericBootstrap;
import jakarta.validation.spi.ValidationProvider;
import java.util.ServiceLoader;

/**
 * Builds the validator factory that checks service input, from whichever Bean Validation provider
 * the host's class path holds. Core compiles against the Jakarta Validation API alone and brings
 * Hibernate Validator only at run time, so the provider is found here, not named at compile time.
 */
final class ValidatorFactories {

  /**
   * Hibernate Validator's interpolator that substitutes constraint parameters without Expression
   * Language. Its default interpolator needs an EL implementation, which a plain Java host does not
   * have; naming this one by class keeps the messages ("size must be between 0 and 255") and lets
   * core start without EL, while another provider keeps its own default.
   */
  static final String PARAMETER_INTERPOLATOR =
      "org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator";

  private ValidatorFactories() {}

  /** The factory of the default provider; fails with a clear message when there is none. */
  static ValidatorFactory parameterInterpolating() {
    return parameterInterpolating(Validation.byDefaultProvider());
  }

  static ValidatorFactory parameterInterpolating(GenericBootstrap bootstrap) {
    Configuration<?> configuration;
    try {
      configuration = bootstrap.configure();
    } catch (NoProviderFoundException e) {
      throw noProvider(e);
    }
    return configuration.messageInterpolator(interpolator(configuration)).buildValidatorFactory();
  }

  /**
   * Fails as {@link #parameterInterpolating()} would when no provider is on the class path, without
   * starting one: where the engine is built, so that a missing provider stops the host's start-up
   * rather than its first request, while the provider's own bootstrap waits for the first input.
   * Looks where Bean Validation looks by default: the thread's context class loader, then the one
   * that loaded the API.
   */
  static void requireProvider() {
    requireProvider(
        Thread.currentThread().getContextClassLoader(), Validation.class.getClassLoader());
  }

  static void requireProvider(ClassLoader... loaders) {
    for (ClassLoader loader : loaders) {
      if (loader != null
          && ServiceLoader.load(ValidationProvider.class, loader).stream().findAny().isPresent()) {
        return;
      }
    }
    throw noProvider(new NoProviderFoundException("no jakarta.validation.spi.ValidationProvider"));
  }

  private static IllegalStateException noProvider(NoProviderFoundException cause) {
    return new IllegalStateException(
        "ticketing-core checks service input with Bean Validation and found no"
            + " provider on the class path: add org.hibernate.validator:hibernate-validator (a run-time"
            + " dependency of ticketing-core, so it is missing only when excluded)",
        cause);
  }

  private static MessageInterpolator interpolator(Configuration<?> configuration) {
    ClassLoader provider = configuration.getClass().getClassLoader();
    Class<?> type;
    try {
      type = Class.forName(PARAMETER_INTERPOLATOR, true, provider);
    } catch (ClassNotFoundException | LinkageError e) {
      return configuration.getDefaultMessageInterpolator();
    }
    try {
      return (MessageInterpolator) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("cannot create " + PARAMETER_INTERPOLATOR, e);
    }
  }
}
