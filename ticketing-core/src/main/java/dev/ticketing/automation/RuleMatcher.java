package dev.ticketing.automation;

import dev.ticketing.FieldChange;
import dev.ticketing.TagRules;
import dev.ticketing.sla.BusinessCalendar;
import dev.ticketing.spi.TicketClock;
import dev.ticketing.spi.TicketRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a rule fires in a situation. Pure: the same rule and situation always give the
 * same answer; no store, no clock.
 *
 * @since 0.2
 */
public final class RuleMatcher {

  private final Map<String, BusinessCalendar> calendars;

  /** With the business calendars {@link Condition.Elapsed} may name. */
  public RuleMatcher(Map<String, BusinessCalendar> calendars) {
    this.calendars = Map.copyOf(calendars);
  }

  /**
   * Whether {@code rule} fires: a trigger when the situation has one of its events and every
   * condition holds; a time rule when every condition holds.
   */
  public boolean matches(RuleDefinition rule, Situation s) {
    if (rule.kind() == RuleKind.TRIGGER && Collections.disjoint(rule.events(), s.events())) {
      return false;
    }
    for (Condition c : rule.conditions()) {
      if (!holds(c, s)) {
        return false;
      }
    }
    return true;
  }

  /** Whether one condition holds. */
  public boolean holds(Condition c, Situation s) {
    TicketRecord t = s.ticket();
    if (c instanceof Condition.StatusIs x) {
      return x.statuses().contains(t.status());
    } else if (c instanceof Condition.PriorityIs x) {
      return x.priorities().contains(t.priority());
    } else if (c instanceof Condition.CategoryIs x) {
      return x.categories().contains(t.category());
    } else if (c instanceof Condition.HasTag x) {
      return t.tags().contains(TagRules.normalise(x.tag()));
    } else if (c instanceof Condition.LacksTag x) {
      return !t.tags().contains(TagRules.normalise(x.tag()));
    } else if (c instanceof Condition.AssigneeIs x) {
      return Objects.equals(x.agentId(), t.assigneeId());
    } else if (c instanceof Condition.CompanyIs x) {
      return x.companyId().equals(t.companyId());
    } else if (c instanceof Condition.ActorIs x) {
      return s.actorRole() != null && x.roles().contains(s.actorRole());
    } else if (c instanceof Condition.Changed x) {
      return changed(x, s);
    } else if (c instanceof Condition.Elapsed x) {
      return elapsed(x, s).compareTo(x.duration()) >= 0;
    } else if (c instanceof Condition.FieldIs x) {
      return FieldTests.is(t.fields().get(x.key()), x.values());
    } else if (c instanceof Condition.FieldBetween x) {
      return FieldTests.between(t.fields().get(x.key()), x.from(), x.to());
    } else if (c instanceof Condition.AnyOf x) {
      return x.conditions().stream().anyMatch(inner -> holds(inner, s));
    }
    throw new IllegalArgumentException("unknown condition " + c);
  }

  private static boolean changed(Condition.Changed x, Situation s) {
    for (FieldChange f : s.changes()) {
      if (f.field().equals(x.field())
          && (x.from() == null || x.from().equals(f.oldValue()))
          && (x.to() == null || x.to().equals(f.newValue()))) {
        return true;
      }
    }
    return false;
  }

  /** How long it has been since the condition's moment, in its calendar's working time. */
  public Duration elapsed(Condition.Elapsed x, Situation s) {
    Instant from = moment(x.since(), s.ticket(), s.clock());
    if (!from.isBefore(s.now())) {
      return Duration.ZERO;
    }
    if (x.calendarId() == null) {
      return Duration.between(from, s.now());
    }
    BusinessCalendar calendar = calendars.get(x.calendarId());
    if (calendar == null) {
      return Duration.ZERO; // an unknown calendar never elapses; saving such a rule is refused
    }
    return calendar.between(from, s.now());
  }

  /** The moment {@code since} names for a ticket. */
  public static Instant moment(Since since, TicketRecord t, @Nullable TicketClock clock) {
    if (clock == null) {
      return since == Since.UPDATE ? t.updatedAt() : t.createdAt();
    }
    return moment(since, clock);
  }

  /** The moment {@code since} names in a ticket's clock. */
  public static Instant moment(Since since, TicketClock clock) {
    return switch (since) {
      case STATUS_CHANGE -> clock.statusSince();
      case UPDATE -> clock.updatedAt();
      case LAST_REPLY -> clock.lastReplyAt();
    };
  }

  /** The cycle of {@code since} a clock is in. */
  public static int cycle(Since since, TicketClock clock) {
    return switch (since) {
      case STATUS_CHANGE -> clock.statusCycle();
      case UPDATE -> clock.updateCycle();
      case LAST_REPLY -> clock.replyCycle();
    };
  }
}
