package dev.ticketing;

import dev.ticketing.validation.Id;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#requestUpload}. Seed 000's {@code generateAttachmentUploadUrlInput}.
 *
 * @param ticketId the ticket the file will belong to
 * @param fileName the client's file name; sanitised, never used raw
 * @param contentType must be in the configured allow-list
 * @param fileSize exact size in bytes, at most the configured maximum
 */
public record RequestUpload(
    @Id @Nullable String ticketId,
    @NotBlank @Size(max = 1024) @Nullable String fileName,
    @NotBlank @Size(max = 255) @Nullable String contentType,
    @Positive long fileSize) {}
