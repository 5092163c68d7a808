package dev.ticketing.email;

import dev.ticketing.spi.UserInfo;
import org.jspecify.annotations.Nullable;

/**
 * What to do with mail from an address the {@code Directory} does not know: make the sender a
 * customer (the host creates the user, in a company, and returns it), or refuse. A refusal is
 * logged and the message dropped; no bounce is ever sent, so a forged sender address gets no mail
 * from the library.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface UnknownSenders {

  /**
   * The user the host made for this sender (a customer with a company), or null to refuse the mail.
   *
   * @param address the sender's address as the message gives it
   * @param displayName the sender's name as the message gives it, or null
   */
  @Nullable UserInfo create(String address, @Nullable String displayName);

  /** Refuses every unknown sender (the default). */
  static UnknownSenders refuse() {
    return (address, name) -> null;
  }
}
