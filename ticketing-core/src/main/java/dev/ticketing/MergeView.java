package dev.ticketing;

import dev.ticketing.spi.MergeRecord;
import java.time.Instant;

/**
 * One merge: the source ticket, closed, points to the target, whose conversation shows the
 * source's.
 *
 * @param sourceTicketId the ticket merged away
 * @param targetTicketId the ticket it was merged into
 * @param mergedBy who merged them
 * @param mergedAt when
 * @param unmergeableUntil until when {@link TicketLinks#unmerge} restores the source
 * @since 0.2.0
 */
public record MergeView(
    String sourceTicketId,
    String targetTicketId,
    String mergedBy,
    Instant mergedAt,
    Instant unmergeableUntil) {

  /** The view of a stored merge, unmergeable for {@code window} after it. */
  public static MergeView of(MergeRecord merge, java.time.Duration window) {
    return new MergeView(
        merge.sourceTicketId(),
        merge.targetTicketId(),
        merge.mergedBy(),
        merge.mergedAt(),
        merge.mergedAt().plus(window));
  }
}
