package dev.ticketing;

import dev.ticketing.policy.Role;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A macro (canned reply) as stored: a named template that, applied to a ticket, writes a public
 * reply or an internal note rendered from its {@link #body()} and changes the ticket's fields, all
 * in one unit of work. Admins define macros; staff of the listed {@link #roles()} apply them.
 *
 * @param id the macro's id
 * @param name unique name (case-insensitively), 1 to {@value MacroService#MAX_NAME_LENGTH}
 *     characters
 * @param description what it is for, shown to whoever picks it; null for none
 * @param body the reply's text with {@code {{variable}}} placeholders ({@link
 *     MacroService#VARIABLES}); null when the macro only changes fields
 * @param internal whether the body becomes an internal note (never shown to customers) rather than
 *     a public reply
 * @param status the status the ticket moves to (through the state machine); null leaves it
 * @param priority the priority it gets; null leaves it
 * @param addTags tags added, normalised
 * @param removeTags tags removed, normalised
 * @param assigneeId the staff member the ticket is assigned to; null leaves the assignee (unless
 *     {@code assignToApplier})
 * @param assignToApplier whether the ticket is assigned to whoever applies the macro
 * @param roles the staff roles that may apply it
 * @param version starts at 1, one more with each update; an update names the version it read
 * @param createdAt when it was defined
 * @param updatedAt when it was last changed
 * @param updatedBy who last changed it
 * @since 0.2.0
 */
public record Macro(
    String id,
    String name,
    @Nullable String description,
    @Nullable String body,
    boolean internal,
    @Nullable Status status,
    @Nullable Priority priority,
    List<String> addTags,
    List<String> removeTags,
    @Nullable String assigneeId,
    boolean assignToApplier,
    Set<Role> roles,
    long version,
    Instant createdAt,
    Instant updatedAt,
    String updatedBy) {

  public Macro {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    addTags = List.copyOf(addTags);
    removeTags = List.copyOf(removeTags);
    roles = Set.copyOf(roles);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(updatedBy, "updatedBy");
  }

  /** Whether an actor of this role may apply it. */
  public boolean appliesFor(Role role) {
    return roles.contains(role);
  }
}
