package dev.ticketing.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@link Text}.
 *
 * @since 0.1.0
 */
public final class TextValidator implements ConstraintValidator<Text, String> {
  private int min;
  private int max;
  private boolean optional;

  @Override
  public void initialize(Text annotation) {
    this.min = annotation.min();
    this.max = annotation.max();
    this.optional = annotation.optional();
  }

  @Override
  public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
    if (value == null) {
      return optional;
    }
    String problem = problem(value, min, max);
    if (problem == null) {
      return true;
    }
    // Say exactly what is wrong rather than restating every rule.
    context.disableDefaultConstraintViolation();
    context
        .buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("}", "\\}"))
        .addConstraintViolation();
    return false;
  }

  /**
   * What is wrong with the text, or null when it is fine. Shared with code that validates text
   * outside Bean Validation.
   */
  public static @Nullable String problem(String value, int min, int max) {
    if (value.length() > max * 2 + 1024) {
      return "is longer than " + max + " characters"; // cheap guard before scanning huge input
    }
    String trimmed = value.strip();
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\t') {
        return "contains a control character (U+" + String.format("%04X", (int) c) + ")";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= trimmed.length() || !Character.isLowSurrogate(trimmed.charAt(i + 1))) {
          return "contains an unpaired surrogate";
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return "contains an unpaired surrogate";
      }
    }
    int length = trimmed.codePointCount(0, trimmed.length());
    if (length < min) {
      return min == 1 ? "must not be blank" : "must be at least " + min + " characters";
    }
    if (length > max) {
      return "must be at most " + max + " characters";
    }
    return null;
  }
}
