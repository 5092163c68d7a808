package dev.ticketing.validation;

import static java.lang.annotation.ElementType.*;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Human text: after trimming, between {@link #min()} and {@link #max()} characters (code points);
 * no control characters other than newline and tab; no unpaired surrogates. Null is invalid unless
 * {@link #optional()}.
 *
 * @since 0.1.0
 */
@Documented
@Constraint(validatedBy = TextValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface Text {
  String message() default
      "must be {min} to {max} characters after trimming, without control characters";

  int min() default 1;

  int max();

  /** Whether null (meaning "not given") is allowed. */
  boolean optional() default false;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
