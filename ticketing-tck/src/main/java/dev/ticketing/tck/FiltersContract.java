package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every {@link TicketFilter} component narrows the listing as documented. */
public abstract class FiltersContract extends StoreContractFixture {

  private List<TicketRecord> fixture = List.of();

  @BeforeEach
  void insertFixture() {
    fixture = variedTickets(28);
    insert(fixture);
  }

  @Test
  void statusFilterListsOnlyThatStatus() {
    int matched = 0;
    for (Status s : Status.values()) {
      matched +=
          assertFilter(TicketFilter.builder().status(s).build(), t -> t.status() == s).size();
    }
    assertThat(matched).isEqualTo(fixture.stream().filter(t -> !t.deleted()).count());
  }

  @Test
  void priorityFilterListsOnlyThatPriority() {
    for (Priority p : Priority.values()) {
      assertThat(assertFilter(TicketFilter.builder().priority(p).build(), t -> t.priority() == p))
          .isNotEmpty();
    }
  }

  @Test
  void categoryFilterListsOnlyThatCategory() {
    for (Category c : List.of(Category.TECHNICAL, Category.BILLING, Category.GENERAL)) {
      assertThat(
              assertFilter(TicketFilter.builder().category(c).build(), t -> t.category().equals(c)))
          .isNotEmpty();
    }
    assertThat(assertFilter(TicketFilter.builder().category(Category.ACCOUNT).build(), t -> false))
        .isEmpty();
  }

  /**
   * A category is the id of a subject in the host's catalog: UUIDs, ids of 128 characters and
   * ids that differ only in case are kept and filtered exactly (since 0.2.0).
   */
  @Test
  void subjectIdsOfAnyWellFormedShapeAreKeptAndFilteredExactly() {
    List<Category> subjects =
        List.of(
            Category.of("5f0c6d2e-8a51-4b7e-9a43-0d6f1e2b7c11"),
            Category.of("s" + "x".repeat(127)),
            Category.of("therapy"),
            Category.of("THERAPY"),
            Category.of("a.b:c@d-e_f"));
    List<TicketRecord> made = new ArrayList<>();
    for (int i = 0; i < subjects.size(); i++) {
      made.add(
          ticket(acme, alice, T0.plusSeconds(10_000 + i)).edit().category(subjects.get(i)).build());
    }
    insert(made);

    for (TicketRecord t : made) {
      assertThat(found(t.id()).category()).isEqualTo(t.category());
      TicketQuery q =
          query(VisibilityScope.EVERYTHING, TicketFilter.builder().category(t.category()).build());
      assertThat(listIds(q)).as("tickets about %s", t.category()).containsExactly(t.id());
      assertThat(store().count(q)).isEqualTo(1);
    }
  }

  @Test
  void companyFilterListsOnlyThatCompany() {
    for (String company : List.of(acme, globex, initech)) {
      assertThat(
              assertFilter(
                  TicketFilter.builder().companyId(company).build(),
                  t -> t.companyId().equals(company)))
          .isNotEmpty();
    }
  }

  @Test
  void assignedToFilterListsOnlyTicketsOfThatAssignee() {
    assertThat(
            assertFilter(
                TicketFilter.builder().assignedToId(ann).build(), t -> ann.equals(t.assigneeId())))
        .isNotEmpty();
    assertThat(
            assertFilter(
                TicketFilter.builder().assignedToId(ben).build(), t -> ben.equals(t.assigneeId())))
        .isNotEmpty();
  }

  @Test
  void unassignedTrueListsOnlyTicketsWithoutAssignee() {
    assertThat(
            assertFilter(
                TicketFilter.builder().unassigned(true).build(), t -> t.assigneeId() == null))
        .isNotEmpty();
  }

  @Test
  void unassignedFalseListsOnlyAssignedTickets() {
    assertThat(
            assertFilter(
                TicketFilter.builder().unassigned(false).build(), t -> t.assigneeId() != null))
        .isNotEmpty();
  }

  @Test
  void createdByFilterListsOnlyThatCreatorsTickets() {
    assertThat(
            assertFilter(
                TicketFilter.builder().createdBy(bob).build(), t -> t.createdBy().equals(bob)))
        .isNotEmpty();
    assertThat(
            assertFilter(
                TicketFilter.builder().createdBy(admin).build(), t -> t.createdBy().equals(admin)))
        .isNotEmpty();
  }

  @Test
  void createdFromIsInclusive() {
    Instant from = fixture.get(10).createdAt();

    List<TicketRecord> matched =
        assertFilter(
            TicketFilter.builder().createdFrom(from).build(), t -> !t.createdAt().isBefore(from));

    assertThat(ids(matched)).contains(fixture.get(10).id()).doesNotContain(fixture.get(9).id());
  }

