package dev.ticketing.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@link Timestamp}.
 *
 * @since 0.1.0
 */
public final class TimestampValidator implements ConstraintValidator<Timestamp, Instant> {

  /** The earliest instant every supported store holds. */
  public static final Instant MIN = Instant.parse("1000-01-01T00:00:00Z");

  /** The latest instant every supported store holds (microsecond precision). */
  public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

  @Override
  public boolean isValid(@Nullable Instant value, ConstraintValidatorContext context) {
    return value == null || isStorable(value);
  }

  /** Whether every supported store can hold the instant. */
  public static boolean isStorable(Instant value) {
    return !value.isBefore(MIN) && !value.isAfter(MAX);
  }
}
