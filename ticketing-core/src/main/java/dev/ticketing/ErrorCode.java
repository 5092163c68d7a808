package dev.ticketing;

/**
 * Stable, machine-readable error codes. The names are part of the public contract: hosts map them
 * to HTTP statuses or GraphQL error extensions, so they never change meaning.
 *
 * @since 0.1.0
 */
public enum ErrorCode {
  /** The input broke one or more rules; {@link ValidationException#violations()} names each field. */
  VALIDATION,
  /** The object does not exist, or the actor may not see it (the two are indistinguishable on purpose). */
  NOT_FOUND,
  /** The actor can see the ticket but may not perform this operation on it. */
  ACCESS_DENIED,
  /** The requested status change is not allowed by the state machine. */
  INVALID_TRANSITION,
  /**
   * The ticket's status does not allow the operation (a comment on a closed ticket, assigning a
   * resolved one, restoring one that is not deleted).
   */
  INVALID_STATE,
  /** Someone else changed the ticket at the same time; retrying the operation is safe. */
  CONFLICT,
  /** An attachment was refused: unknown key, size or type mismatch, not uploaded. */
  ATTACHMENT_REJECTED,
  /**
   * The store or the host's directory failed (for example a lost connection); nothing was written;
   * retrying later may succeed.
   */
  UNAVAILABLE,
  /**
   * The idempotency key was already used by the same actor with another operation or other input;
   * nothing was written. Use a new key for a new request.
   *
   * @since 0.2.0
   */
  IDEMPOTENCY_KEY_REUSED
}
