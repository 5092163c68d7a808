package dev.ticketing.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the e-mail channel remembers: the inbound messages it has taken (so that no message is
 * turned into a ticket or a reply twice, however often it arrives and however many pollers race
 * for it) and the {@code Message-ID}s of the mails it sent (so that a reply naming one of them in
 * {@code In-Reply-To} or {@code References} finds its ticket).
 *
 * <p>Keys are opaque to the store: the channel hashes each {@code Message-ID} to 64 lower-case hex
 * digits. A claim is a lease: the owner that holds it processes the message and then {@link
 * #finish}es it; a claim whose owner died expires and another owner may take it again (the writes
 * the channel makes are idempotent, keyed by the message). Each method is its own unit of work;
 * call them outside the ticket store's transactions.
 *
 * @since 0.2.0
 */
public interface MailStore {

  /** What {@link #claim} found. */
  enum Claim {
    /** The caller holds the message now and must process it, then {@link #finish} it. */
    CLAIMED,
    /** The message was processed already: drop it. */
    DONE,
    /** Another owner holds an unexpired claim: leave the message to it. */
    BUSY
  }

  /** A processed message as the store keeps it. */
  record Inbound(String messageKey, String outcome, @Nullable String ticketId, Instant at) {}

  /**
   * Claims an inbound message for {@code owner} until {@code now + lease}: a message nobody has
   * seen, or one whose earlier claim expired unfinished. Two concurrent calls for the same key never
   * both answer {@link Claim#CLAIMED} while the lease runs.
   */
  Claim claim(String messageKey, String owner, Instant now, Duration lease);

  /**
   * Marks a claimed message processed, with what became of it ({@code outcome}: a short word such
   * as {@code created}, {@code replied} or {@code refused}) and the ticket concerned. A message
   * finished once stays {@link Claim#DONE} for good; finishing it again changes nothing.
   */
  void finish(
      String messageKey, String owner, String outcome, @Nullable String ticketId, Instant at);

  /** Gives up a claim that failed, so that the next delivery of the message is processed at once. */
  void release(String messageKey, String owner);

  /** A processed message, or empty when it is unknown or still claimed. */
  Optional<Inbound> inbound(String messageKey);

  /** Remembers that a mail with this message key was sent about {@code ticketId}. */
  void recordSent(String messageKey, String ticketId, Instant at);

  /** The tickets of the sent mails among {@code messageKeys}; unknown keys are left out. */
  Map<String, String> ticketsOfSent(Collection<String> messageKeys);
}
