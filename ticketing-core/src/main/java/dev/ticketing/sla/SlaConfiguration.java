package dev.ticketing.sla;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.ValidationException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An installation's service levels: its ordered policies, the business calendars they count in,
 * and the statuses in which every clock pauses.
 *
 * @param policies in order: a ticket gets the first that applies to it
 * @param calendars every calendar a policy names, by id
 * @param pausing the statuses in which clocks do not count; active statuses only. Default {@link
 *     #DEFAULT_PAUSING}
 * @since 0.1.0
 */
public record SlaConfiguration(
    List<SlaPolicy> policies, Map<String, BusinessCalendar> calendars, Set<Status> pausing) {

  /** Clocks pause while the ticket waits for the customer. */
  public static final Set<Status> DEFAULT_PAUSING = Set.of(Status.WAITING_FOR_CUSTOMER);

  public SlaConfiguration {
    policies = List.copyOf(policies);
    calendars = Map.copyOf(calendars);
    pausing = Set.copyOf(pausing);
    Set<String> ids = new java.util.HashSet<>();
    for (SlaPolicy p : policies) {
      if (!ids.add(p.id())) {
        throw ValidationException.of("policies", "two policies are named '" + p.id() + "'");
      }
      if (p.calendarId() != null && !calendars.containsKey(p.calendarId())) {
        throw ValidationException.of(
            "policies", "policy " + p.id() + " names no known calendar: " + p.calendarId());
      }
    }
    calendars.forEach(
        (id, c) -> {
          if (!id.equals(c.id())) {
            throw ValidationException.of("calendars", "calendar " + c.id() + " is filed as " + id);
          }
        });
    for (Status s : pausing) {
      if (!s.isActive()) {
        throw ValidationException.of(
            "pausing", s + " is not an active status; resolved and closed tickets stop the clocks");
      }
    }
  }

  /** The policies, their calendars, and the default pausing statuses. */
  public static SlaConfiguration of(List<SlaPolicy> policies, BusinessCalendar... calendars) {
    Map<String, BusinessCalendar> byId = new LinkedHashMap<>();
    for (BusinessCalendar c : calendars) {
      byId.put(c.id(), c);
    }
    return new SlaConfiguration(policies, byId, DEFAULT_PAUSING);
  }

  /** No policies: no ticket gets clocks. */
  public static SlaConfiguration none() {
    return new SlaConfiguration(List.of(), Map.of(), DEFAULT_PAUSING);
  }

  /** This configuration with other pausing statuses. */
  public SlaConfiguration pausingIn(Set<Status> statuses) {
    return new SlaConfiguration(
        policies, calendars, statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses));
  }

  /** The first policy that applies to a ticket with these facts and no tags, or null. */
  public @Nullable SlaPolicy select(Priority priority, Category category, String companyId) {
    return select(priority, category, companyId, Set.of());
  }

  /**
   * The first policy that applies to a ticket with these facts, or null.
   *
   * @since 0.2.0
   */
  public @Nullable SlaPolicy select(
      Priority priority, Category category, String companyId, java.util.Collection<String> tags) {
    return select(priority, category, companyId, tags, Map.of());
  }

  /**
   * The first policy that applies to a ticket with these facts, or null.
   *
   * @param fields the ticket's custom field values by key, as the audit log writes them
   * @since 0.2.0
   */
  public @Nullable SlaPolicy select(
      Priority priority,
      Category category,
      String companyId,
      java.util.Collection<String> tags,
      Map<String, String> fields) {
    for (SlaPolicy p : policies) {
      if (p.appliesTo(priority, category, companyId, tags, fields)) {
        return p;
      }
    }
    return null;
  }

  /** The policy of that id, or null when the configuration no longer has it. */
  public @Nullable SlaPolicy policy(String id) {
    for (SlaPolicy p : policies) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    return null;
  }

  /** How a clock under the given calendar counts; calendar hours for null. */
  public WorkingTime workingTime(@Nullable String calendarId) {
    if (calendarId == null) {
      return WorkingTime.CONTINUOUS;
    }
    BusinessCalendar c = calendars.get(calendarId);
    if (c == null) {
      throw ValidationException.of("calendarId", "no calendar is named '" + calendarId + "'");
    }
    return c;
  }

  /** Whether clocks count while a ticket is in this status. */
  public boolean counts(Status status) {
    return status.isActive() && !pausing.contains(status);
  }
}
