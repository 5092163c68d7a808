package dev.ticketing.sla;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What happened to a ticket, as far as its clocks care. {@link SlaEvents} reads them off the audit
 * log.
 *
 * @since 0.1.0
 */
public sealed interface SlaEvent {

  /** When it happened. */
  Instant at();

  /**
   * The ticket was created.
   *
   * @param tags the tags it was created with (since 0.2.0)
   * @param fields the custom field values it was created with, by key, as the audit log writes
   *     them (since 0.2.0)
   */
  record Created(
      Instant at,
      Status status,
      Priority priority,
      Category category,
      String companyId,
      Set<String> tags,
      Map<String, String> fields)
      implements SlaEvent {

    public Created {
      tags = Set.copyOf(tags);
      fields = Map.copyOf(fields);
    }

    /** A ticket created without custom field values. */
    public Created(
        Instant at,
        Status status,
        Priority priority,
        Category category,
        String companyId,
        Set<String> tags) {
      this(at, status, priority, category, companyId, tags, Map.of());
    }

    /** A ticket created without tags. */
    public Created(
        Instant at, Status status, Priority priority, Category category, String companyId) {
      this(at, status, priority, category, companyId, Set.of(), Map.of());
    }
  }

  /** The status moved (a soft delete is a move to CANCELLED, a restore a move back). */
  record StatusChanged(Instant at, Status from, Status to) implements SlaEvent {}

  /** A public reply; internal notes are not replies. */
  record Replied(Instant at, boolean byStaff) implements SlaEvent {}

  /**
   * Priority, category, company, tags or custom field values changed; null for what stayed.
   *
   * @param tags the ticket's tags after the change (since 0.2.0)
   * @param fieldsSet custom field values given by the change, by key, as the audit log writes them
   *     (since 0.2.0)
   * @param fieldsCleared keys of the custom fields the change cleared (since 0.2.0)
   */
  record Reclassified(
      Instant at,
      @Nullable Priority priority,
      @Nullable Category category,
      @Nullable String companyId,
      @Nullable Set<String> tags,
      Map<String, String> fieldsSet,
      Set<String> fieldsCleared)
      implements SlaEvent {

    public Reclassified {
      fieldsSet = Map.copyOf(fieldsSet);
      fieldsCleared = Set.copyOf(fieldsCleared);
    }

    /** Priority, category, company or tags changed, the custom field values stayed. */
    public Reclassified(
        Instant at,
        @Nullable Priority priority,
        @Nullable Category category,
        @Nullable String companyId,
        @Nullable Set<String> tags) {
      this(at, priority, category, companyId, tags, Map.of(), Set.of());
    }

    /** Only custom field values changed. */
    public static Reclassified fields(
        Instant at, Map<String, String> fieldsSet, Set<String> fieldsCleared) {
      return new Reclassified(at, null, null, null, null, fieldsSet, fieldsCleared);
    }

    /** Whether the change touched custom field values. */
    public boolean touchesFields() {
      return !fieldsSet.isEmpty() || !fieldsCleared.isEmpty();
    }

    /** Priority, category or company changed, the tags stayed. */
    public Reclassified(
        Instant at,
        @Nullable Priority priority,
        @Nullable Category category,
        @Nullable String companyId) {
      this(at, priority, category, companyId, null);
    }
  }
}
