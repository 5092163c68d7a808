package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.sla.ClockState;
import dev.ticketing.sla.SlaClock;
import dev.ticketing.sla.SlaStanding;
import dev.ticketing.sla.SlaTarget;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.SlaStore;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SLA standing filter ({@link TicketFilter#slaStanding()}): a listing keeps the tickets whose
 * clocks, kept by the store's companion {@link SlaStore}, give them the standing asked for at the
 * query's instant, as {@link SlaStanding#of} decides; with every other filter, scope, keyset
 * pagination and counts intact. The boundaries are inclusive: a clock is at risk from the instant
 * its warning is due, and breached from its due time.
 *
 * @since 0.2.0
 */
public abstract class SlaStandingContract extends StoreContractFixture {

  /** The instant every listing of this contract is judged at. */
  private static final Instant NOW = T0.plus(Duration.ofDays(30));

  private List<TicketRecord> fixture = List.of();
  private final Map<String, SlaStanding> intended = new HashMap<>();

  /** Varied tickets, each given clocks for one standing in turn (and one in six none at all). */
  @BeforeEach
  void insertFixture() {
    fixture = variedTickets(40);
    insert(fixture);
    SlaStore sla =
        Objects.requireNonNull(store().companions().sla(), "the store keeps SLA clocks beside");
    sla.inTransaction(
        () -> {
          for (int i = 0; i < fixture.size(); i++) {
            TicketRecord t = fixture.get(i);
            List<SlaClock> clocks = clocks(i);
            if (!clocks.isEmpty()) {
              sla.saveClocks(t.id(), clocks);
            }
            intended.put(t.id(), standingOf(i));
          }
          return null;
        });
  }

  private static SlaStanding standingOf(int i) {
    return switch (i % 6) {
      case 0 -> SlaStanding.BREACHED;
      case 1 -> SlaStanding.AT_RISK;
      case 2 -> SlaStanding.ON_TRACK;
      case 3 -> SlaStanding.PAUSED;
      default -> SlaStanding.NONE;
    };
  }

  private static List<SlaClock> clocks(int i) {
    Instant start = NOW.minus(Duration.ofHours(6));
    return switch (i % 6) {
      case 0 ->
          i % 12 == 6
              // Met late earlier; another clock still on track: the breach stands.
              ? List.of(
                  fulfilled(SlaTarget.FIRST_RESPONSE, start, Duration.ofHours(1), true),
                  active(SlaTarget.RESOLUTION, start, NOW.plus(Duration.ofHours(5)), null))
              // Due exactly now, or an hour ago.
              : List.of(
                  active(
                      SlaTarget.RESOLUTION,
                      start,
                      i % 4 == 0 ? NOW : NOW.minus(Duration.ofHours(1)),
                      start.plus(Duration.ofHours(1))));
      case 1 ->
          // Warning due exactly now, or an hour ago; a paused clock beside does not outrank it.
          List.of(
              paused(SlaTarget.NEXT_RESPONSE, start),
              active(
                  SlaTarget.RESOLUTION,
                  start,
                  NOW.plus(Duration.ofHours(2)),
                  i % 4 == 1 ? NOW : NOW.minus(Duration.ofHours(1))));
      case 2 ->
          List.of(
              fulfilled(SlaTarget.FIRST_RESPONSE, start, Duration.ofHours(1), false),
              active(
                  SlaTarget.RESOLUTION, start, NOW.plus(Duration.ofHours(2)), NOW.plusSeconds(1)));
      case 3 -> List.of(paused(SlaTarget.RESOLUTION, start));
      case 4 -> List.of(fulfilled(SlaTarget.RESOLUTION, start, Duration.ofHours(1), false));
      default -> List.of();
    };
  }

  private static SlaClock active(
      SlaTarget target, Instant start, Instant due, @Nullable Instant warn) {
    return new SlaClock(
        target,
        1,
        ClockState.ACTIVE,
        "p",
        null,
        Duration.between(start, due),
        Duration.ZERO,
        start,
        start,
        null,
        due,
        warn);
  }

  private static SlaClock paused(SlaTarget target, Instant start) {
    return new SlaClock(
        target,
        1,
        ClockState.PAUSED,
        "p",
        null,
        Duration.ofHours(8),
        Duration.ofHours(1),
        start,
        null,
        start.plus(Duration.ofHours(1)),
        null,
        null);
  }

  private static SlaClock fulfilled(SlaTarget target, Instant start, Duration goal, boolean late) {
    Duration took = late ? goal.multipliedBy(2) : goal.dividedBy(2);
    return new SlaClock(
        target,
        1,
        ClockState.FULFILLED,
        "p",
        null,
        goal,
        took,
        start,
        null,
        start.plus(took),
        late ? start.plus(goal) : null,
        null);
  }

  private static TicketQuery judged(
      VisibilityScope scope, TicketFilter f, SortOrder order, @Nullable Keyset after, int limit) {
    return new TicketQuery(scope, f, CommentSearch.NONE, order, after, limit, NOW);
  }

  private static TicketQuery judged(VisibilityScope scope, TicketFilter f) {
    return judged(scope, f, SortOrder.NEWEST_FIRST, null, MAX_LIMIT);
  }

  private List<String> expected(VisibilityScope scope, Predicate<TicketRecord> also) {
    return fixture.stream()
        .filter(t -> !t.deleted() && scope.matches(t) && also.test(t))
        .sorted(NEWEST_FIRST)
        .map(TicketRecord::id)
        .toList();
  }

  private static TicketFilter standing(SlaStanding s) {
    return TicketFilter.builder().slaStanding(s).build();
  }

  @Test
  void theFixtureStandsAsTheCoreRuleDecides() {
    for (int i = 0; i < fixture.size(); i++) {
      assertThat(SlaStanding.of(clocks(i), NOW)).as("ticket %d", i).isEqualTo(standingOf(i));
    }
  }

  @Test
  void eachStandingListsExactlyItsTickets() {
    for (SlaStanding s : SlaStanding.values()) {
      assertThat(listIds(judged(VisibilityScope.EVERYTHING, standing(s))))
          .as("%s", s)
          .isNotEmpty()
          .isEqualTo(expected(VisibilityScope.EVERYTHING, t -> intended.get(t.id()) == s));
    }
  }

  @Test
  void theStandingIsJudgedAtTheQuerysInstant() {
    // An hour and a second earlier, the clocks due now and an hour ago were at risk or on track.
    Instant before = NOW.minus(Duration.ofHours(1)).minusSeconds(1);
    TicketQuery breached =
        new TicketQuery(
            VisibilityScope.EVERYTHING,
            standing(SlaStanding.BREACHED),
            CommentSearch.NONE,
            SortOrder.NEWEST_FIRST,
            null,
            MAX_LIMIT,
            before);
    List<String> late = listIds(breached);
    assertThat(late)
        .isEqualTo(
            expected(
                VisibilityScope.EVERYTHING,
                t -> fixture.indexOf(t) % 12 == 6)); // only the clocks met late
  }

  @Test
  void theStandingCombinesWithScopeStatusAndAssignee() {
    int found = 0;
    for (SlaStanding s : SlaStanding.values()) {
      for (Status status : List.of(Status.OPEN, Status.IN_PROGRESS, Status.RESOLVED)) {
        TicketFilter f = standing(s).toBuilder().status(status).build();
        List<String> want =
            expected(
                VisibilityScope.EVERYTHING, t -> intended.get(t.id()) == s && t.status() == status);
        assertThat(listIds(judged(VisibilityScope.EVERYTHING, f)))
            .as("%s %s", s, status)
            .isEqualTo(want);
        found += want.size();
      }
      TicketFilter anns = standing(s).toBuilder().assignedToId(ann).build();
      List<String> want =
          expected(
              VisibilityScope.company(acme),
              t -> intended.get(t.id()) == s && ann.equals(t.assigneeId()));
      assertThat(listIds(judged(VisibilityScope.company(acme), anns)))
          .as("%s of ann in acme", s)
          .isEqualTo(want);
      found += want.size();
    }
    assertThat(found).as("combinations that match something").isPositive();
  }

  @Test
  void keysetPagesOfAStandingAddUpToTheWholeList() {
    for (SlaStanding s : SlaStanding.values()) {
      for (SortOrder order : SortOrder.values()) {
        TicketFilter f = standing(s);
        List<String> whole = listIds(judged(VisibilityScope.EVERYTHING, f, order, null, MAX_LIMIT));
        List<String> paged = new ArrayList<>();
        Keyset after = null;
        while (true) {
          List<TicketRow> page =
              store().list(judged(VisibilityScope.EVERYTHING, f, order, after, 2));
          page.forEach(r -> paged.add(r.ticket().id()));
          if (page.size() < 2) {
            break;
          }
          TicketRecord last = page.get(page.size() - 1).ticket();
          after = new Keyset(last.createdAt(), last.id());
        }
        assertThat(paged).as("%s %s", s, order).isEqualTo(whole).hasSizeGreaterThan(2);
      }
    }
  }

  @Test
  void countsOfAStandingMatchItsListing() {
    for (SlaStanding s : SlaStanding.values()) {
      for (VisibilityScope scope :
          List.of(VisibilityScope.EVERYTHING, VisibilityScope.company(acme))) {
        long n = expected(scope, t -> intended.get(t.id()) == s).size();
        TicketQuery q = judged(scope, standing(s));
        assertThat(store().count(q)).as("%s %s", s, scope).isEqualTo(n);
        assertThat(store().countAtMost(q, 2)).as("%s %s", s, scope).isEqualTo(Math.min(n, 2));
      }
    }
  }
}
