package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.Text;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#addComment}. Seed 000's {@code addCommentInput}.
 *
 * @param ticketId the ticket
 * @param content 1 to 10,000 characters after trimming
 * @param internal true for a staff-only internal note
 */
public record AddComment(@Id @Nullable String ticketId, @Text(max = 10_000) @Nullable String content, boolean internal) {}
