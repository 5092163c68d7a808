package dev.ticketing;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input broke one or more rules. Lists every violation, each with its field; nothing was written.
 *
 * @since 0.1.0
 */
public final class ValidationException extends TicketingException {
  private static final long serialVersionUID = 1L;

  private final List<Violation> violations;

  public ValidationException(List<Violation> violations) {
    super(ErrorCode.VALIDATION, describe(violations));
    this.violations = List.copyOf(violations);
  }

  /** A single violation of the named field. */
  public static ValidationException of(String field, String message) {
    return new ValidationException(List.of(new Violation(field, message)));
  }

  /** Every violation, sorted by field. */
  public List<Violation> violations() {
    return violations;
  }

  /** The names of the offending fields. */
  public List<String> fields() {
    return violations.stream().map(Violation::field).distinct().toList();
  }

  private static String describe(List<Violation> violations) {
    return "invalid input: "
        + violations.stream()
            .map(v -> v.field() + " " + v.message())
            .collect(Collectors.joining("; "));
  }
}
