package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.Text;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#confirmAttachment} (seed 000's {@code createAttachment}).
 *
 * @param ticketId the ticket the upload was issued for
 * @param key the object key returned with the upload URL (no control characters: a key the engine
 *     issued never has any, and some databases refuse them in a query)
 * @param commentId optionally, a comment of the same ticket to link the file to
 */
public record ConfirmAttachment(
    @Id @Nullable String ticketId,
    @Text(max = 1024) @Nullable String key,
    @Id(optional = true) @Nullable String commentId) {}
