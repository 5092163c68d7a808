package dev.ticketing.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@link Id}.
 *
 * @since 0.1.0
 */
public final class IdValidator implements ConstraintValidator<Id, String> {
  private boolean optional;

  @Override
  public void initialize(Id annotation) {
    this.optional = annotation.optional();
  }

  @Override
  public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
    return value == null ? optional : isWellFormed(value);
  }

  /** Whether the string is a well-formed id. */
  public static boolean isWellFormed(String value) {
    int n = value.length();
    if (n == 0 || n > 128 || !Character.isLetterOrDigit(value.charAt(0)) || value.charAt(0) > 127) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '@'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
