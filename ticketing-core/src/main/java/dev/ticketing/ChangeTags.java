package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.IdempotencyKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#changeTags}: tags to add to a ticket and tags to remove from it, in
 * one audited change. Tags are normalised as {@link TagRules} says before anything is compared; a
 * tag both added and removed is refused. Adding a tag the ticket has, or removing one it has not,
 * changes nothing.
 *
 * @param ticketId the ticket
 * @param add tags to add (null: none)
 * @param remove tags to remove (null: none)
 * @param idempotencyKey optional client key: a repeat with the same input changes nothing again
 * @since 0.1.0
 */
public record ChangeTags(
    @Id @Nullable String ticketId,
    @Nullable List<String> add,
    @Nullable List<String> remove,
    @IdempotencyKey @Nullable String idempotencyKey) {

  public ChangeTags {
    add = add == null ? null : Collections.unmodifiableList(new ArrayList<>(add));
    remove = remove == null ? null : Collections.unmodifiableList(new ArrayList<>(remove));
  }

  /** Adds tags. */
  public static ChangeTags add(String ticketId, String... tags) {
    return new ChangeTags(ticketId, List.of(tags), null, null);
  }

  /** Removes tags. */
  public static ChangeTags remove(String ticketId, String... tags) {
    return new ChangeTags(ticketId, null, List.of(tags), null);
  }

  /** The same input with a client's idempotency key (null for none). */
  public ChangeTags withIdempotencyKey(@Nullable String key) {
    return new ChangeTags(ticketId, add, remove, key);
  }
}
