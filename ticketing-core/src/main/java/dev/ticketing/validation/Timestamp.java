package dev.ticketing.validation;

import static java.lang.annotation.ElementType.*;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An instant every supported store can hold: from {@code 1000-01-01T00:00:00Z} to {@code
 * 9999-12-31T23:59:59.999999Z} (MariaDB's DATETIME range, which lies inside PostgreSQL's). Outside
 * it the database, not validation, would refuse the value. Null is valid.
 *
 * @since 0.1.0
 */
@Documented
@Constraint(validatedBy = TimestampValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface Timestamp {
  String message() default "must be between 1000-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
