package dev.ticketing.email;

import org.jspecify.annotations.Nullable;

/**
 * What became of an inbound message.
 *
 * @param outcome what the channel did
 * @param ticketId the ticket created or replied to, or the ticket of the first processing for a
 *     duplicate; null when nothing was written
 * @param detail why, in words, for logs and the endpoint's answer
 * @since 0.2.0
 */
public record InboundResult(Outcome outcome, @Nullable String ticketId, String detail) {

  /** What the channel did with a message. */
  public enum Outcome {
    /** A new ticket was opened. */
    CREATED("created"),
    /** The message became a reply on its ticket. */
    REPLIED("replied"),
    /** The message was processed before: nothing written again. */
    DUPLICATE("duplicate"),
    /** Another poller or request is processing the same message right now. */
    BUSY("busy"),
    /** An auto-reply, bounce, list mail or loop: ignored, never answered. */
    AUTOMATIC("automatic"),
    /** Refused (limits, malformed, unknown sender, nothing to attach to): logged, no bounce. */
    REFUSED("refused");

    private final String word;

    Outcome(String word) {
      this.word = word;
    }

    /** The word the store keeps. */
    public String word() {
      return word;
    }

    static Outcome of(String word) {
      for (Outcome o : values()) {
        if (o.word.equals(word)) {
          return o;
        }
      }
      return REFUSED;
    }
  }

  /** Whether the message is settled: anything but {@link Outcome#BUSY}. */
  public boolean settled() {
    return outcome != Outcome.BUSY;
  }
}
