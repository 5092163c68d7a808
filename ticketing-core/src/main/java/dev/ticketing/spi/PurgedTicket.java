package dev.ticketing.spi;

import java.util.List;

/**
 * What a purge gave up in blob storage.
 *
 * @param attachmentKeys the object keys of the ticket's confirmed attachments
 * @param uploadGrants the ticket's outstanding upload grants (each with its staging and object key)
 * @since 0.1.0
 */
public record PurgedTicket(List<String> attachmentKeys, List<UploadGrant> uploadGrants) {
  public PurgedTicket {
    attachmentKeys = List.copyOf(attachmentKeys);
    uploadGrants = List.copyOf(uploadGrants);
  }

  /** Nothing to delete. */
  public static final PurgedTicket NONE = new PurgedTicket(List.of(), List.of());
}
