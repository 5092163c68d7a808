package dev.ticketing.automation;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.policy.Role;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One test a rule makes of a ticket and the change it reacts to. A rule's conditions all hold for it
 * to fire; {@link AnyOf} holds when one of its own does.
 *
 * @since 0.2
 */
public sealed interface Condition {

  /** The ticket's status is one of these. */
  record StatusIs(Set<Status> statuses) implements Condition {
    public StatusIs {
      statuses = Set.copyOf(statuses);
    }
  }

  /** The ticket's priority is one of these. */
  record PriorityIs(Set<Priority> priorities) implements Condition {
    public PriorityIs {
      priorities = Set.copyOf(priorities);
    }
  }

  /** The ticket's category is one of these. */
  record CategoryIs(Set<Category> categories) implements Condition {
    public CategoryIs {
      categories = Set.copyOf(categories);
    }
  }

  /** The ticket carries this tag (compared after normalisation). */
  record HasTag(String tag) implements Condition {
    public HasTag {
      Objects.requireNonNull(tag, "tag");
    }
  }

  /** The ticket does not carry this tag. */
  record LacksTag(String tag) implements Condition {
    public LacksTag {
      Objects.requireNonNull(tag, "tag");
    }
  }

  /** The ticket is assigned to this agent; a null agent: the ticket is unassigned. */
  record AssigneeIs(@Nullable String agentId) implements Condition {}

  /** The ticket belongs to this company. */
  record CompanyIs(String companyId) implements Condition {
    public CompanyIs {
      Objects.requireNonNull(companyId, "companyId");
    }
  }

  /**
   * Whoever made the change has one of these roles (a trigger only; time rules have no actor). A
   * change a rule made counts as made by {@link Role#ADMIN}.
   */
  record ActorIs(Set<Role> roles) implements Condition {
    public ActorIs {
      roles = Set.copyOf(roles);
    }

    public static ActorIs customer() {
      return new ActorIs(Set.of(Role.CUSTOMER));
    }

    public static ActorIs staff() {
      return new ActorIs(Set.of(Role.AGENT, Role.ADMIN, Role.SUPER_ADMIN));
    }
  }

  /**
   * The change sets {@code field} (as the ticket's history names it: {@code status}, {@code
   * priority}, {@code category}, {@code assignedTo}, {@code tags}, {@code title} ...), from {@code
   * from} to {@code to}; a null {@code from} or {@code to} matches any value (a trigger only).
   */
  record Changed(String field, @Nullable String from, @Nullable String to) implements Condition {
    public Changed {
      Objects.requireNonNull(field, "field");
    }
  }

  /**
   * At least {@code duration} has passed since {@code since}: in calendar time, or in the working
   * time of the business calendar {@code calendarId} (one of the automation settings' calendars).
   * Makes a rule a time rule's; a trigger evaluates it against the time of the change.
   */
  record Elapsed(Since since, Duration duration, @Nullable String calendarId) implements Condition {
    public Elapsed {
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(duration, "duration");
    }

    /** Calendar hours. */
    public static Elapsed hours(Since since, long hours) {
      return new Elapsed(since, Duration.ofHours(hours), null);
    }

    /** Working hours of a business calendar. */
    public static Elapsed businessHours(Since since, long hours, String calendarId) {
      return new Elapsed(since, Duration.ofHours(hours), calendarId);
    }
  }

  /**
   * The ticket's custom field {@code key} has one of {@code values} (for a multiple choice field:
   * holds one of them). Values are written as text a host would send: numbers and decimals compare
   * by value ({@code 1.50} equals {@code 1.5}), dates as {@code yyyy-MM-dd}, booleans as {@code
   * true}/{@code false}, choices and text exactly. A ticket without a value for the field does not
   * match. Checked against the field's definition when the rule is saved.
   *
   * @since 0.2
   */
  record FieldIs(String key, Set<String> values) implements Condition {
    public FieldIs {
      Objects.requireNonNull(key, "key");
      values = Set.copyOf(values);
    }

    /** The field equals {@code value}. */
    public static FieldIs equalTo(String key, String value) {
      return new FieldIs(key, Set.of(value));
    }
  }

  /**
   * The ticket's custom field {@code key} (a number, decimal or date field) lies between {@code
   * from} and {@code to}, both inclusive; a null bound is open. A ticket without a value for the
   * field does not match.
   *
   * @since 0.2
   */
  record FieldBetween(String key, @Nullable String from, @Nullable String to) implements Condition {
    public FieldBetween {
      Objects.requireNonNull(key, "key");
    }
  }

  /** At least one of these holds. */
  record AnyOf(List<Condition> conditions) implements Condition {
    public AnyOf {
      conditions = List.copyOf(conditions);
    }
  }
}
