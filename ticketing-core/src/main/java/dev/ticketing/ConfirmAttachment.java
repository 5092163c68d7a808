package dev.ticketing;

import dev.ticketing.validation.Id;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#confirmAttachment} (seed 000's {@code createAttachment}).
 *
 * @param ticketId the ticket the upload was issued for
 * @param key the object key returned with the upload URL
 * @param commentId optionally, a comment of the same ticket to link the file to
 */
public record ConfirmAttachment(
    @Id @Nullable String ticketId,
    @NotBlank @Size(max = 1024) @Nullable String key,
    @Id(optional = true) @Nullable String commentId) {}
