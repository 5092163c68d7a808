package dev.ticketing;

import java.util.Map;

/**
 * Where and how to upload a file (the GraphQL ticket module's {@code
 * generateTicketAttachmentUploadUrl} response). The client must send a {@code PUT} with exactly the
 * issued content type and size.
 *
 * @param uploadUrl the pre-signed URL
 * @param key the object key to pass to {@link TicketService#confirmAttachment}
 * @param expiresIn seconds the URL stays valid
 * @param maxFileSize the configured maximum size in bytes
 * @param requiredHeaders headers the upload must carry exactly (content type and length)
 * @since 0.1.0
 */
public record UploadUrl(
    String uploadUrl,
    String key,
    long expiresIn,
    long maxFileSize,
    Map<String, String> requiredHeaders) {
  public UploadUrl {
    requiredHeaders = Map.copyOf(requiredHeaders);
  }
}
