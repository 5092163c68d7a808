package dev.ticketing.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Comment and attachment counts of a ticket, in two views: public only (what customers see) and
 * all (what staff who may read internal notes see).
 *
 * @since 0.1.0
 */
public record Activity(
    long publicComments,
    long allComments,
    long publicAttachments,
    long allAttachments,
    @Nullable Instant lastPublicCommentAt,
    @Nullable Instant lastCommentAt) {

  public static final Activity NONE = new Activity(0, 0, 0, 0, null, null);
}
