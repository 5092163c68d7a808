package dev.ticketing.spi;

import dev.ticketing.Status;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stored merge of a source ticket into a target, with what the source was before it, so that an
 * unmerge restores it exactly. A source has at most one merge.
 *
 * @param sourceTicketId the ticket merged away
 * @param targetTicketId the ticket it was merged into
 * @param mergedBy who merged them
 * @param mergedAt when, at microsecond precision
 * @param sourceStatus the source's status before the merge
 * @param sourceResolvedAt the source's last resolution time before the merge
 * @param sourceClosedAt the source's last closing time before the merge
 * @since 0.2.0
 */
public record MergeRecord(
    String sourceTicketId,
    String targetTicketId,
    String mergedBy,
    Instant mergedAt,
    Status sourceStatus,
    @Nullable Instant sourceResolvedAt,
    @Nullable Instant sourceClosedAt) {
  public MergeRecord {
    Objects.requireNonNull(sourceTicketId, "sourceTicketId");
    Objects.requireNonNull(targetTicketId, "targetTicketId");
    Objects.requireNonNull(mergedBy, "mergedBy");
    Objects.requireNonNull(mergedAt, "mergedAt");
    Objects.requireNonNull(sourceStatus, "sourceStatus");
  }
}
