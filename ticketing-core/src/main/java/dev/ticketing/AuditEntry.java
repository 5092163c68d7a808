package dev.ticketing;

import dev.ticketing.policy.Role;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a ticket's history, written in the same transaction as the change it records.
 *
 * @param id entry id
 * @param ticketId the ticket
 * @param action what happened
 * @param actorId who did it
 * @param actorRole in which role
 * @param at when
 * @param changes what changed, old to new (ids only for comments and attachments: no bodies)
 * @since 0.1.0
 */
public record AuditEntry(
    String id,
    String ticketId,
    AuditAction action,
    String actorId,
    Role actorRole,
    Instant at,
    List<FieldChange> changes) {

  public AuditEntry {
    changes = List.copyOf(changes);
  }
}
