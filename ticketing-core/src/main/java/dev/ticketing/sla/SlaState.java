package dev.ticketing.sla;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A ticket's clocks with the facts about the ticket they depend on.
 *
 * @param facts null before the ticket was created
 * @param clocks ordered by target, then cycle
 * @since 0.1.0
 */
public record SlaState(@Nullable Facts facts, List<SlaClock> clocks) {

  /** Target order, then cycle: the one order clocks are listed in. */
  public static final Comparator<SlaClock> ORDER =
      Comparator.comparing(SlaClock::target).thenComparingInt(SlaClock::cycle);

  /** Before any event. */
  public static final SlaState EMPTY = new SlaState(null, List.of());

  public SlaState {
    clocks = clocks.stream().sorted(ORDER).toList();
  }

  /**
   * What policy selection and clock rules read of a ticket.
   *
   * @param tags the ticket's tags (since 0.2.0)
   * @param fields the ticket's custom field values by key, as the audit log writes them (since
   *     0.2.0)
   * @since 0.1.0
   */
  public record Facts(
      Status status,
      Priority priority,
      Category category,
      String companyId,
      Set<String> tags,
      Map<String, String> fields) {

    public Facts {
      tags = Set.copyOf(tags);
      fields = Map.copyOf(fields);
    }

    /**
     * Facts of a ticket without custom field values.
     *
     * @since 0.2.0
     */
    public Facts(
        Status status, Priority priority, Category category, String companyId, Set<String> tags) {
      this(status, priority, category, companyId, tags, Map.of());
    }

    /** Facts of a ticket without tags. */
    public Facts(Status status, Priority priority, Category category, String companyId) {
      this(status, priority, category, companyId, Set.of());
    }

    /** The same ticket in another status. */
    public Facts inStatus(Status to) {
      return new Facts(to, priority, category, companyId, tags, fields);
    }
  }
}
