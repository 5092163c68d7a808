package dev.ticketing;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the library throws on purpose. Unchecked; carries a stable
 * {@link #code()} for hosts to translate, and says whether repeating the call may succeed.
 *
 * @since 0.1.0
 */
public abstract class TicketingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  protected TicketingException(ErrorCode code, String message) {
    this(code, message, null);
  }

  protected TicketingException(ErrorCode code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable machine-readable code of this error. */
  public final ErrorCode code() {
    return code;
  }

  /** Whether the same call may succeed if repeated unchanged. Only concurrency conflicts are. */
  public boolean retryable() {
    return false;
  }
}
