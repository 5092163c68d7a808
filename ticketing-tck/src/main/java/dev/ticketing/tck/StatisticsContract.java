package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketStats;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.TicketRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TicketStats} over the non-deleted tickets in scope, optionally of one company. */
public abstract class StatisticsContract extends StoreContractFixture {

  private List<TicketRecord> fixture = List.of();

  @BeforeEach
  void insertFixture() {
    fixture = variedTickets(42);
    insert(fixture);
  }

  @Test
  void everythingMatchesTheComputation() {
    TicketStats stats = store().stats(VisibilityScope.EVERYTHING, null);

    assertThat(stats).isEqualTo(expectedStats(fixture, VisibilityScope.EVERYTHING, null));
    assertThat(stats.total()).isPositive();
    assertThat(stats.urgent()).isPositive();
    assertThat(stats.high()).isPositive();
    assertThat(stats.unassigned()).isPositive();
  }

  @Test
  void statusCountsSumToTotal() {
    TicketStats stats = store().stats(VisibilityScope.EVERYTHING, null);

    long sum = 0;
    for (Status s : Status.values()) {
      assertThat(stats.count(s)).as("count of %s", s).isPositive();
      sum += stats.count(s);
    }
    assertThat(sum).isEqualTo(stats.total());
  }

  @Test
  void urgentHighAndUnassignedCountOnlyActiveTickets() {
    String company = newId();
    List<TicketRecord> tickets = new ArrayList<>();
    for (Status s : Status.values()) {
      tickets.add(
          ticket(company, alice, T0.plusSeconds(tickets.size()))
              .edit()
              .status(s)
              .priority(Priority.URGENT)
              .assigneeId(ann)
              .build());
      tickets.add(
          ticket(company, alice, T0.plusSeconds(tickets.size()))
              .edit()
              .status(s)
              .priority(Priority.HIGH)
              .assigneeId(ben)
              .build());
      tickets.add(
          ticket(company, alice, T0.plusSeconds(tickets.size()))
              .edit()
              .status(s)
              .priority(Priority.LOW)
              .assigneeId(null)
              .build());
    }
    insert(tickets);

    TicketStats stats = store().stats(VisibilityScope.company(company), null);

    // "Active" is core's decision (Status.isActive), never the store's own list.
    long active = Status.active().size();
    assertThat(stats).isEqualTo(new TicketStats(21, 3, 3, 3, 3, 3, 3, 3, active, active, active));
    assertThat(store().stats(VisibilityScope.EVERYTHING, company)).isEqualTo(stats);
  }

  @Test
  void scopeRestrictsTheFigures() {
    for (VisibilityScope scope :
        List.of(
            VisibilityScope.company(acme),
            VisibilityScope.company(globex),
            VisibilityScope.assignedTo(ann),
            VisibilityScope.requestedBy(alice, acme),
            new VisibilityScope(false, null, initech, ben))) {
      TicketStats expected = expectedStats(fixture, scope, null);
      assertThat(expected.total()).as("fixture has tickets in %s", scope).isPositive();
      assertThat(store().stats(scope, null)).as("stats in %s", scope).isEqualTo(expected);
    }
  }

  @Test
  void companyIdRestrictsTheFigures() {
    for (String company : List.of(acme, globex, initech)) {
      assertThat(store().stats(VisibilityScope.EVERYTHING, company))
          .isEqualTo(expectedStats(fixture, VisibilityScope.EVERYTHING, company));
    }
    TicketStats annAtAcme = expectedStats(fixture, VisibilityScope.assignedTo(ann), acme);
    assertThat(annAtAcme.total()).isPositive();
    assertThat(store().stats(VisibilityScope.assignedTo(ann), acme)).isEqualTo(annAtAcme);
  }

  @Test
  void companyOutsideTheScopeAndNothingScopeGiveEmptyStats() {
    assertThat(store().stats(VisibilityScope.company(acme), globex)).isEqualTo(TicketStats.EMPTY);
    assertThat(store().stats(VisibilityScope.NOTHING, null)).isEqualTo(TicketStats.EMPTY);
    assertThat(store().stats(VisibilityScope.NOTHING, acme)).isEqualTo(TicketStats.EMPTY);
    assertThat(store().stats(VisibilityScope.EVERYTHING, newId())).isEqualTo(TicketStats.EMPTY);
  }

  @Test
  void softDeletedTicketsAreNotCounted() {
    String company = newId();
    TicketRecord live = ticket(company, alice, T0).edit().priority(Priority.URGENT).build();
    TicketRecord deleted =
        softDeleted(
                ticket(company, alice, T0.plusSeconds(1)).edit().priority(Priority.URGENT).build(),
                T0.plusSeconds(2))
            .edit()
            .status(Status.OPEN)
            .build();
    insert(live, deleted);

    assertThat(store().stats(VisibilityScope.company(company), null))
        .isEqualTo(new TicketStats(1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1));
    assertThat(fixture).anyMatch(TicketRecord::deleted);
  }
}
