package dev.ticketing.internal;

import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.validation.IdValidator;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Bean Validation at the service boundary. Collects every violation of an input, with its field,
 * into one {@link ValidationException}. Uses the parameter-only interpolator so no Expression
 * Language implementation is needed on the host's class path (see {@link ValidatorFactories}).
 */
final class InputValidator {

  private static @Nullable Validator validator;
  private static boolean providerFound;

  /** Fails at once when no Bean Validation provider is on the class path (see below). */
  InputValidator() {
    synchronized (InputValidator.class) {
      if (!providerFound) {
        ValidatorFactories.requireProvider();
        providerFound = true;
      }
    }
  }

  /**
   * Built on the first input checked, once for all services, rather than when a service is made:
   * Hibernate Validator's bootstrap (some five hundred classes) is then not part of the host's
   * start-up. Not in a static initializer either, so that a missing provider is an {@link
   * IllegalStateException} that says what to add, not an {@code ExceptionInInitializerError}
   * followed by {@code NoClassDefFoundError}s.
   */
  private static synchronized Validator validator() {
    Validator built = validator;
    if (built == null) {
      built = ValidatorFactories.parameterInterpolating().getValidator();
      validator = built;
    }
    return built;
  }

  /** Throws when the input is null or breaks a constraint. */
  void check(String name, @Nullable Object input) {
    throwIfAny(violations(name, input));
  }

  /**
   * The input's violations without throwing, so that a caller can add those of rules checked in
   * code and report everything at once. A null input is one violation named {@code name}.
   */
  List<Violation> violations(String name, @Nullable Object input) {
    if (input == null) {
      return List.of(new Violation(name, "must not be null"));
    }
    List<Violation> list = new ArrayList<>();
    for (ConstraintViolation<Object> v : validator().validate(input)) {
      list.add(new Violation(v.getPropertyPath().toString(), v.getMessage()));
    }
    return list;
  }

  /** Throws one exception listing every violation, sorted by field, when there is any. */
  static void throwIfAny(List<Violation> violations) {
    if (!violations.isEmpty()) {
      List<Violation> list = new ArrayList<>(violations);
      list.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
      throw new ValidationException(list);
    }
  }

  /** Throws when the id is null or not well-formed; returns it otherwise, known to be present. */
  static String checkId(String field, @Nullable String id) {
    if (id == null || !IdValidator.isWellFormed(id)) {
      throw ValidationException.of(field, "must be an id of 1 to 128 letters, digits or . _ : @ -");
    }
    return id;
  }
}
