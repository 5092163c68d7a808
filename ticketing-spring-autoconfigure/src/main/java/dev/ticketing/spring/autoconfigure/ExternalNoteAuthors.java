package dev.ticketing.spring.autoconfigure;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.UserInfo;
import dev.ticketing.validation.IdValidator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a note recorded from the host's own system is credited to: the author the event names (a
 * Hasura event's {@code session_variables["x-hasura-user-id"]}, say), when the {@link Directory}
 * knows that user as staff. Pass the actor it returns to {@link
 * dev.ticketing.TicketService#recordExternalNote}, which then checks that this staff member may add
 * notes to that ticket, like for any other call.
 *
 * <pre>{@code
 * Actor author = authors.authorOf(event.sessionVariables().get("x-hasura-user-id"));
 * tickets.recordExternalNote(author, new ExternalNote(row.id(), row.supportId(), row.description(), createdAt, false));
 * }</pre>
 *
 * <p>Refusals carry codes: no author and no fallback, or a malformed id, is {@code VALIDATION} on
 * {@value #FIELD}; an author the directory does not know, or knows as a customer, is {@code
 * ACCESS_DENIED} (a note is never credited to somebody else instead). A host that opts in ({@code
 * ticketing.external-notes.fallback-author-id}) has notes that name no author at all credited to
 * that configured staff member, for events from its own back-office jobs.
 *
 * @since 0.1.0
 */
public final class ExternalNoteAuthors {
  /** The field a violation names: the host maps it to where its event carries the author. */
  public static final String FIELD = "authorId";

  private static final Logger log = LoggerFactory.getLogger(ExternalNoteAuthors.class);

  private final Directory directory;
  private final @Nullable Actor fallback;

  /**
   * @param fallback the staff member notes without an author are credited to; null refuses them
   */
  public ExternalNoteAuthors(Directory directory, @Nullable Actor fallback) {
    this.directory = Objects.requireNonNull(directory, "directory");
    if (fallback != null && !fallback.isStaff()) {
      throw new IllegalArgumentException(
          "the fallback author of external notes must be staff, not " + fallback.role());
    }
    this.fallback = fallback;
  }

  /** The configured fallback author, if the host opted in. */
  public @Nullable Actor fallback() {
    return fallback;
  }

  /**
   * The actor to record a note as.
   *
   * @param authorId the author the event names; null or blank when it names none
   * @throws ValidationException on {@value #FIELD} when there is no author and no fallback, or the
   *     id is malformed
   * @throws AccessDeniedException when the directory does not know the author as staff
   */
  public Actor authorOf(@Nullable String authorId) {
    if (authorId == null || authorId.isBlank()) {
      if (fallback != null) {
        return fallback;
      }
      throw ValidationException.of(FIELD, "is required: the event names no author");
    }
    if (!IdValidator.isWellFormed(authorId)) {
      throw ValidationException.of(FIELD, "must be an id of 1 to 128 letters, digits or . _ : @ -");
    }
    UserInfo user = directory.users(List.of(authorId)).get(authorId);
    if (user == null || !user.role().isStaff()) {
      // One answer for both: the webhook's caller learns nothing about who exists.
      log.info(
          "ticketing access denied: actor={} role={} operation={} target={}",
          authorId,
          user == null ? "unknown" : user.role(),
          Operation.COMMENT,
          "external note author");
      throw new AccessDeniedException(Operation.COMMENT, "the note's author is not a staff member");
    }
    return new Actor(user.id(), user.role(), null);
  }
}
