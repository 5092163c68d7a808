package dev.ticketing.counters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AssignTicket;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.ChangeTags;
import dev.ticketing.CreateTicket;
import dev.ticketing.MergeTickets;
import dev.ticketing.PageRequest;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingException;
import dev.ticketing.UpdateTicket;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.CounterStore;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.support.Desk;
import dev.ticketing.testsupport.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Over random sequences of creates, status, priority, category, assignee and tag changes, soft
 * deletes, restores, purges, merges and folds of the counters, the statistics, tag statistics and page totals the engine
 * reads from its counters always equal what the store counts over the tickets themselves (the
 * aggregate, computed without the counter rules), after every step, over one company and over all
 * (the latter read from the all-companies set, which always equals the sum of the companies'
 * counters); and reconciliation finds no drift.
 */
class CounterProperties {

  private static final List<String> TAGS = List.of("vip", "printer", "billing", "urgent-fix");
  private static final Status[] TARGETS = {
    Status.IN_PROGRESS,
    Status.WAITING_FOR_CUSTOMER,
    Status.RESOLVED,
    Status.CLOSED,
    Status.REOPENED,
    Status.CANCELLED
  };
  private static final String[] COMPANIES = {"acme", "globex"};

  @Property(tries = 80)
  void countersAlwaysEqualTheAggregateOfTheTickets(
      @ForAll @Size(min = 1, max = 50) List<@IntRange(min = 0, max = 1099) Integer> steps) {
    try (Ticketing t =
        Ticketing.builder()
            .directory(Desk.DIRECTORY)
            .clock(MutableClock.ticking("2026-05-04T10:00:00Z"))
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build()) {
      List<String> tickets = new ArrayList<>();
      for (int step : steps) {
        String ticket = tickets.isEmpty() ? null : tickets.get(step % tickets.size());
        try {
          apply(t, tickets, ticket, step);
        } catch (TicketingException refused) {
          // an invalid transition, a merge of a closed ticket: nothing changed
        }
        assertAgree(t);
      }
      assertThat(t.counters().reconcile(Desk.ADMIN, null, false).drifts()).isEmpty();
    }
  }

  private static void apply(Ticketing t, List<String> tickets, String ticket, int step) {
    var s = t.service();
    int kind = step / 100;
    if (kind <= 1 || ticket == null) {
      boolean globex = step % 3 == 0;
      tickets.add(
          s.createTicket(
                  Desk.ADMIN,
                  new CreateTicket(
                      "T",
                      "D",
                      Priority.values()[step % Priority.values().length],
                      step % 2 == 0 ? Category.BILLING : Category.GENERAL,
                      COMPANIES[globex ? 1 : 0],
                      null,
                      globex ? "jane" : "john",
                      TAGS.subList(0, step % 3),
                      null,
                      null))
              .id());
      return;
    }
    switch (kind) {
      case 2 -> s.changeStatus(Desk.ADMIN, new ChangeStatus(ticket, TARGETS[step % 6], null));
      case 3 ->
          s.updateTicket(
              Desk.ADMIN,
              new UpdateTicket(
                  ticket,
                  null,
                  null,
                  Priority.values()[step % Priority.values().length],
                  step % 5 == 0 ? Category.ACCOUNT : null,
                  null));
      case 4 -> {
        String to = step % 3 == 0 ? null : step % 3 == 1 ? "sarah" : "mike";
        s.assignTicket(Desk.ADMIN, new AssignTicket(ticket, to, null));
      }
      case 5 -> s.changeTags(Desk.ADMIN, ChangeTags.add(ticket, TAGS.get(step % TAGS.size())));
      case 6 -> s.changeTags(Desk.ADMIN, ChangeTags.remove(ticket, TAGS.get(step % TAGS.size())));
      case 7 -> s.deleteTicket(Desk.ADMIN, ticket, null);
      case 8 -> {
        if (step % 2 == 0) {
          s.restoreTicket(Desk.ROOT, ticket, null);
        } else {
          s.purgeTicket(Desk.ROOT, ticket, null);
          tickets.remove(ticket);
        }
      }
      case 9 -> {
        String target = tickets.get((step / 7) % tickets.size());
        t.links().merge(Desk.ADMIN, MergeTickets.of(ticket, target));
      }
      default -> {
        if (step % 4 == 0) {
          t.counters().fold(); // folding keeps every sum, the all-companies set's too
        } else {
          s.changeStatus(Desk.ADMIN, new ChangeStatus(ticket, Status.REOPENED, null));
        }
      }
    }
  }

  private static void assertAgree(Ticketing t) {
    TicketStore raw = t.store(); // the store itself: it counts the tickets, not the counters
    var s = t.service();
    for (String company : new String[] {null, "acme", "globex"}) {
      assertThat(s.ticketStats(Desk.ADMIN, company))
          .as("statistics of %s", company)
          .isEqualTo(raw.stats(VisibilityScope.EVERYTHING, company));
      assertThat(s.tagStats(Desk.ADMIN, company, 20))
          .as("tag statistics of %s", company)
          .isEqualTo(raw.tagCounts(VisibilityScope.EVERYTHING, company, 20));
    }
    List<TicketFilter> filters = new ArrayList<>();
    filters.add(TicketFilter.none());
    filters.add(TicketFilter.builder().companyId("globex").build());
    for (Status st : Status.values()) {
      filters.add(TicketFilter.builder().status(st).build());
    }
    for (Priority p : Priority.values()) {
      filters.add(TicketFilter.builder().companyId("acme").priority(p).build());
    }
    filters.add(TicketFilter.builder().category(Category.ACCOUNT).build());
    filters.add(TicketFilter.builder().assignedToId("sarah").build());
    filters.add(TicketFilter.builder().unassigned(true).build());
    filters.add(TicketFilter.builder().unassigned(false).build());
    for (String tag : TAGS) {
      filters.add(TicketFilter.builder().tags(List.of(tag)).build());
    }
    for (TicketFilter f : filters) {
      Long total =
          s.ticketsPaginated(Desk.ADMIN, PageRequest.first(1).withTotalCount(), f).totalCount();
      long counted =
          raw.count(
              new TicketQuery(
                  VisibilityScope.EVERYTHING,
                  f,
                  CommentSearch.ALL,
                  SortOrder.NEWEST_FIRST,
                  null,
                  1));
      assertThat(total).as("total of %s", f).isEqualTo(counted);
    }
    assertAllCompaniesSetIsTheSum(java.util.Objects.requireNonNull(raw.counters()));
  }

  /**
   * The all-companies set, counter by counter, equals the sum of every company's counters (zeros
   * aside: a fold removes them), and each company's statistics equal the store's aggregate, so the
   * set equals the aggregate of all tickets.
   */
  private static void assertAllCompaniesSetIsTheSum(CounterStore counters) {
    Map<String, Map<String, Long>> all = counters.snapshot(null);
    Map<String, Long> sum = new TreeMap<>();
    all.forEach(
        (company, keys) -> {
          if (!company.equals(CounterStore.ALL_COMPANIES)) {
            keys.forEach((k, n) -> sum.merge(k, n, Long::sum));
          }
        });
    sum.values().removeIf(n -> n == 0);
    Map<String, Long> kept = new TreeMap<>(all.getOrDefault(CounterStore.ALL_COMPANIES, Map.of()));
    kept.values().removeIf(n -> n == 0);
    assertThat(kept).as("the all-companies set").isEqualTo(sum);
  }
}
