package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.IdempotencyKey;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#requestUpload}. The GraphQL ticket module's {@code
 * generateAttachmentUploadUrlInput}.
 *
 * @param ticketId the ticket the file will belong to
 * @param fileName the client's file name; sanitised, never used raw
 * @param contentType must be in the configured allow-list
 * @param fileSize exact size in bytes, at most the configured maximum
 * @param idempotencyKey optional client key: a repeat with the same key and input returns an upload
 *     URL for the object key the first call issued (while that upload is still open) instead of
 *     issuing another
 * @since 0.1.0
 */
public record RequestUpload(
    @Id @Nullable String ticketId,
    @NotBlank @Size(max = 1024) @Nullable String fileName,
    @NotBlank @Size(max = 255) @Nullable String contentType,
    @Positive long fileSize,
    @IdempotencyKey @Nullable String idempotencyKey) {

  /** Without an idempotency key. */
  public RequestUpload(
      @Nullable String ticketId,
      @Nullable String fileName,
      @Nullable String contentType,
      long fileSize) {
    this(ticketId, fileName, contentType, fileSize, null);
  }

  /** The same input with a client's idempotency key (null for none). */
  public RequestUpload withIdempotencyKey(@Nullable String key) {
    return new RequestUpload(ticketId, fileName, contentType, fileSize, key);
  }
}
