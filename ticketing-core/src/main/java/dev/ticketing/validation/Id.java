package dev.ticketing.validation;

import static java.lang.annotation.ElementType.*;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A well-formed id: 1 to 128 characters of letters, digits and {@code . _ : @ -}, starting with a
 * letter or digit. Null is invalid unless {@link #optional()}.
 *
 * @since 0.1.0
 */
@Documented
@Constraint(validatedBy = IdValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface Id {
  String message() default "must be an id of 1 to 128 letters, digits or . _ : @ -";

  boolean optional() default false;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
