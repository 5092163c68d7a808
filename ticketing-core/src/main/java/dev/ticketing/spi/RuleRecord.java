package dev.ticketing.spi;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An automation rule as an {@link AutomationStore} keeps it. The definition is text the engine
 * writes and reads; stores keep it as it is.
 *
 * @param revision bumped by every write of the rule (edits, enabling, disabling): the optimistic
 *     lock
 * @param version bumped by every edit of the definition; each version is kept
 * @param kind {@code TRIGGER} or {@code TIME}
 * @since 0.2
 */
public record RuleRecord(
    String id,
    long revision,
    int version,
    String name,
    String kind,
    int position,
    boolean enabled,
    @Nullable String disabledReason,
    String definition,
    Instant createdAt,
    Instant updatedAt,
    String updatedBy) {

  public RuleRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(updatedBy, "updatedBy");
  }
}
