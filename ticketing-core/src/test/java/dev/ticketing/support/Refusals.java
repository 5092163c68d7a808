package dev.ticketing.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ticketing.ErrorCode;
import dev.ticketing.TicketingException;
import dev.ticketing.ValidationException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on refused calls: which stable code, and for validation which fields. */
public final class Refusals {
  private Refusals() {}

  /** Runs the call, asserts that it fails with {@code code}, and returns the exception. */
  public static TicketingException refused(ErrorCode code, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown)
        .as("expected a refusal with code %s", code)
        .isInstanceOf(TicketingException.class);
    TicketingException e = (TicketingException) thrown;
    assertThat(e.code()).as("code of %s", e).isEqualTo(code);
    return e;
  }

  /** Runs the call, asserts a {@link ValidationException} naming exactly these fields (in order). */
  public static ValidationException invalid(ThrowingCallable call, String... fields) {
    TicketingException e = refused(ErrorCode.VALIDATION, call);
    assertThat(e).isInstanceOf(ValidationException.class);
    ValidationException v = (ValidationException) e;
    assertThat(v.fields()).as("fields of %s", v.getMessage()).containsExactly(fields);
    return v;
  }
}
