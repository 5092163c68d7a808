package dev.ticketing.email;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An inbound message as the channel reads it: who sent it, what it answers, its text (the plain
 * part, or the sanitised HTML made text) and its files.
 */
record ParsedMail(
    @Nullable String messageId,
    String fromAddress,
    @Nullable String fromName,
    List<String> recipients,
    String subject,
    List<String> inReplyTo,
    List<String> references,
    String text,
    @Nullable String sanitisedHtml,
    List<Attachment> attachments) {

  /** A file of the message: an attachment or an inline image. */
  record Attachment(String fileName, String contentType, byte[] bytes, boolean inline) {}

  ParsedMail {
    recipients = List.copyOf(recipients);
    inReplyTo = List.copyOf(inReplyTo);
    references = List.copyOf(references);
    attachments = List.copyOf(attachments);
  }

  /** The ids this message answers, nearest first: In-Reply-To, then References from the newest. */
  List<String> answered() {
    java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>(inReplyTo);
    for (int i = references.size() - 1; i >= 0; i--) {
      ids.add(references.get(i));
    }
    return List.copyOf(ids);
  }
}