  @Test
  void createdToIsExclusive() {
    Instant to = fixture.get(10).createdAt();

    List<TicketRecord> matched =
        assertFilter(TicketFilter.builder().createdTo(to).build(), t -> t.createdAt().isBefore(to));

    assertThat(ids(matched)).contains(fixture.get(9).id()).doesNotContain(fixture.get(10).id());
  }

  @Test
  void createdRangeIsHalfOpen() {
    Instant from = fixture.get(4).createdAt();
    Instant to = fixture.get(9).createdAt();

    List<TicketRecord> matched =
        assertFilter(
            TicketFilter.builder().createdFrom(from).createdTo(to).build(),
            t -> !t.createdAt().isBefore(from) && t.createdAt().isBefore(to));

    assertThat(ids(matched))
        .containsExactlyInAnyOrderElementsOf(
            ids(fixture.subList(4, 9).stream().filter(t -> !t.deleted()).toList()));
  }

  @Test
  void componentsCombineAsAConjunction() {
    TicketFilter filter =
        TicketFilter.builder().companyId(acme).unassigned(false).priority(Priority.LOW).build();
    List<TicketRecord> matched =
        assertFilter(
            filter,
            t ->
                t.companyId().equals(acme)
                    && t.assigneeId() != null
                    && t.priority() == Priority.LOW);

    assertThat(matched).isNotEmpty();
    assertFilter(
        TicketFilter.builder()
            .status(Status.OPEN)
            .category(Category.BILLING)
            .createdBy(alice)
            .build(),
        t ->
            t.status() == Status.OPEN
                && t.category().equals(Category.BILLING)
                && t.createdBy().equals(alice));
  }

  @Test
  void softDeletedTicketsAreExcludedUnlessIncludeDeleted() {
    List<TicketRecord> deleted = fixture.stream().filter(TicketRecord::deleted).toList();
    assertThat(deleted).isNotEmpty();

    assertThat(listIds(query(VisibilityScope.EVERYTHING, TicketFilter.none())))
        .doesNotContainAnyElementsOf(ids(deleted));

    TicketQuery withDeleted =
        query(VisibilityScope.EVERYTHING, TicketFilter.builder().includeDeleted(true).build());
    assertThat(listIds(withDeleted))
        .containsExactlyElementsOf(ids(fixture.stream().sorted(NEWEST_FIRST).toList()));
    assertThat(store().count(withDeleted)).isEqualTo(fixture.size());
  }

  @Test
  void includeDeletedStillAppliesTheOtherFilters() {
    TicketFilter filter = TicketFilter.builder().includeDeleted(true).companyId(acme).build();
    List<TicketRecord> expected =
        fixture.stream().filter(t -> t.companyId().equals(acme)).sorted(NEWEST_FIRST).toList();

    assertThat(expected).anyMatch(TicketRecord::deleted);
    assertThat(listIds(query(VisibilityScope.EVERYTHING, filter)))
        .containsExactlyElementsOf(ids(expected));
    assertThat(store().count(query(VisibilityScope.EVERYTHING, filter))).isEqualTo(expected.size());
  }

  @Test
  void countIgnoresPositionAndLimit() {
    TicketRecord middle =
        fixture.stream().filter(t -> !t.deleted()).sorted(NEWEST_FIRST).toList().get(5);
    TicketQuery q =
        new TicketQuery(
            VisibilityScope.EVERYTHING,
            TicketFilter.none(),
            CommentSearch.NONE,
            SortOrder.NEWEST_FIRST,
            new Keyset(middle.createdAt(), middle.id()),
            2);

    assertThat(store().list(q)).hasSize(2);
    assertThat(store().count(q)).isEqualTo(fixture.stream().filter(t -> !t.deleted()).count());
  }

  /** Asserts list (newest first) and count against the predicate over non-deleted tickets. */
  private List<TicketRecord> assertFilter(TicketFilter filter, Predicate<TicketRecord> predicate) {
    List<TicketRecord> expected =
        fixture.stream()
            .filter(t -> !t.deleted() && predicate.test(t))
            .sorted(NEWEST_FIRST)
            .toList();
    TicketQuery q = query(VisibilityScope.EVERYTHING, filter);
    assertThat(listIds(q)).as("list with %s", filter).containsExactlyElementsOf(ids(expected));
    assertThat(store().count(q)).as("count with %s", filter).isEqualTo(expected.size());
    return expected;
  }
}
