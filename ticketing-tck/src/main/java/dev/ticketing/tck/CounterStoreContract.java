package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.AssignTicket;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.ChangeTags;
import dev.ticketing.CounterReport;
import dev.ticketing.CreateTicket;
import dev.ticketing.MergeTickets;
import dev.ticketing.PageRequest;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.UpdateTicket;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.CounterDelta;
import dev.ticketing.spi.CounterStore;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.testsupport.SamplePeople;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The ticket counters a store keeps ({@link dev.ticketing.spi.TicketStore#counters()}): deltas add
 * up across stripes, in the store's units of work (a rollback takes them back), folding keeps every
 * sum; and, through the engine, statistics, tag statistics and page totals read from them equal
 * what the store counts, after creates, status, priority, category, assignee and tag changes,
 * soft deletes, restores, purges and merges, with reconciliation finding and repairing an injected
 * drift. The all-companies set ({@link CounterStore#ALL_COMPANIES}) is one more company to the
 * store; through the engine it always holds the sum of every company's counters, and statistics
 * and totals over all companies are read from it.
 *
 * @since 0.2.0
 */
public abstract class CounterStoreContract extends StoreContractFixture {

  private CounterStore counters() {
    return Objects.requireNonNull(store().counters(), "the store keeps no counters");
  }

  private void add(int stripe, CounterDelta... deltas) {
    tx(
        () -> {
          List<CounterDelta> sorted = new ArrayList<>(List.of(deltas));
          sorted.sort(null);
          counters().add(stripe, sorted);
        });
  }

  @Test
  void deltasAddUpAcrossStripesPerCompany() {
    add(0, new CounterDelta(acme, "s:OPEN", 2), new CounterDelta(globex, "s:OPEN", 5));
    add(3, new CounterDelta(acme, "s:OPEN", 1), new CounterDelta(acme, "u", 1));
    add(7, new CounterDelta(acme, "s:OPEN", -1));

    assertThat(counters().sums(acme, List.of("s:OPEN", "u", "s:CLOSED")))
        .isEqualTo(Map.of("s:OPEN", 2L, "u", 1L));
    assertThat(counters().sums(globex, List.of("s:OPEN"))).isEqualTo(Map.of("s:OPEN", 5L));
    assertThat(counters().snapshot(acme)).isEqualTo(Map.of(acme, Map.of("s:OPEN", 2L, "u", 1L)));
    assertThat(counters().snapshot(null))
        .isEqualTo(Map.of(acme, Map.of("s:OPEN", 2L, "u", 1L), globex, Map.of("s:OPEN", 5L)));
  }

  @Test
  void aPrefixReadsOnlyItsCounters() {
    add(
        1,
        new CounterDelta(acme, "at:vip", 1),
        new CounterDelta(acme, "s:OPEN", 4),
        new CounterDelta(acme, "t:billing", 2),
        new CounterDelta(acme, "t:vip", 3),
        new CounterDelta(acme, "tx", 9));
    add(2, new CounterDelta(globex, "t:vip", 1));

    assertThat(counters().sumsByPrefix(acme, "t:")).isEqualTo(Map.of("t:billing", 2L, "t:vip", 3L));
    assertThat(counters().sumsByPrefix(globex, "t:")).isEqualTo(Map.of("t:vip", 1L));
    assertThat(counters().sumsByPrefix(acme, "at:")).isEqualTo(Map.of("at:vip", 1L));
  }

  @Test
  void theAllCompaniesSetIsOneMoreCompanyToTheStore() {
    add(
        2,
        new CounterDelta(CounterStore.ALL_COMPANIES, "s:OPEN", 3),
        new CounterDelta(CounterStore.ALL_COMPANIES, "t:vip", 1),
        new CounterDelta(acme, "s:OPEN", 1),
        new CounterDelta(globex, "s:OPEN", 2),
        new CounterDelta(globex, "t:vip", 1));
    add(
        9,
        new CounterDelta(CounterStore.ALL_COMPANIES, "s:OPEN", 1),
        new CounterDelta(acme, "s:OPEN", 1));

    assertThat(counters().sums(CounterStore.ALL_COMPANIES, List.of("s:OPEN", "s:CLOSED")))
        .isEqualTo(Map.of("s:OPEN", 4L));
    assertThat(counters().sumsByPrefix(CounterStore.ALL_COMPANIES, "t:"))
        .isEqualTo(Map.of("t:vip", 1L));
    assertThat(counters().sums(acme, List.of("s:OPEN"))).isEqualTo(Map.of("s:OPEN", 2L));
    assertThat(counters().snapshot(CounterStore.ALL_COMPANIES))
        .isEqualTo(Map.of(CounterStore.ALL_COMPANIES, Map.of("s:OPEN", 4L, "t:vip", 1L)));
    assertThat(counters().snapshot(null)).containsKeys(CounterStore.ALL_COMPANIES, acme, globex);
  }

  @Test
  void manyDeltasOfOneUnitOfWorkAllLand() {
    // More counters than one statement of a store may carry: a repair of a large desk.
    List<CounterDelta> many = new ArrayList<>();
    for (int i = 0; i < 1_203; i++) {
      many.add(new CounterDelta(acme, String.format("a:agent-%05d", i), i % 7 == 0 ? -1 : 1));
    }
    add(4, many.toArray(CounterDelta[]::new));
    add(4, new CounterDelta(acme, "a:agent-00001", 1));

    Map<String, Long> sums = counters().sumsByPrefix(acme, "a:");
    assertThat(sums).hasSize(1_203);
    assertThat(sums.get("a:agent-00000")).isEqualTo(-1L);
    assertThat(sums.get("a:agent-00001")).isEqualTo(2L);
    assertThat(sums.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(1_203 - 2L * 172 + 1);
  }

  @Test
  void aUnitOfWorkThatFailsAddsNothing() {
    add(0, new CounterDelta(acme, "s:OPEN", 1));

    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        () -> {
                          counters().add(0, List.of(new CounterDelta(acme, "s:OPEN", 10)));
                          throw new IllegalStateException("rolled back");
                        }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(counters().sums(acme, List.of("s:OPEN"))).isEqualTo(Map.of("s:OPEN", 1L));
  }

  @Test
  void foldingKeepsEverySumAndDropsZeroCounters() {
    for (int stripe = 0; stripe < 5; stripe++) {
      add(
          stripe,
          new CounterDelta(acme, "p:HIGH", 1),
          new CounterDelta(acme, "s:OPEN", stripe % 2 == 0 ? 1 : -1),
          new CounterDelta(globex, "u", 2));
    }

    int removed = counters().fold();

    assertThat(removed).isPositive();
    assertThat(counters().snapshot(null))
        .isEqualTo(Map.of(acme, Map.of("p:HIGH", 5L, "s:OPEN", 1L), globex, Map.of("u", 10L)));
    add(0, new CounterDelta(acme, "s:OPEN", -1));
    counters().fold();
    assertThat(counters().snapshot(acme)).isEqualTo(Map.of(acme, Map.of("p:HIGH", 5L)));
    assertThat(counters().fold()).isZero();
  }

  // ============================================================ through the engine

  private Ticketing engine() {
    return Ticketing.builder()
        .store(store())
        .directory(SamplePeople.directory())
        .backgroundDispatch(false)
        .backgroundSweep(false)
        .build();
  }

  private static TicketView create(
      TicketService s, Priority p, Category c, List<String> tags, boolean globexCustomer) {
    TicketView made =
        s.createTicket(
            globexCustomer ? SamplePeople.JANE : SamplePeople.JOHN,
            new CreateTicket("Printer", "It jams", p, c, null, null, null, null, null, null));
    // Customers do not tag; staff do.
    return tags.isEmpty()
        ? made
        : s.changeTags(SamplePeople.ADMIN, ChangeTags.add(made.id(), tags.toArray(String[]::new)));
  }

  @Test
  void statisticsAndTotalsFromCountersEqualTheCount() {
    try (Ticketing t = engine()) {
      TicketService s = t.service();
      List<TicketView> made = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        made.add(
            create(
                s,
                Priority.values()[i % Priority.values().length],
                i % 3 == 0 ? Category.BILLING : Category.TECHNICAL,
                i % 2 == 0 ? List.of("vip", "printer") : List.of("printer"),
                i % 4 == 3));
      }
      assertAgree(t);
      var admin = SamplePeople.ADMIN;
      s.assignTicket(admin, new AssignTicket(made.get(0).id(), "sarah"));
      s.assignTicket(admin, new AssignTicket(made.get(1).id(), "mike"));
      s.assignTicket(admin, new AssignTicket(made.get(0).id(), null));
      s.assignTicket(admin, new AssignTicket(made.get(2).id(), "sarah"));
      s.changeStatus(admin, new ChangeStatus(made.get(2).id(), Status.WAITING_FOR_CUSTOMER));
      s.changeStatus(admin, new ChangeStatus(made.get(3).id(), Status.RESOLVED));
      s.updateTicket(
          admin,
          new UpdateTicket(made.get(4).id(), null, null, Priority.URGENT, Category.ACCOUNT, null));
      s.changeTags(admin, ChangeTags.add(made.get(5).id(), "vip", "escalated"));
      s.changeTags(admin, ChangeTags.remove(made.get(6).id(), "printer", "vip"));
      assertAgree(t);
      s.deleteTicket(admin, made.get(7).id());
      s.deleteTicket(admin, made.get(8).id());
      s.restoreTicket(SamplePeople.ROOT, made.get(8).id());
      s.purgeTicket(SamplePeople.ROOT, made.get(9).id());
      t.links().merge(admin, MergeTickets.of(made.get(10).id(), made.get(1).id()));
      assertAgree(t);
    }
  }

  private void assertAgree(Ticketing t) {
    TicketService s = t.service();
    var admin = SamplePeople.ADMIN;
    for (String company : new String[] {null, "acme", "globex"}) {
      assertThat(s.ticketStats(admin, company))
          .as("statistics of %s", company)
          .isEqualTo(store().stats(VisibilityScope.EVERYTHING, company));
      assertThat(s.tagStats(admin, company, 50))
          .as("tag statistics of %s", company)
          .isEqualTo(store().tagCounts(VisibilityScope.EVERYTHING, company, 50));
    }
    List<TicketFilter> filters =
        List.of(
            TicketFilter.none(),
            TicketFilter.builder().companyId("acme").build(),
            TicketFilter.builder().status(Status.OPEN).build(),
            TicketFilter.builder().companyId("globex").status(Status.OPEN).build(),
            TicketFilter.builder().priority(Priority.HIGH).build(),
            TicketFilter.builder().category(Category.BILLING).build(),
            TicketFilter.builder().assignedToId("sarah").build(),
            TicketFilter.builder().unassigned(true).build(),
            TicketFilter.builder().unassigned(false).build(),
            TicketFilter.builder().tags(List.of("vip")).build(),
            TicketFilter.builder().status(Status.OPEN).priority(Priority.HIGH).build());
    for (TicketFilter f : filters) {
      TicketPage page = s.ticketsPaginated(admin, PageRequest.first(2).withTotalCount(), f);
      long counted =
          store()
              .count(
                  new TicketQuery(
                      VisibilityScope.EVERYTHING,
                      f,
                      CommentSearch.ALL,
                      SortOrder.NEWEST_FIRST,
                      null,
                      2));
      assertThat(page.totalCount()).as("total of %s", f).isEqualTo(counted);
      assertThat(page.totalCountCapped()).isFalse();
    }
    assertThat(t.counters().reconcile(admin, null, false).drifts()).isEmpty();
    assertAllCompaniesSetIsTheSumOfTheCompanies();
  }

  /** The all-companies set holds, counter by counter, the sum of every company's. */
  private void assertAllCompaniesSetIsTheSumOfTheCompanies() {
    Map<String, Long> sum = new java.util.TreeMap<>();
    Map<String, Map<String, Long>> all = counters().snapshot(null);
    all.forEach(
        (company, keys) -> {
          if (!company.equals(CounterStore.ALL_COMPANIES)) {
            keys.forEach((k, n) -> sum.merge(k, n, Long::sum));
          }
        });
    sum.values().removeIf(n -> n == 0);
    Map<String, Long> kept =
        new java.util.TreeMap<>(all.getOrDefault(CounterStore.ALL_COMPANIES, Map.of()));
    kept.values().removeIf(n -> n == 0);
    assertThat(kept).as("the all-companies set").isEqualTo(sum).isNotEmpty();
  }

  @Test
  void aBroadFilterIsCountedUpToTheCapOnly() {
    try (Ticketing t =
        Ticketing.builder()
            .store(store())
            .directory(SamplePeople.directory())
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .counters(dev.ticketing.CounterSettings.defaults().withTotalCountCap(3))
            .build()) {
      for (int i = 0; i < 5; i++) {
        create(t.service(), Priority.HIGH, Category.GENERAL, List.of(), false);
      }
      TicketFilter searched = TicketFilter.builder().searchTerm("Printer").build();
      TicketPage capped =
          t.service()
              .ticketsPaginated(
                  SamplePeople.ADMIN, PageRequest.first(2).withTotalCount(), searched);
      TicketPage exact =
          t.service()
              .ticketsPaginated(
                  SamplePeople.ADMIN, PageRequest.first(2).withTotalCount(), TicketFilter.none());

      assertThat(capped.totalCount()).isEqualTo(3L);
      assertThat(capped.totalCountCapped()).isTrue();
      assertThat(exact.totalCount()).isEqualTo(5L);
      assertThat(exact.totalCountCapped()).isFalse();
      assertThat(store().countAtMost(queryOf(searched), 4)).isEqualTo(4);
      assertThat(store().countAtMost(queryOf(searched), 10)).isEqualTo(5);
    }
  }

  private static TicketQuery queryOf(TicketFilter f) {
    return new TicketQuery(
        VisibilityScope.EVERYTHING, f, CommentSearch.ALL, SortOrder.NEWEST_FIRST, null, 10);
  }

  @Test
  void reconciliationFindsAndRepairsAnInjectedDrift() {
    try (Ticketing t = engine()) {
      for (int i = 0; i < 4; i++) {
        create(t.service(), Priority.LOW, Category.GENERAL, List.of("vip"), i == 3);
      }
      // Drift as writes around the engine leave it (tickets deleted or added in SQL): a company's
      // counter and the all-companies set alike, one too high, one too low.
      String all = CounterStore.ALL_COMPANIES;
      add(
          5,
          new CounterDelta(all, "s:OPEN", 2),
          new CounterDelta(all, "t:vip", -1),
          new CounterDelta("acme", "s:OPEN", 2),
          new CounterDelta("globex", "t:vip", -1));

      CounterReport found = t.counters().reconcile(SamplePeople.ADMIN, null, false);

      assertThat(found.tickets()).isEqualTo(4);
      assertThat(found.repaired()).isFalse();
      assertThat(found.drifts())
          .extracting(d -> d.companyId() + " " + d.key() + " " + d.counted() + "->" + d.expected())
          .containsExactly(
              "* s:OPEN 6->4", "* t:vip 3->4", "acme s:OPEN 5->3", "globex t:vip 0->1");
      assertThat(t.service().ticketStats(SamplePeople.ADMIN, "acme").open()).isEqualTo(5);
      assertThat(t.service().ticketStats(SamplePeople.ADMIN, null).open()).isEqualTo(6);

      CounterReport repaired = t.counters().reconcile(SamplePeople.ROOT, "acme", true);

      // One company repaired: the all-companies set moves by the same difference.
      assertThat(repaired.repaired()).isTrue();
      assertThat(repaired.drifts()).hasSize(1);
      assertThat(t.service().ticketStats(SamplePeople.ADMIN, "acme").open()).isEqualTo(3);
      assertThat(t.service().ticketStats(SamplePeople.ADMIN, null).open()).isEqualTo(4);
      assertThat(t.counters().reconcile(SamplePeople.ADMIN, null, true).drifts())
          .extracting(d -> d.companyId() + " " + d.key())
          .containsExactly("* t:vip", "globex t:vip");
      assertThat(t.counters().reconcile(SamplePeople.ADMIN, null, false).consistent()).isTrue();

      // The all-companies set alone drifted (no company did): counting every company finds it.
      add(1, new CounterDelta(all, "u", 7));
      assertThat(t.counters().reconcile(SamplePeople.ADMIN, "acme", false).consistent()).isTrue();
      assertThat(t.counters().reconcile(SamplePeople.ADMIN, null, true).drifts())
          .extracting(d -> d.companyId() + " " + d.key() + " " + d.counted() + "->" + d.expected())
          .containsExactly("* u 11->4");
      assertThat(t.counters().reconcile(SamplePeople.ADMIN, null, false).consistent()).isTrue();
      assertThatThrownBy(() -> t.counters().reconcile(SamplePeople.SARAH, null, false))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> t.counters().reconcile(SamplePeople.JOHN, null, true))
          .isInstanceOf(AccessDeniedException.class);
    }
  }
}
