package dev.ticketing.validation;

import static java.lang.annotation.ElementType.*;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A client's idempotency key: null (none), or 1 to {@value #MAX_LENGTH} visible ASCII characters
 * ({@code !} to {@code ~}, no spaces), which fits the {@code Idempotency-Key} header's usual values
 * (UUIDs, random tokens).
 *
 * @since 0.2.0
 */
@Documented
@Constraint(validatedBy = IdempotencyKeyValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface IdempotencyKey {
  /** The longest key. */
  int MAX_LENGTH = 255;

  String message() default "must be 1 to 255 visible ASCII characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
