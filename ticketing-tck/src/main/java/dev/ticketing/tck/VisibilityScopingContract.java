package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing and counting return exactly the tickets {@link VisibilityScope#matches} accepts. */
public abstract class VisibilityScopingContract extends StoreContractFixture {

  private List<TicketRecord> fixture = List.of();

  @BeforeEach
  void insertFixture() {
    fixture = variedTickets(28);
    insert(fixture);
  }

  @Test
  void everythingListsEveryTicketThatIsNotDeleted() {
    List<TicketRecord> expected = assertScope(VisibilityScope.EVERYTHING);

    assertThat(expected)
        .hasSize((int) fixture.stream().filter(t -> !t.deleted()).count())
        .hasSizeLessThan(fixture.size());
  }

  @Test
  void nothingListsNoTicket() {
    assertThat(store().list(query(VisibilityScope.NOTHING, TicketFilter.none()))).isEmpty();
    assertThat(store().count(query(VisibilityScope.NOTHING, TicketFilter.none()))).isZero();
    assertThat(
            store()
                .list(
                    query(
                        VisibilityScope.NOTHING,
                        TicketFilter.builder().includeDeleted(true).build())))
        .isEmpty();
    assertThat(
            store()
                .count(
                    query(VisibilityScope.NOTHING, TicketFilter.builder().companyId(acme).build())))
        .isZero();
  }

  @Test
  void createdByScopeListsOnlyTheCreatorsTickets() {
    assertThat(assertScope(VisibilityScope.requestedBy(alice, acme))).isNotEmpty();
    assertThat(assertScope(VisibilityScope.requestedBy(carol, globex))).isNotEmpty();
    assertThat(assertScope(VisibilityScope.requestedBy(admin, null))).isNotEmpty();
    assertThat(assertScope(VisibilityScope.requestedBy(admin, initech))).isNotEmpty();
  }

  @Test
  void createdByScopeOfAnotherCompanyListsNothing() {
    assertThat(assertScope(VisibilityScope.requestedBy(alice, globex))).isEmpty();
    assertThat(assertScope(VisibilityScope.requestedBy(newId(), acme))).isEmpty();
  }

  @Test
  void companyScopeListsOnlyThatCompanysTickets() {
    for (String company : List.of(acme, globex, initech)) {
      assertThat(assertScope(VisibilityScope.company(company))).isNotEmpty();
    }
    assertThat(assertScope(VisibilityScope.company(newId()))).isEmpty();
  }

  @Test
  void assignedToScopeListsOnlyTicketsAssignedToThatUser() {
    assertThat(assertScope(VisibilityScope.assignedTo(ann))).isNotEmpty();
    assertThat(assertScope(VisibilityScope.assignedTo(ben))).isNotEmpty();
    assertThat(assertScope(VisibilityScope.assignedTo(alice))).isEmpty();
  }

  @Test
  void scopeComponentsCombineAsAConjunction() {
    List<TicketRecord> both = assertScope(new VisibilityScope(false, null, acme, ann));
    List<TicketRecord> acmeOnly =
        fixture.stream().filter(t -> !t.deleted() && t.companyId().equals(acme)).toList();
    List<TicketRecord> annOnly =
        fixture.stream().filter(t -> !t.deleted() && ann.equals(t.assigneeId())).toList();

    assertThat(both).isNotEmpty().hasSizeLessThan(acmeOnly.size()).hasSizeLessThan(annOnly.size());
    assertThat(assertScope(new VisibilityScope(false, admin, initech, ben))).isNotEmpty();
    assertThat(assertScope(new VisibilityScope(true, null, acme, null))).isEmpty();
  }

  @Test
  void filtersNeverWidenTheScope() {
    assertThat(
            store()
                .list(
                    query(
                        VisibilityScope.company(acme),
                        TicketFilter.builder().companyId(globex).build())))
        .isEmpty();
    assertThat(
            store()
                .list(
                    query(
                        VisibilityScope.assignedTo(ann),
                        TicketFilter.builder().assignedToId(ben).build())))
        .isEmpty();
    assertThat(
            store()
                .list(
                    query(
                        VisibilityScope.assignedTo(ann),
                        TicketFilter.builder().unassigned(true).build())))
        .isEmpty();
    assertThat(
            store()
                .count(
                    query(
                        VisibilityScope.requestedBy(alice, acme),
                        TicketFilter.builder().createdBy(bob).build())))
        .isZero();
    assertThat(
            store()
                .list(
                    query(
                        VisibilityScope.company(acme),
                        TicketFilter.builder().companyId(acme).build())))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.ticket().companyId()).isEqualTo(acme));
  }

  @Test
  void scopeAppliesToSoftDeletedTicketsToo() {
    TicketFilter withDeleted = TicketFilter.builder().includeDeleted(true).build();
    for (VisibilityScope scope :
        List.of(
            VisibilityScope.company(acme),
            VisibilityScope.company(globex),
            VisibilityScope.assignedTo(ben))) {
      List<TicketRecord> expected =
          fixture.stream().filter(scope::matches).sorted(NEWEST_FIRST).toList();
      assertThat(listIds(query(scope, withDeleted))).containsExactlyElementsOf(ids(expected));
      assertThat(store().count(query(scope, withDeleted))).isEqualTo(expected.size());
    }
    assertThat(
            fixture.stream().filter(t -> t.deleted() && VisibilityScope.company(acme).matches(t)))
        .isNotEmpty();
  }

  /** Asserts list and count against the in-test predicate; returns the expected tickets. */
  private List<TicketRecord> assertScope(VisibilityScope scope) {
    List<TicketRecord> expected =
        fixture.stream()
            .filter(t -> !t.deleted() && scope.matches(t))
            .sorted(NEWEST_FIRST)
            .toList();
    TicketQuery q = query(scope, TicketFilter.none());
    assertThat(listIds(q)).as("list in %s", scope).containsExactlyElementsOf(ids(expected));
    assertThat(store().count(q)).as("count in %s", scope).isEqualTo(expected.size());
    return expected;
  }
}
