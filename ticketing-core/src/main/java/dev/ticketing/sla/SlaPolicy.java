package dev.ticketing.sla;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.TagRules;
import dev.ticketing.ValidationException;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One service-level policy: which tickets it applies to, and per priority what it promises. Of the
 * ordered policies of an {@link SlaConfiguration}, a ticket gets the first whose conditions it
 * meets, and again whenever its priority, category, company, tags or custom field values change.
 *
 * @param id stable name; clocks remember the policy they run under
 * @param priorities the priorities it applies to; empty: any
 * @param categories the categories (subjects) it applies to; empty: any
 * @param companyIds the companies it applies to; empty: any
 * @param tags the tags of which a ticket it applies to carries at least one (normalised like a
 *     ticket's tags); empty: any (since 0.2.0)
 * @param fields conditions on custom field values, all of which a ticket it applies to meets, one
 *     per field; empty: any (since 0.2.0)
 * @param targets goals per priority; a priority without an entry gets no clocks
 * @param calendarId the business calendar the goals count in; null: calendar hours
 * @param warnBefore how much working time before a due time a warning is raised; null: none
 * @param reopen what a reopening does to the clocks
 * @since 0.1.0
 */
public record SlaPolicy(
    String id,
    Set<Priority> priorities,
    Set<Category> categories,
    Set<String> companyIds,
    Set<String> tags,
    List<SlaFieldCondition> fields,
    Map<Priority, SlaTargets> targets,
    @Nullable String calendarId,
    @Nullable Duration warnBefore,
    ReopenRule reopen) {

  public SlaPolicy {
    if (id == null || id.isBlank() || id.length() > 64) {
      throw ValidationException.of("policy.id", "must be 1 to 64 characters");
    }
    priorities = Set.copyOf(priorities);
    categories = Set.copyOf(categories);
    companyIds = Set.copyOf(companyIds);
    Set<String> normalised = new java.util.TreeSet<>();
    for (String tag : tags) {
      String n = TagRules.normalise(tag);
      if (TagRules.problemWith(n, 100) != null) {
        throw ValidationException.of("policy.tags", "'" + tag + "' is not a tag");
      }
      normalised.add(n);
    }
    tags = Set.copyOf(normalised);
    fields = List.copyOf(fields);
    if (fields.stream().map(SlaFieldCondition::key).distinct().count() != fields.size()) {
      throw ValidationException.of("policy.fields", "must hold one condition per field");
    }
    targets = Map.copyOf(targets);
    if (warnBefore != null && (warnBefore.isNegative() || warnBefore.isZero())) {
      throw ValidationException.of("policy.warnBefore", "must be positive");
    }
    Objects.requireNonNull(reopen, "reopen");
  }

  /**
   * A policy without conditions on custom fields.
   *
   * @since 0.2.0
   */
  public SlaPolicy(
      String id,
      Set<Priority> priorities,
      Set<Category> categories,
      Set<String> companyIds,
      Set<String> tags,
      Map<Priority, SlaTargets> targets,
      @Nullable String calendarId,
      @Nullable Duration warnBefore,
      ReopenRule reopen) {
    this(
        id,
        priorities,
        categories,
        companyIds,
        tags,
        List.of(),
        targets,
        calendarId,
        warnBefore,
        reopen);
  }

  /** A policy without a condition on tags. */
  public SlaPolicy(
      String id,
      Set<Priority> priorities,
      Set<Category> categories,
      Set<String> companyIds,
      Map<Priority, SlaTargets> targets,
      @Nullable String calendarId,
      @Nullable Duration warnBefore,
      ReopenRule reopen) {
    this(id, priorities, categories, companyIds, Set.of(), targets, calendarId, warnBefore, reopen);
  }

  /** A policy for every ticket, in calendar hours, without warnings, resuming on reopen. */
  public static SlaPolicy everyTicket(String id, Map<Priority, SlaTargets> targets) {
    return new SlaPolicy(id, Set.of(), Set.of(), Set.of(), targets, null, null, ReopenRule.RESUME);
  }

  /** The same goals for every priority. */
  public static Map<Priority, SlaTargets> allPriorities(SlaTargets targets) {
    Map<Priority, SlaTargets> all = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      all.put(p, targets);
    }
    return all;
  }

  /** This policy counting in a business calendar. */
  public SlaPolicy inCalendar(@Nullable String calendar) {
    return new SlaPolicy(
        id,
        priorities,
        categories,
        companyIds,
        tags,
        fields,
        targets,
        calendar,
        warnBefore,
        reopen);
  }

  /** This policy warning {@code before} due times. */
  public SlaPolicy warningBefore(@Nullable Duration before) {
    return new SlaPolicy(
        id, priorities, categories, companyIds, tags, fields, targets, calendarId, before, reopen);
  }

  /** This policy with another reopen rule. */
  public SlaPolicy onReopen(ReopenRule rule) {
    return new SlaPolicy(
        id,
        priorities,
        categories,
        companyIds,
        tags,
        fields,
        targets,
        calendarId,
        warnBefore,
        rule);
  }

  /** This policy applying only to tickets of these companies. */
  public SlaPolicy forCompanies(Set<String> companies) {
    return new SlaPolicy(
        id,
        priorities,
        categories,
        companies,
        tags,
        fields,
        targets,
        calendarId,
        warnBefore,
        reopen);
  }

  /** This policy applying only to tickets of these categories. */
  public SlaPolicy forCategories(Set<Category> only) {
    return new SlaPolicy(
        id, priorities, only, companyIds, tags, fields, targets, calendarId, warnBefore, reopen);
  }

  /** This policy applying only to tickets of these priorities. */
  public SlaPolicy forPriorities(Set<Priority> only) {
    return new SlaPolicy(
        id, only, categories, companyIds, tags, fields, targets, calendarId, warnBefore, reopen);
  }

  /**
   * This policy applying only to tickets that carry at least one of these tags.
   *
   * @since 0.2.0
   */
  public SlaPolicy forTags(Set<String> any) {
    return new SlaPolicy(
        id,
        priorities,
        categories,
        companyIds,
        any,
        fields,
        targets,
        calendarId,
        warnBefore,
        reopen);
  }

  /**
   * This policy applying only to tickets whose custom field values meet all these conditions (one
   * per field).
   *
   * @since 0.2.0
   */
  public SlaPolicy forFields(List<SlaFieldCondition> all) {
    return new SlaPolicy(
        id, priorities, categories, companyIds, tags, all, targets, calendarId, warnBefore, reopen);
  }

  /** Whether a ticket with these facts and no tags meets the conditions. */
  public boolean appliesTo(Priority priority, Category category, String companyId) {
    return appliesTo(priority, category, companyId, Set.of());
  }

  /**
   * Whether a ticket with these facts meets the conditions.
   *
   * @param ticketTags the ticket's tags, normalised
   * @since 0.2.0
   */
  public boolean appliesTo(
      Priority priority, Category category, String companyId, Collection<String> ticketTags) {
    return (priorities.isEmpty() || priorities.contains(priority))
        && (categories.isEmpty() || categories.contains(category))
        && (companyIds.isEmpty() || companyIds.contains(companyId))
        && (tags.isEmpty() || ticketTags.stream().anyMatch(tags::contains));
  }

  /**
   * Whether a ticket with these facts meets the conditions.
   *
   * @param ticketTags the ticket's tags, normalised
   * @param ticketFields the ticket's custom field values by key, as the audit log writes them
   * @since 0.2.0
   */
  public boolean appliesTo(
      Priority priority,
      Category category,
      String companyId,
      Collection<String> ticketTags,
      Map<String, String> ticketFields) {
    return appliesTo(priority, category, companyId, ticketTags)
        && fields.stream().allMatch(c -> c.matches(ticketFields.get(c.key())));
  }

  /** The goal of one target for a priority, or null. */
  public @Nullable Duration goal(Priority priority, SlaTarget target) {
    SlaTargets t = targets.get(priority);
    return t == null ? null : t.goal(target);
  }
}
