package dev.ticketing.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@link IdempotencyKey}.
 *
 * @since 0.1.0
 */
public final class IdempotencyKeyValidator implements ConstraintValidator<IdempotencyKey, String> {

  @Override
  public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
    return value == null || isWellFormed(value);
  }

  /** Whether the string is a well-formed idempotency key. */
  public static boolean isWellFormed(String value) {
    int n = value.length();
    if (n == 0 || n > IdempotencyKey.MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
